package io.inferplan.plan.evaluate;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.memory.ContextWindow;
import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.Percentiles;
import io.inferplan.engine.speed.SimulationFacts;
import io.inferplan.engine.speed.ServingFacts;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.sim.LengthDistribution;
import io.inferplan.plan.calibration.SpeedProfiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Evaluates one plan: validates the request, looks up the catalog snapshot, calls the engine and maps its
 * answer to the contract's blocks. No formulas here: the engine computes, this class translates.
 */
@Singleton
public class PlanService {

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    /** How the answer's plan names the KV format when none is given (the framework's default, the model dtype). */
    static final String MODEL_DTYPE_LABEL = "auto (model dtype, 16-bit)";

    private final PlanCatalog catalog;
    private final SpeedProfiles profiles;
    private final EnergyCatalog energy;
    private final Counter evaluated;
    private final Counter refused;

    public PlanService(PlanCatalog catalog, SpeedProfiles profiles, EnergyCatalog energy, MeterRegistry meters) {
        this.catalog = catalog;
        this.profiles = profiles;
        this.energy = energy;
        this.evaluated = Counter.builder("inferplan.plans.evaluated").description("plans answered by the engine").register(meters);
        this.refused = Counter.builder("inferplan.plans.refused").description("plans refused (400/422)").register(meters);
    }

    public PlanResponse evaluate(PlanRequest r) {
        return evaluateWithMemory(r).response();
    }

    /**
     * The screening answer: the same plan with the speed engine's analytic path only (no simulation: means, no
     * percentiles under load). The optimizer screens the catalog with it and simulates the configurations that can
     * still win.
     */
    public PlanResponse screen(PlanRequest r) {
        try {
            Evaluated answer = compute(r, false);
            evaluated.increment();
            return answer.response();
        } catch (ProblemException e) {
            refused.increment();
            throw e;
        }
    }

    /** A disaggregated request's pools as the engine takes them (fleet sizing and the optimizer size them). */
    public DisaggregatedPlans.Pools disaggregatedPools(PlanRequest r) {
        return DisaggregatedPlans.pools(catalog.current(), energy, profiles, r);
    }

    /** The answer together with the memory model's full estimate it came from (KV-growth curve included). */
    public record Evaluated(PlanResponse response, MemoryEstimate memory) {
    }

    /** Like {@link #evaluate}, also handing back the engine's memory estimate, so callers need not run it again. */
    public Evaluated evaluateWithMemory(PlanRequest r) {
        try {
            Evaluated answer = compute(r, true);
            evaluated.increment();
            return answer;
        } catch (ProblemException e) {
            refused.increment();
            throw e;
        }
    }

    private Evaluated compute(PlanRequest r, boolean simulate) {
        CatalogSnapshot cat = catalog.current();
        PlanValidation.check(r, cat);
        PlanEnergy.checkRegion(energy, r.pricing());
        NumberFormatSpec weights = usable(cat.weightFormats().get(r.weightFormat()), "weightFormat");
        NumberFormatSpec kv = r.kvCacheFormat() == null ? null : usable(cat.kvCacheFormats().get(r.kvCacheFormat()), "kvCacheFormat");
        AcceleratorSpec accelerator = PlanHardware.accelerator(cat.accelerators().get(r.accelerator()), r.host());
        FrameworkSpec framework = usable(cat.frameworks().get(r.framework()), "framework");

        Workload workload = workload(r.workload());
        ContextWindow.Resolved window = PlanHardware.model(usable(cat.models().get(r.model()), "model"), r.serving(),
                workload.tokensPerRequest());
        ModelSpec model = window.model();
        if (r.disaggregation() != null) {
            return DisaggregatedPlans.evaluate(new DisaggregatedPlans.Context(cat, energy, profiles, r, model, weights, kv,
                    framework, workload, window.note()));
        }
        MemoryInput input = new MemoryInput(model, weights, kv, accelerator, framework, workload,
                parallelism(r), serving(r.serving()));
        Optional<String> reason = MemoryModel.incompatibility(input);
        if (reason.isPresent()) {
            throw cannotRun(reason.get(), fieldOf(reason.get()));
        }
        MemoryEstimate m;
        try {
            m = MemoryModel.evaluate(input);
        } catch (IllegalArgumentException e) {
            throw cannotRun(e.getMessage(), "body");
        }
        if (r.acceleratorCount() == null && r.parallelism() == null && !m.fits()) {
            throw cannotRun(model.id() + " in " + weights.id() + " does not fit on up to "
                    + m.parallelism().acceleratorCount() + " " + accelerator.id() + " with " + framework.id()
                    + ": " + String.join("; ", m.warnings()), "acceleratorCount");
        }
        List<String> warnings = new ArrayList<>(m.warnings());
        if (window.note() != null) {
            warnings.add(0, window.note());
        }
        PerformanceEstimate perf = null;
        PlanResponse.CostBlock cost = null;
        io.inferplan.plan.technique.TechniquesBlock techniques = null;
        if (m.fits()) {
            Predicted predicted = predict(r, cat, input, m, simulate);
            perf = predicted.performance();
            techniques = predicted.techniques();
            predicted.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
            perf.warnings().stream().filter(w -> !warnings.contains(w)).forEach(warnings::add);
            profiles.notCovered(r.calibrationProfile(), framework.id(), accelerator.architecture())
                    .ifPresent(warnings::add);
            cost = PlanCost.of(cat, energy, model.id(), accelerator, m.parallelism().acceleratorCount(),
                    m.parallelism().replicas(), perf, r.workload(), r.pricing(), warnings);
        } else {
            warnings.add("the plan does not fit in memory on " + m.parallelism().acceleratorCount() + " × " + accelerator.id()
                    + ": no speed or cost is given; leave acceleratorCount out to get the fewest that fit");
        }
        PlanResponse.ResolvedPlan plan = new PlanResponse.ResolvedPlan(model.id(), weights.id(),
                kv == null ? MODEL_DTYPE_LABEL : kv.id(), accelerator.id(), m.parallelism().acceleratorCount(),
                framework.id(), r.workload(), m.parallelism(), m.serving(), model.maxContextTokens(),
                PlanResponse.HostEcho.of(r.host(), accelerator));
        PlanResponse response = new PlanResponse(plan, memoryBlock(m), perf == null ? null : performanceBlock(perf), cost,
                List.copyOf(warnings), cat.version(), techniques);
        return new Evaluated(response, m);
    }

    static PlanResponse.MemoryBlock memoryBlock(MemoryEstimate m) {
        return new PlanResponse.MemoryBlock(m.weightsGiB(), m.kvCacheBytesPerToken(), m.kvCacheGiBPerRequest(),
                m.totalGiBPerAccelerator(), m.capacityGiBPerAccelerator(), m.fits(), m.maxConcurrentRequests(),
                m.maxConcurrentRequestsPerReplica(), m.kvBytesAvailablePerReplica() / BYTES_PER_GIB, m.kvTokensPerReplica(),
                m.breakdownPerAccelerator(), m.concurrency(), m.weights().tensors());
    }

    /** The speed answer, and what a serving technique changed (null block when the plan asks for none). */
    record Predicted(PerformanceEstimate performance, io.inferplan.plan.technique.TechniquesBlock techniques,
                     List<String> warnings) {
    }

    private Predicted predict(PlanRequest r, CatalogSnapshot cat, MemoryInput input, MemoryEstimate m, boolean simulate) {
        SpeedInput speedInput = shaped(SpeedInput.from(input, m).withServing(servingFacts(m, r.serving())), r.workload());
        // a user profile answers only the framework × hardware pairs its rows cover; others use the shipped fit
        EfficiencyProfile profile = profiles.forPair(r.calibrationProfile(), speedInput.framework().id(),
                speedInput.accelerator().architecture());
        String unsupported = SpeedModel.unsupportedReason(speedInput);
        if (unsupported != null) {
            throw cannotRun(unsupported, fieldOf(unsupported));
        }
        TechniquePlans.Applied technique = TechniquePlans.apply(r, cat, speedInput, profile);
        if (technique != null) {
            return new Predicted(technique.performance(), technique.block(), technique.warnings());
        }
        PerformanceEstimate perf = SpeedModel.predict(speedInput, profile, simulate);
        if (perf.unsupportedReason() != null) {
            throw cannotRun(perf.unsupportedReason(), fieldOf(perf.unsupportedReason()));
        }
        return new Predicted(perf, null, List.of());
    }

    static PlanResponse.PerformanceBlock performanceBlock(PerformanceEstimate p) {
        PerformanceEstimate.QueueingEstimate q = p.queueing();
        boolean over = q != null && q.exceedsCapacity();
        Percentiles ttft = over ? Percentiles.NONE : p.ttftMs();
        Percentiles e2e = over ? Percentiles.NONE : p.e2eLatencyMs();
        Percentiles tpot = p.tpotMs();
        Percentiles itl = p.interTokenLatencyMs();
        SimulationFacts s = p.simulation();
        PlanResponse.SimulationBlock sim = s == null ? null : new PlanResponse.SimulationBlock(s.method(),
                s.scheduler(), s.requestsSimulated(), s.requestsMeasured(), s.seed(), finite(s.meanBatchSize()),
                finite(s.meanKvOccupancyFraction()), finite(s.busyFraction()), s.preemptions());
        return new PlanResponse.PerformanceBlock(p.acceleratorCount(), p.batchSize(),
                finite(ttft.mean()), over ? null : finite(p.ttftLowMs()), over ? null : finite(p.ttftHighMs()),
                finite(tpot.mean()), finite(p.tpotLowMs()), finite(p.tpotHighMs()), finite(p.prefillTokensPerSecond()),
                finite(p.outputTokensPerSecondPerRequest()), finite(p.outputTokensPerSecond()),
                finite(p.outputTokensPerSecondLow()), finite(p.outputTokensPerSecondHigh()),
                finite(ttft.p95()), finite(e2e.p50()), finite(e2e.p95()),
                q == null || over ? null : finite(q.meanWaitMs()),
                q == null ? null : finite(q.utilisationFraction()), q == null ? null : q.exceedsCapacity(),
                q == null ? null : q.model(), p.provenance(),
                finite(ttft.p50()), finite(ttft.p90()), finite(ttft.p99()),
                finite(tpot.p50()), finite(tpot.p90()), finite(tpot.p95()), finite(tpot.p99()),
                finite(e2e.mean()), finite(e2e.p90()), finite(e2e.p99()), finite(itl.p50()), finite(itl.p99()), sim);
    }

    /** The workload's length spreads and arrival burstiness (contract: {@code workload.inputTokensSpread} …). */
    static SpeedInput shaped(SpeedInput in, PlanRequest.WorkloadInput w) {
        if (w == null || (w.inputTokensSpread() == null && w.outputTokensSpread() == null && w.burstiness() == null)) {
            return in;
        }
        LengthDistribution.Shape shape = "lognormal".equals(w.lengthDistribution()) ? LengthDistribution.Shape.LOGNORMAL
                : LengthDistribution.Shape.UNIFORM;
        SpeedWorkload sw = in.workload().withShape(orZero(w.inputTokensSpread()), orZero(w.outputTokensSpread()), shape,
                w.burstiness() == null ? 1 : w.burstiness());
        return in.withWorkloadKeepingMemory(sw);
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }

    /** JSON has no NaN: an engine value that has no meaning here (e.g. TTFT of an offline run) becomes null. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The user's setup facts for the speed model, with the version the memory model resolved. */
    static ServingFacts servingFacts(MemoryEstimate m, PlanRequest.ServingInput s) {
        if (s == null) {
            return ServingFacts.DEFAULTS.withFrameworkVersion(m.serving().frameworkVersion());
        }
        return new ServingFacts(m.serving().frameworkVersion(), optional(s.memoryFraction()), optional(s.maxConcurrentSequences()),
                optional(s.maxBatchedTokens()), s.prefixCaching(), optional(s.parallelSlots()),
                optional(s.contextPerSlotTokens()), optional(s.requestCount()), false, null, false, s.cudaGraphs(),
                false);
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    private static OptionalInt optional(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static Workload workload(PlanRequest.WorkloadInput w) {
        return new Workload(Workload.Mode.parse(w.mode()), w.inputTokens(), w.outputTokens(), w.concurrency(),
                w.requestsPerSecond(), w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens());
    }

    /** Explicit split, or all accelerators in tensor parallel (contract default), or null = the fewest that fit. */
    static Parallelism parallelism(PlanRequest r) {
        PlanRequest.ParallelismInput p = r.parallelism();
        if (p == null) {
            return r.acceleratorCount() == null ? null : Parallelism.tensorParallel(r.acceleratorCount());
        }
        int pp = PlanValidation.orOne(p.pipelineParallel());
        int replicas = PlanValidation.orOne(p.replicas());
        int tp = p.tensorParallel() != null ? p.tensorParallel()
                : r.acceleratorCount() != null ? Math.max(1, r.acceleratorCount() / (pp * replicas)) : 1;
        return new Parallelism(tp, pp, replicas);
    }

    static ServingSetup serving(PlanRequest.ServingInput s) {
        if (s == null) {
            return ServingSetup.defaults();
        }
        return new ServingSetup(s.frameworkVersion(), s.memoryFraction(), s.maxConcurrentSequences(), s.maxBatchedTokens(),
                s.cudaGraphs(), s.prefixCaching(), s.parallelSlots(), s.contextPerSlotTokens(), s.requestCount());
    }

    /** Which request field a refusal is about, from the engine's wording. */
    static String fieldOf(String reason) {
        if (reason.startsWith("weight format")) {
            return "weightFormat";
        }
        if (reason.startsWith("KV-cache format")) {
            return "kvCacheFormat";
        }
        return reason.contains("does not run on") || reason.contains("runs on") ? "accelerator" : "framework";
    }

    static <S> S usable(CatalogSnapshot.Entry<?, S> entry, String field) {
        return entry.spec().orElseThrow(() -> cannotRun(entry.mapped().unusableBecause(), field));
    }

    static ProblemException cannotRun(String why, String field) {
        return ProblemException.unprocessable("Combination cannot be planned", why, List.of(new FieldError(field, why)));
    }
}
