package io.inferplan.plan.evaluate;

import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.Percentiles;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.ServingFacts;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.WorkloadMode;
import io.inferplan.engine.speed.analytic.AnalyticAnswer;
import io.inferplan.engine.speed.analytic.AnalyticKernel;
import io.inferplan.plan.catalog.CatalogSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled fast path ({@link AnalyticKernel}) gives the same numbers as the analytic path
 * ({@code SpeedModel.analytic}) to 1e-9 on every catalog combination the product can run: every model × accelerator
 * × framework × weight format the framework loads × KV format (default, and FP8 where the framework loads it), at
 * the fewest accelerators that fit (the memory model's answer, as evaluate resolves it), under every workload mode:
 * single stream, fixed concurrency below, at and above the batch cap, max throughput with and without a request count,
 * and Poisson arrivals at 30 % or 90 % and at 150 % of capacity; every other configuration has a shared prefix.
 */
class AnalyticKernelAgreementTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void theFastPathAgreesWithTheAnalyticPathOnEveryCatalogCombination() {
        CatalogSnapshot cat = CatalogSnapshot.fromSeeds();
        Tally t = new Tally();
        for (var model : cat.models().values()) {
            for (var accelerator : cat.accelerators().values()) {
                for (var framework : cat.frameworks().values()) {
                    ModelSpec m = model.spec().orElse(null);
                    AcceleratorSpec acc = accelerator.spec().orElse(null);
                    FrameworkSpec fw = framework.spec().orElse(null);
                    if (m == null || acc == null || fw == null) {
                        continue;
                    }
                    for (var weights : cat.weightFormats().values()) {
                        NumberFormatSpec w = weights.spec().orElse(null);
                        if (w != null && w.frameworks().contains(fw.id())) {
                            for (NumberFormatSpec kv : kvFormats(cat, fw)) {
                                compareConfiguration(m, w, kv, acc, fw, t);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("fast path vs analytic path: %d configurations, %d evaluations compared (arrivals: %d within "
                + "capacity, %d beyond), %d disagreements%n", t.configurations, t.compared, t.arrivalsWithinCapacity,
                t.arrivalsBeyond, t.disagreements);
        assertEquals(List.of(), t.failures, t.disagreements + " values disagree; the first ones");
        assertTrue(t.configurations > 10_000, "the catalog yields runnable configurations: " + t.configurations);
        assertTrue(t.arrivalsWithinCapacity > 1_000 && t.arrivalsBeyond > 1_000, "both sides of capacity are compared");
    }

    /** What the run saw. */
    private static final class Tally {
        final EfficiencyProfile profile = EfficiencyProfileCsv.shipped();
        final AnalyticAnswer fast = new AnalyticAnswer();
        final List<String> failures = new ArrayList<>();
        int tried;
        int configurations;
        int compared;
        int arrivalsWithinCapacity;
        int arrivalsBeyond;
        long disagreements;
    }

    /** One configuration under every workload mode (every other one with a shared prefix). */
    private static void compareConfiguration(ModelSpec m, NumberFormatSpec w, NumberFormatSpec kv, AcceleratorSpec acc,
                                             FrameworkSpec fw, Tally t) {
        t.tried++;
        SpeedInput base = productInput(m, w, kv, acc, fw, t.tried % 2 == 0 ? 0 : 512);
        if (base == null) {
            return;
        }
        t.configurations++;
        Efficiency e = t.profile.resolve(fw.id(), acc.architecture(), FormatClass.of(w));
        for (SpeedInput in : workloads(base, e, t.configurations)) {
            RawPrediction ref = SpeedModel.analytic(in, e, false);
            if (!ref.supported()) {
                continue;
            }
            AnalyticKernel.of(ReplicaSetup.of(in, e, false)).evaluate(in.workload(), t.fast);
            List<String> found = new ArrayList<>();
            compare(ref, t.fast, found);
            t.disagreements += found.size();
            for (String f : found.subList(0, Math.min(found.size(), Math.max(0, 10 - t.failures.size())))) {
                t.failures.add(m.id() + "/" + w.id() + "/" + kv.id() + "/" + acc.id() + "/" + fw.id() + " "
                        + in.workload() + ": " + f);
            }
            t.compared++;
            if (in.workload().mode() == WorkloadMode.ARRIVAL_RATE) {
                if (ref.exceedsCapacity()) {
                    t.arrivalsBeyond++;
                } else {
                    t.arrivalsWithinCapacity++;
                }
            }
        }
    }

    /** The product's speed input: the memory model at the fewest accelerators that fit, as evaluate resolves it. */
    private static SpeedInput productInput(ModelSpec m, NumberFormatSpec w, NumberFormatSpec kv, AcceleratorSpec acc,
                                           FrameworkSpec fw, int sharedPrefix) {
        NumberFormatSpec kvOrDefault = kv == io.inferplan.engine.memory.KvCacheModel.MODEL_DTYPE ? null : kv;
        MemoryInput mi = new MemoryInput(m, w, kvOrDefault, acc, fw, Workload.fixedConcurrency(2048, 256, 16, sharedPrefix),
                null, ServingSetup.defaults());
        if (MemoryModel.incompatibility(mi).isPresent()) {
            return null;
        }
        MemoryEstimate est;
        try {
            est = MemoryModel.evaluate(mi);
        } catch (IllegalArgumentException refused) {
            return null; // the product answers 422 here
        }
        if (!est.fits()) {
            return null;
        }
        SpeedInput in = SpeedInput.from(mi, est);
        return SpeedModel.unsupportedReason(in) == null
                ? in.withServing(ServingFacts.DEFAULTS.withFrameworkVersion(est.serving().frameworkVersion())) : null;
    }

    /**
     * Every mode on the same resolved replica (the memory facts stand; only the traffic changes). The concurrency
     * and the arrival rate below capacity take turns across configurations, so each is compared on a third (half)
     * of the catalog while the run stays short.
     */
    private static List<SpeedInput> workloads(SpeedInput base, Efficiency e, int turn) {
        int in = base.workload().inputTokens();
        int out = base.workload().outputTokens();
        int prefix = base.workload().sharedPrefixTokens();
        List<SpeedInput> list = new ArrayList<>();
        list.add(with(base, new SpeedWorkload(WorkloadMode.SINGLE_STREAM, in, out, 1, 0, prefix)));
        int c = new int[] {1, 16, 4096}[turn % 3];
        list.add(with(base, new SpeedWorkload(WorkloadMode.FIXED_CONCURRENCY, in, out, c, 0, prefix)));
        SpeedInput offline = with(base, new SpeedWorkload(WorkloadMode.MAX_THROUGHPUT, in, out, 1, 0, prefix));
        list.add(offline);
        list.add(offline.withServing(offline.serving().withRequestCount(500)));
        list.add(with(base, new SpeedWorkload(WorkloadMode.FIXED_CONCURRENCY, in, out, 64, 0, prefix))
                .withServing(base.serving().withRequestCount(300)));
        double capacityRps = SpeedModel.analytic(offline, e, false).saturatedOutputTokensPerSecond() / out;
        if (Double.isFinite(capacityRps) && capacityRps > 0) {
            for (double share : new double[] {turn % 2 == 0 ? 0.3 : 0.9, 1.5}) {
                list.add(with(base, new SpeedWorkload(WorkloadMode.ARRIVAL_RATE, in, out, 1, share * capacityRps, prefix)));
            }
        }
        return list;
    }

    private static SpeedInput with(SpeedInput base, SpeedWorkload w) {
        return new SpeedInput(base.model(), base.weightFormat(), base.kvFormat(), base.accelerator(),
                base.acceleratorCount(), base.framework(), w, base.tensorParallel(), base.pipelineParallel(),
                base.replicas(), base.serving(), base.kvBytesFreePerAccelerator(), base.memory());
    }

    private static List<NumberFormatSpec> kvFormats(CatalogSnapshot cat, FrameworkSpec fw) {
        List<NumberFormatSpec> out = new ArrayList<>();
        out.add(io.inferplan.engine.memory.KvCacheModel.MODEL_DTYPE);
        var fp8 = cat.kvCacheFormats().get("fp8");
        if (fp8 != null && fp8.spec().map(s -> s.frameworks().contains(fw.id())).orElse(false)) {
            out.add(fp8.spec().get());
        }
        return out;
    }

    private static void compare(RawPrediction r, AnalyticAnswer a, List<String> failures) {
        check("batchSize", r.batchSize(), a.batchSize, failures);
        checkAll("ttft", r.ttft(), a.ttft, failures);
        checkAll("tpot", r.tpot(), a.tpot, failures);
        checkAll("e2e", r.e2eLatency(), a.e2e, failures);
        check("prefillTokensPerSecond", r.prefillTokensPerSecond(), a.prefillTokensPerSecond, failures);
        check("outputTokensPerSecondPerRequest", r.outputTokensPerSecondPerRequest(),
                a.outputTokensPerSecondPerRequest, failures);
        check("outputTokensPerSecond", r.outputTokensPerSecond(), a.outputTokensPerSecond, failures);
        check("requestsPerSecond", r.requestsPerSecond(), a.requestsPerSecond, failures);
        check("saturatedOutputTokensPerSecond", r.saturatedOutputTokensPerSecond(),
                a.saturatedOutputTokensPerSecond, failures);
        check("utilisationFraction", r.utilisationFraction(), a.utilisationFraction, failures);
        check("meanQueueWaitSeconds", r.meanQueueWaitSeconds(), a.meanQueueWaitSeconds, failures);
        if (r.exceedsCapacity() != a.exceedsCapacity || r.schedulerCap() != a.schedulerCap || r.kvCap() != a.kvCap) {
            failures.add("exceeds/schedulerCap/kvCap " + r.exceedsCapacity() + "/" + r.schedulerCap() + "/"
                    + r.kvCap() + " vs " + a.exceedsCapacity + "/" + a.schedulerCap + "/" + a.kvCap);
        }
        boolean warned = r.warnings().stream().anyMatch(s -> s.startsWith("TTFT in max-throughput"));
        if (warned != a.ttftNeedsRequestCount) {
            failures.add("ttftNeedsRequestCount " + a.ttftNeedsRequestCount + " but warning " + warned);
        }
    }

    private static void checkAll(String name, Percentiles p, AnalyticAnswer.Latency fast, List<String> failures) {
        check(name + ".mean", p.mean(), fast.mean, failures);
        check(name + ".p50", p.p50(), fast.p50, failures);
        check(name + ".p90", p.p90(), fast.p90, failures);
        check(name + ".p95", p.p95(), fast.p95, failures);
        check(name + ".p99", p.p99(), fast.p99, failures);
    }

    private static void check(String name, double expected, double actual, List<String> failures) {
        boolean same = Double.isNaN(expected) ? Double.isNaN(actual)
                : expected == actual || Math.abs(expected - actual) <= TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
        if (!same) {
            failures.add(name + " " + expected + " (analytic) vs " + actual + " (fast path)");
        }
    }
}
