package io.inferplan.plan.evaluate;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.memory.ContextWindow;
import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Workload;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.WorkloadMode;
import io.inferplan.engine.speed.analytic.AnalyticAnswer;
import io.inferplan.engine.speed.analytic.AnalyticKernel;
import io.inferplan.plan.calibration.SpeedProfiles;
import io.inferplan.plan.catalog.CatalogSnapshot;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The optimizer's screening of one configuration: the numbers {@link PlanService#screen} answers for it (memory at
 * the fewest accelerators that fit, the analytic speed, the rented cost, energy and carbon), worked out on the
 * compiled fast path ({@link AnalyticKernel}) without building the answer's blocks, warnings and comparisons, and
 * with the refusals as values instead of exceptions. What does not change across a search (the workload's checks,
 * the model's context window, each accelerator's spec and rental price) is resolved once per {@link Search}.
 * {@code PlanScreeningTest} checks every configuration of a whole-catalog search against {@code screen}.
 */
@Singleton
public class PlanScreening {

    private final SpeedProfiles profiles;
    private final EnergyCatalog energy;

    public PlanScreening(SpeedProfiles profiles, EnergyCatalog energy) {
        this.profiles = profiles;
        this.energy = energy;
    }

    /** What screening one configuration gives. */
    public sealed interface Outcome permits Screened, Refused, Unpriced {
    }

    /**
     * A configuration that runs and has a price, with the screening numbers of its performance and cost blocks.
     *
     * @param kvCacheFormat as the answer's plan names it ("auto (model dtype, 16-bit)" for the framework default)
     * @param ttftMs        the performance block's ttftP95Ms, else its ttftMs, else +∞ (no TTFT: none is met)
     * @param method        "analytic (screening)", or how evaluate answered it ("simulation", "analytic")
     */
    public record Screened(String accelerator, int acceleratorCount, String framework, String weightFormat,
                           String kvCacheFormat, double weightBits, double usdPerMillionOutputTokens,
                           Double usdPerMillionBlendedTokens, double usdPerHour, double ttftMs, double tpotMs,
                           Double tpotP95Ms, double outputTokensPerSecond, boolean exceedsCapacity,
                           Double kWhPerMillionOutputTokens, Double gCo2ePerMillionOutputTokens,
                           String method) implements Outcome {
    }

    /** What a screened configuration was worked out from, kept for its simulation. */
    private record Resolved(PlanRequest request, AcceleratorSpec accelerator, NumberFormatSpec weights,
                            NumberFormatSpec kv, MemoryEstimate memory, SpeedInput input, EfficiencyProfile profile) {
    }

    /** The performance block's figures a candidate is priced and ranked with (ms; NaN where the block has null). */
    private record Figures(double outputTokensPerSecond, double requestsPerSecond, double busyShare,
                           String busyShareReason, double ttftMeanMs, double ttftP95Ms, double tpotMs, double tpotP95Ms,
                           boolean exceedsCapacity, String method) {
    }

    /** The label of the screening answers. */
    public static final String SCREENING = "analytic (screening)";

    /** The combination cannot be planned (what evaluate answers with a 422). */
    public record Refused(String reason) implements Outcome {
    }

    /** It runs, but no rental price gives it a cost. */
    public record Unpriced() implements Outcome {
    }

    /** A search over one catalog snapshot with one model, workload and pricing. Not thread-safe. */
    public Search search(CatalogSnapshot cat) {
        return new Search(cat);
    }

    public final class Search {
        private final CatalogSnapshot cat;
        private final AnalyticAnswer answer = new AnalyticAnswer();
        private final Map<String, Object> accelerators = new HashMap<>();
        private final Map<String, Optional<GpuPriceRow>> prices = new HashMap<>();
        /** Fitted efficiencies by profile, then framework × hardware class × format family. */
        private final Map<EfficiencyProfile, Map<String, Efficiency>> efficiencies = new IdentityHashMap<>();
        /** Power facts (or the refusal for want of them) by accelerator and busy share. */
        private final Map<String, Object> powers = new HashMap<>();
        /** Each screened candidate's inputs, for {@link #simulate}. */
        private final Map<Screened, Resolved> screened = new IdentityHashMap<>();
        private Object window;
        private boolean regionChecked;

        private Search(CatalogSnapshot cat) {
            this.cat = cat;
        }

        /**
         * Screens one plan request (its fields as the optimizer builds them). A malformed request is the 400
         * {@code screen} throws; a combination that cannot run is {@link Refused}, never an exception.
         */
        public Outcome screen(PlanRequest r) {
            Object x = resolve(r);
            if (x instanceof Outcome o) {
                return o;
            }
            Resolved c = (Resolved) x;
            Efficiency e = efficiencies.computeIfAbsent(c.profile(), p -> new HashMap<>()).computeIfAbsent(
                    c.request().framework() + '|' + c.accelerator().architecture().ordinal() + '|'
                            + FormatClass.of(c.weights()).ordinal(),
                    k -> c.profile().resolve(c.request().framework(), c.accelerator().architecture(),
                            FormatClass.of(c.weights())));
            AnalyticKernel.of(ReplicaSetup.of(c.input(), e, false)).evaluate(c.input().workload(), answer);
            AnalyticAnswer a = answer;
            // PerformanceEstimate: seconds × 1000; the performance block: no TTFT beyond capacity (only arrivals exceed)
            boolean arrivals = c.input().workload().mode() == WorkloadMode.ARRIVAL_RATE;
            boolean over = a.exceedsCapacity;
            Outcome o = priced(c, new Figures(a.outputTokensPerSecond, a.requestsPerSecond,
                    PlanEnergy.analyticBusyShare(arrivals, a.exceedsCapacity, a.utilisationFraction),
                    PlanEnergy.analyticBusyShareReason(arrivals), over ? Double.NaN : a.ttft.mean * 1000,
                    over ? Double.NaN : a.ttft.p95 * 1000, a.tpot.mean * 1000, a.tpot.p95 * 1000, over, SCREENING));
            if (o instanceof Screened s) {
                screened.put(s, c);
            }
            return o;
        }

        /**
         * A screened configuration answered as evaluate answers it (simulated under load): the figures
         * {@code PlanService.evaluate} gives for its request, from the memory and speed inputs screening resolved.
         */
        public Outcome simulate(Screened s) {
            Resolved c = screened.get(s);
            if (c == null) {
                throw new IllegalArgumentException("not screened in this search: " + s);
            }
            PerformanceEstimate perf = SpeedModel.predict(c.input(), c.profile(), true);
            if (perf.unsupportedReason() != null) {
                return new Refused(perf.unsupportedReason());
            }
            PlanResponse.PerformanceBlock p = PlanService.performanceBlock(perf);
            return priced(c, new Figures(perf.outputTokensPerSecond(), perf.requestsPerSecond(),
                    PlanEnergy.busyShare(perf), PlanEnergy.busyShareReason(perf), nan(p.ttftMs()), nan(p.ttftP95Ms()),
                    nan(p.tpotMs()), nan(p.tpotP95Ms()), Boolean.TRUE.equals(p.exceedsCapacity()),
                    perf.simulation() == null ? "analytic" : perf.simulation().method()));
        }

        /** The configuration up to its speed input, or why it cannot be planned (evaluate's order of checks). */
        private Object resolve(PlanRequest r) {
            Object acc = accelerator(r);
            if (acc instanceof ProblemException p) {
                return refusedOrThrow(p);
            }
            AcceleratorSpec accelerator = (AcceleratorSpec) acc;
            Object w = window(r);
            if (w instanceof ProblemException p) {
                return refusedOrThrow(p);
            }
            var weightsEntry = cat.weightFormats().get(r.weightFormat());
            var kvEntry = r.kvCacheFormat() == null ? null : cat.kvCacheFormats().get(r.kvCacheFormat());
            var fwEntry = cat.frameworks().get(r.framework());
            Optional<String> unusable = weightsEntry.spec().isEmpty() ? Optional.of(weightsEntry.mapped().unusableBecause())
                    : kvEntry != null && kvEntry.spec().isEmpty() ? Optional.of(kvEntry.mapped().unusableBecause())
                    : fwEntry.spec().isEmpty() ? Optional.of(fwEntry.mapped().unusableBecause()) : Optional.empty();
            if (unusable.isPresent()) {
                return new Refused(unusable.get());
            }
            NumberFormatSpec weights = weightsEntry.spec().get();
            NumberFormatSpec kv = kvEntry == null ? null : kvEntry.spec().get();
            FrameworkSpec framework = fwEntry.spec().get();
            MemoryInput input = new MemoryInput(((ContextWindow.Resolved) w).model(), weights, kv, accelerator, framework,
                    PlanService.workload(r.workload()), PlanService.parallelism(r), PlanService.serving(r.serving()));
            MemoryEstimate m;
            try {
                m = MemoryModel.evaluate(input); // checks MemoryModel.incompatibility first
            } catch (IllegalArgumentException e) {
                return new Refused(e.getMessage());
            }
            if (!m.fits()) {
                return r.acceleratorCount() == null && r.parallelism() == null
                        ? new Refused("does not fit on up to " + m.parallelism().acceleratorCount() + " accelerators")
                        : new Unpriced(); // fits nowhere at the count given: no speed, no cost
            }
            SpeedInput in = PlanService.shaped(SpeedInput.from(input, m)
                    .withServing(PlanService.servingFacts(m, r.serving())), r.workload());
            EfficiencyProfile profile = profiles.forPair(r.calibrationProfile(), framework.id(),
                    accelerator.architecture());
            String unsupported = SpeedModel.unsupportedReason(in);
            if (unsupported != null) {
                return new Refused(unsupported);
            }
            return new Resolved(r, accelerator, weights, kv, m, in, profile);
        }

        /**
         * The cost and energy blocks' figures, in {@code PlanCost.of}'s order: an accelerator without a power figure
         * is answered without energy and carbon, as evaluate answers it.
         */
        private Outcome priced(Resolved c, Figures f) {
            PlanRequest r = c.request();
            PlanRequest.PricingInput pricing = r.pricing();
            AcceleratorSpec accelerator = c.accelerator();
            int count = c.memory().parallelism().acceleratorCount();
            PlanEnergy.Blocks blocks = new PlanEnergy.Blocks(null, null);
            if (PlanEnergy.hasPowerFigure(accelerator, pricing)) {
                Object power = powers.computeIfAbsent(accelerator.id() + '|' + f.busyShare() + '|' + f.busyShareReason(),
                        k -> {
                            try {
                                return PlanEnergy.power(energy, accelerator, f.busyShare(), f.busyShareReason(), pricing);
                            } catch (ProblemException p) {
                                return p;
                            }
                        });
                if (power instanceof ProblemException p) {
                    return refusedOrThrow(p);
                }
                blocks = PlanEnergy.of(energy, (PlanEnergy.Power) power, count, f.outputTokensPerSecond(), pricing);
            }
            Double perGpuHour = pricing != null && pricing.usdPerGpuHour() != null ? pricing.usdPerGpuHour()
                    : prices.computeIfAbsent(accelerator.id(), id -> PlanCost.rentalPrice(cat, id, pricing))
                    .map(p -> p.usdPerGpuHour().doubleValue()).orElse(null);
            if (perGpuHour == null) {
                return new Unpriced();
            }
            RentalOptions.Rented rented = RentalOptions.rented(perGpuHour, count, f.outputTokensPerSecond(),
                    f.requestsPerSecond(), r.workload().inputTokens(), r.workload().outputTokens());
            if (rented.usdPerMillionOutputTokens() == null) {
                return new Unpriced();
            }
            double ttft = Double.isFinite(f.ttftP95Ms()) ? f.ttftP95Ms() : Double.isFinite(f.ttftMeanMs())
                    ? f.ttftMeanMs() : Double.POSITIVE_INFINITY;
            return new Screened(accelerator.id(), count, r.framework(), c.weights().id(),
                    c.kv() == null ? PlanService.MODEL_DTYPE_LABEL : c.kv().id(), c.weights().bitsPerValue(),
                    rented.usdPerMillionOutputTokens(), rented.usdPerMillionBlendedTokens(), rented.usdPerHour(), ttft,
                    f.tpotMs(), Double.isFinite(f.tpotP95Ms()) ? f.tpotP95Ms() : null, f.outputTokensPerSecond(),
                    f.exceedsCapacity(),
                    blocks.energy() == null ? null : blocks.energy().kWhPerMillionOutputTokens(),
                    blocks.carbon() == null ? null : blocks.carbon().gCo2ePerMillionOutputTokens(), f.method());
        }

        /** The request's checks, the region and the accelerator's spec as evaluate resolves them: once each. */
        private Object accelerator(PlanRequest r) {
            Object acc = accelerators.computeIfAbsent(r.accelerator(), id -> {
                PlanValidation.check(r, cat); // the request's fields; only gpuPriceId depends on the accelerator
                try {
                    return PlanHardware.accelerator(cat.accelerators().get(id), r.host());
                } catch (ProblemException p) {
                    return p;
                }
            });
            if (!regionChecked) {
                PlanEnergy.checkRegion(energy, r.pricing());
                regionChecked = true;
            }
            return acc;
        }

        /** The model as served (rope scaling, context window): the same for every configuration of the search. */
        private Object window(PlanRequest r) {
            if (window == null) {
                Workload workload = PlanService.workload(r.workload());
                try {
                    var entry = cat.models().get(r.model());
                    window = PlanHardware.model(PlanService.usable(entry, "model"), r.serving(),
                            workload.tokensPerRequest());
                } catch (ProblemException p) {
                    window = p;
                }
            }
            return window;
        }
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    private static Outcome refusedOrThrow(ProblemException p) {
        if (p.status().getCode() == 400) {
            throw p;
        }
        return new Refused(p.getMessage());
    }
}
