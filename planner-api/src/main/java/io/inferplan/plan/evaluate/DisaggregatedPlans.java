package io.inferplan.plan.evaluate;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.Workload;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.technique.TechniqueSupport;
import io.inferplan.engine.technique.disagg.DisaggregatedModel;
import io.inferplan.engine.technique.disagg.KvLinks;
import io.inferplan.engine.technique.disagg.PoolSizer;
import io.inferplan.plan.calibration.SpeedProfiles;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.technique.TechniqueInputs;
import io.inferplan.plan.technique.TechniquesBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An evaluate request with {@code disaggregation}: a prefill pool and a decode pool instead of colocated replicas.
 * Each pool is planned by the memory model on its own accelerator and tensor-parallel size; the engine simulates both
 * and the KV transfer between them. The answer's memory block is one decode instance's; its performance block the
 * whole deployment's; its cost block the deployment's when both pools use one accelerator type.
 */
public final class DisaggregatedPlans {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private DisaggregatedPlans() {
    }

    record Context(CatalogSnapshot cat, EnergyCatalog energy, SpeedProfiles profiles, PlanRequest request, ModelSpec model,
                   NumberFormatSpec weights, NumberFormatSpec kv, FrameworkSpec framework, Workload workload,
                   String windowNote) {
    }

    /** One pool as planned: its accelerator, memory answer and speed input. */
    record PlannedPool(AcceleratorRow row, AcceleratorSpec spec, MemoryEstimate memory, SpeedInput input) {
    }

    /**
     * The two pools of a disaggregated request as the engine takes them, for the fleet sizer and the optimizer.
     *
     * @param prefill one prefill instance per the request's {@code disaggregation.prefill} (instances as given)
     */
    public record Pools(SpeedInput prefill, SpeedInput decode, KvLinks.KvLink link, EfficiencyProfile profile,
                        List<String> warnings) {
    }

    static Pools pools(CatalogSnapshot cat, EnergyCatalog energy, SpeedProfiles profiles, PlanRequest r) {
        PlanValidation.check(r, cat);
        Workload w = PlanService.workload(r.workload());
        ModelSpec model = PlanHardware.model(PlanService.usable(cat.models().get(r.model()), "model"), r.serving(),
                w.tokensPerRequest()).model();
        NumberFormatSpec kv = r.kvCacheFormat() == null ? null
                : PlanService.usable(cat.kvCacheFormats().get(r.kvCacheFormat()), "kvCacheFormat");
        Context c = new Context(cat, energy, profiles, r, model,
                PlanService.usable(cat.weightFormats().get(r.weightFormat()), "weightFormat"), kv,
                PlanService.usable(cat.frameworks().get(r.framework()), "framework"), w, null);
        TechniqueSupport.shipped().refusal(c.framework().id(), "pd-disaggregation", null).ifPresent(why -> {
            throw PlanService.cannotRun(why, "disaggregation");
        });
        List<String> warnings = new ArrayList<>();
        TechniqueInputs.DisaggregationInput d = r.disaggregation();
        PlannedPool prefill = pool(c, "prefill", d.prefill(), new Workload(w.mode(), w.inputTokens(), 1,
                w.concurrency(), w.requestsPerSecond(), w.sharedPrefixTokens()));
        PlannedPool decode = pool(c, "decode", d.decode(), w);
        KvLinks.KvLink link = link(d.kvLink(), prefill, decode, warnings);
        return new Pools(prefill.input(), decode.input(), link, profiles.forPair(r.calibrationProfile(),
                c.framework().id(), decode.spec().architecture()), warnings);
    }

    static PlanService.Evaluated evaluate(Context c) {
        PlanRequest r = c.request();
        TechniqueSupport.shipped().refusal(c.framework().id(), "pd-disaggregation", null).ifPresent(why -> {
            throw PlanService.cannotRun(why, "disaggregation");
        });
        List<String> warnings = new ArrayList<>();
        if (c.windowNote() != null) {
            warnings.add(c.windowNote());
        }
        TechniqueSupport.shipped().caveat(c.framework().id(), "pd-disaggregation", null).ifPresent(warnings::add);
        if (r.acceleratorCount() != null || r.parallelism() != null) {
            warnings.add("acceleratorCount and parallelism are ignored: disaggregation.prefill and .decode set the pools");
        }
        TechniqueInputs.DisaggregationInput d = r.disaggregation();
        Workload w = c.workload();
        PlannedPool prefill = pool(c, "prefill", d.prefill(), new Workload(w.mode(), w.inputTokens(), 1,
                w.concurrency(), w.requestsPerSecond(), w.sharedPrefixTokens()));
        PlannedPool decode = pool(c, "decode", d.decode(), w);
        KvLinks.KvLink link = link(d.kvLink(), prefill, decode, warnings);
        EfficiencyProfile profile = c.profiles().forPair(r.calibrationProfile(), c.framework().id(),
                decode.spec().architecture());
        DisaggregatedModel.Answer a = DisaggregatedModel.evaluate(prefill.input(), decode.input(), link, profile,
                decode.input().workload());
        warnings.addAll(a.warnings());
        int total = a.acceleratorCount();
        PerformanceEstimate est = SpeedModel.estimate(decode.input(), profile, a.raw(w.inputTokens(), w.outputTokens()));
        PerformanceEstimate perf = new PerformanceEstimate(total, est.batchSize(), est.ttftMs(), est.ttftLowMs(),
                est.ttftHighMs(), est.tpotMs(), est.tpotLowMs(), est.tpotHighMs(), est.e2eLatencyMs(),
                est.interTokenLatencyMs(), est.prefillTokensPerSecond(), est.outputTokensPerSecondPerRequest(),
                est.outputTokensPerSecond(), est.outputTokensPerSecondLow(), est.outputTokensPerSecondHigh(),
                est.requestsPerSecond(), est.maxThroughputOutputTokensPerSecond(), est.queueing(), est.simulation(),
                est.schedulerBatchCap(), est.kvBatchCap(), est.provenance(), est.unsupportedReason(), est.warnings());
        est.warnings().stream().filter(x -> !warnings.contains(x)).forEach(warnings::add);
        boolean oneType = prefill.row().id().equals(decode.row().id());
        PlanResponse.CostBlock cost = null;
        if (oneType) {
            cost = PlanCost.of(c.cat(), c.energy(), c.model().id(), decode.spec(), total,
                    prefill.input().replicas() + decode.input().replicas(), perf, r.workload(), r.pricing(), warnings);
        } else {
            warnings.add("pools of two accelerator types: no cost block; techniques.disaggregation gives each pool's "
                    + "cheapest on-demand price");
        }
        Double prefillUsd = usdPerHour(c.cat(), prefill);
        Double decodeUsd = usdPerHour(c.cat(), decode);
        Double usd = oneType && cost != null ? cost.usdPerHour()
                : prefillUsd == null || decodeUsd == null ? null : prefillUsd + decodeUsd;
        TechniquesBlock.Disaggregation block = block(a, prefill, decode, link, usd, prefillUsd, decodeUsd);
        PlanResponse.ResolvedPlan plan = new PlanResponse.ResolvedPlan(c.model().id(), c.weights().id(),
                c.kv() == null ? "auto (model dtype, 16-bit)" : c.kv().id(), decode.row().id(), total, c.framework().id(),
                r.workload(), decode.memory().parallelism(), decode.memory().serving(), c.model().maxContextTokens(),
                PlanResponse.HostEcho.of(r.host(), decode.spec()));
        PlanResponse response = new PlanResponse(plan, PlanService.memoryBlock(decode.memory()),
                PlanService.performanceBlock(perf), cost, List.copyOf(warnings), c.cat().version(),
                new TechniquesBlock(null, null, block));
        return new PlanService.Evaluated(response, decode.memory());
    }

    static PlannedPool pool(Context c, String name, TechniqueInputs.PoolInput p, Workload w) {
        PlanRequest r = c.request();
        String accId = p != null && p.accelerator() != null ? p.accelerator() : r.accelerator();
        var entry = c.cat().accelerators().get(accId);
        AcceleratorSpec spec = PlanHardware.accelerator(entry, r.host());
        int instances = p != null && p.instances() != null ? p.instances() : 1;
        Parallelism parallelism = p != null && p.tensorParallel() != null ? new Parallelism(p.tensorParallel(), 1, 1)
                : null;
        MemoryInput mi = new MemoryInput(c.model(), c.weights(), c.kv(), spec, c.framework(), w, parallelism,
                PlanService.serving(r.serving()));
        Optional<String> reason = MemoryModel.incompatibility(mi);
        if (reason.isPresent()) {
            throw PlanService.cannotRun(reason.get(), "disaggregation." + name + ".accelerator");
        }
        MemoryEstimate one = MemoryModel.evaluate(mi);
        if (!one.fits()) {
            throw PlanService.cannotRun(c.model().id() + " in " + c.weights().id() + " does not fit a " + name + " instance"
                    + " of " + one.parallelism().acceleratorCount() + " × " + accId + ": "
                    + String.join("; ", one.warnings()), "disaggregation." + name + ".tensorParallel");
        }
        Parallelism split = new Parallelism(one.parallelism().tensorParallel(), one.parallelism().pipelineParallel(),
                instances);
        MemoryInput all = new MemoryInput(c.model(), c.weights(), c.kv(), spec, c.framework(), w, split,
                PlanService.serving(r.serving()));
        MemoryEstimate m = MemoryModel.evaluate(all);
        SpeedInput in = PlanService.shaped(SpeedInput.from(all, m).withServing(PlanService.servingFacts(m, r.serving())),
                r.workload());
        String unsupported = SpeedModel.unsupportedReason(in);
        if (unsupported != null) {
            throw PlanService.cannotRun(unsupported, "disaggregation." + name + ".accelerator");
        }
        return new PlannedPool(entry.row(), spec, m, in);
    }

    /**
     * The given link, else the accelerators' own NVLink / Infinity Fabric when both pools sit on one 8-accelerator node
     * of one type, else InfiniBand NDR 400 (one NIC per GPU, the HGX/DGX layout).
     */
    static KvLinks.KvLink link(String id, PlannedPool p, PlannedPool d, List<String> warnings) {
        if (id != null) {
            return KvLinks.shipped().get(id).orElseThrow();
        }
        int total = p.input().acceleratorCount() + d.input().acceleratorCount();
        if (p.row().id().equals(d.row().id()) && total <= 8 && p.row().linkBandwidthGBpsPerDirection() != null) {
            double gbps = p.row().linkBandwidthGBpsPerDirection().doubleValue();
            Optional<KvLinks.KvLink> own = KvLinks.shipped().all().stream()
                    .filter(l -> l.kind().equals(p.row().interconnectKind()) && Math.abs(l.bytesPerSecond() / 1e9 - gbps) < 1)
                    .findFirst();
            if (own.isPresent()) {
                warnings.add("KV transfer over " + own.get().name() + " (both pools on one node); give "
                        + "disaggregation.kvLink for another link");
                return own.get();
            }
        }
        warnings.add("KV transfer over InfiniBand NDR 400 Gb/s per GPU (the pools span nodes or have no known "
                + "accelerator link); give disaggregation.kvLink for another link");
        return KvLinks.shipped().get("infiniband-ndr-400").orElseThrow();
    }

    static Double usdPerHour(CatalogSnapshot cat, PlannedPool p) {
        return cat.rentalPrices(p.row().id()).stream().filter(g -> "on-demand".equals(g.pricingType())
                && g.usdPerGpuHour() != null).map(g -> g.usdPerGpuHour().doubleValue() * p.input().acceleratorCount())
                .min(Double::compare).orElse(null);
    }

    static TechniquesBlock.Disaggregation block(DisaggregatedModel.Answer a, PlannedPool p, PlannedPool d,
                                                KvLinks.KvLink link, Double usd, Double prefillUsd, Double decodeUsd) {
        // multiples of what these pools complete together, so that the curve shows where each pool must grow
        double base = Math.min(a.prefill().saturatedRequestsPerSecond(), a.decode().saturatedRequestsPerSecond());
        double perPrefill = a.prefill().saturatedRequestsPerSecond() / a.prefill().instances();
        double perDecode = a.decode().saturatedRequestsPerSecond() / a.decode().instances();
        List<TechniquesBlock.PoolSizes> sizes = PoolSizer.TRAFFIC_MULTIPLES.stream().map(m -> new TechniquesBlock.PoolSizes(
                m * base, (int) Math.ceil(m * base / perPrefill - 1e-9), (int) Math.ceil(m * base / perDecode - 1e-9),
                null)).toList();
        return new TechniquesBlock.Disaggregation(a.prefill().instances() + "P" + a.decode().instances() + "D",
                pool(a.prefill(), p, prefillUsd), pool(a.decode(), d, decodeUsd), link.id(), link.bytesPerSecond() / 1e9,
                Double.isNaN(link.latencySeconds()) ? null : link.latencySeconds() * 1e6, link.sourceUrl(),
                a.transferSeconds() * 1000, a.kvBytesPerRequest() / (1024.0 * 1024.0), a.bindingPool(),
                a.acceleratorCount(), usd, sizes);
    }

    static TechniquesBlock.Pool pool(DisaggregatedModel.Pool a, PlannedPool p, Double usd) {
        return new TechniquesBlock.Pool(p.row().id(), a.acceleratorsPerInstance(), a.instances(),
                a.instances() * a.acceleratorsPerInstance(), a.saturatedRequestsPerSecond(),
                PlanService.finite(a.utilisationFraction()), PlanService.finite(a.ttft().mean() * 1000),
                PlanService.finite(a.ttft().p95() * 1000), PlanService.finite(a.tpot().mean() * 1000),
                PlanService.finite(a.meanBatchSize()), p.memory().maxConcurrentRequestsPerReplica(),
                p.memory().totalGiBPerAccelerator(), usd);
    }
}
