package io.inferplan.plan.capacity;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.fleet.FleetMath;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.plan.capacity.CapacityRequests.OptimizeRequest;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanEnergy;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanScreening;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.quality.QualityEstimate;
import io.inferplan.plan.quality.QualityEstimates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Searches accelerator × weight format × KV format × framework (each at the fewest accelerators that fit) for
 * the configurations that meet the SLO and the quality floor, ranks them by USD per million output tokens and
 * returns the Pareto front of cost × time per output token × quality lost against 16-bit.
 */
@Singleton
public class OptimizerService {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final PlanScreening screening;
    private final PlanService plans;
    private final PlanCatalog catalog;
    private final EnergyCatalog energy;
    private final QualityEstimates quality;
    private final Timer searchTime;

    public OptimizerService(PlanScreening screening, PlanService plans, PlanCatalog catalog, EnergyCatalog energy,
                            QualityEstimates quality, MeterRegistry meters) {
        this.screening = screening;
        this.plans = plans;
        this.catalog = catalog;
        this.energy = energy;
        this.quality = quality;
        this.searchTime = Timer.builder("inferplan.optimizer.search").description("whole optimizer searches").register(meters);
    }

    /**
     * One configuration that was evaluated, with the numbers it is ranked by.
     *
     * @param kWhPerMillionOutputTokens   facility energy per million output tokens (cost.energy of its evaluation)
     * @param gCo2ePerMillionOutputTokens that energy's emissions on the request's grid (cost.carbon)
     * @param qualityPercentBelowSixteenBit the published quality loss of its weight and KV formats against 16-bit
     *                                   (null = no published figure)
     * @param qualityBasis               the published rows used, on which model, from where
     * @param disaggregation             for a disaggregated configuration its pools ("1P2D: 1 × 2 h100-sxm prefill, …"),
     *                                   null for colocated replicas
     */
    @Serdeable
    public record Candidate(String accelerator, int acceleratorCount, String framework, String weightFormat,
                            String kvCacheFormat, double weightBits, double usdPerMillionOutputTokens,
                            @Nullable Double usdPerMillionBlendedTokens, double usdPerHour, double ttftMs, double tpotMs,
                            double outputTokensPerSecond, boolean meetsSlo, @Nullable String missedBecause,
                            @Nullable Double kWhPerMillionOutputTokens, @Nullable Double gCo2ePerMillionOutputTokens,
                            @Nullable Double tpotP95Ms, String method,
                            @Nullable Double qualityPercentBelowSixteenBit, String qualityBasis,
                            @Nullable String disaggregation) {

        /** The quality axis of the Pareto front: unknown = not placed on it. */
        double qualityLoss() {
            return qualityPercentBelowSixteenBit == null ? Double.NaN : qualityPercentBelowSixteenBit;
        }
    }

    /** Screened candidates simulated at most, cheapest plausible first (beyond: the screening answer stands). */
    static final int MAX_SIMULATED = 40;
    /**
     * The simulated objective of a configuration is at least this share of its analytic (screening) one: over the
     * 120 cheapest configurations of six whole-catalog searches (405B, 70B, 8B, Qwen3-30B-A3B, DeepSeek-R1 and
     * Gemma-3-27B; closed loops and arrivals) simulation gave 0.979 × the screening cost at the lowest, 1.05 × at
     * the median, and the same for energy and carbon (docs/benchmarks.md). So once {@code limit} simulated
     * configurations meet the SLO, one whose screening objective × this exceeds the {@code limit}-th of them cannot
     * enter the ranking, and is not simulated.
     */
    static final double SIMULATED_OVER_SCREENED_FLOOR = 0.95;
    /** A screened configuration whose analytic latency is above this multiple of the SLO is not simulated. */
    static final double PLAUSIBLE_SLO_FACTOR = 1.5;

    /** The optimizer's objectives: what a configuration is ranked by (lower is better). */
    static final Map<String, ToDoubleFunction<Candidate>> OBJECTIVES = Map.of(
            "cost", Candidate::usdPerMillionOutputTokens,
            "energy", c -> c.kWhPerMillionOutputTokens() == null ? Double.MAX_VALUE : c.kWhPerMillionOutputTokens(),
            "carbon", c -> c.gCo2ePerMillionOutputTokens() == null ? Double.MAX_VALUE : c.gCo2ePerMillionOutputTokens());

    /**
     * @param evaluated     configurations the engine answered
     * @param refused       configurations that cannot run (format, hardware, memory)
     * @param unpriced      configurations skipped for want of a rental price
     * @param objective     what the ranking minimises: cost, energy or carbon
     * @param ranked        configurations meeting the SLO, best first by the objective (at most {@code limit})
     * @param paretoFront   objective × TPOT × quality-loss trade-off among those meeting the SLO (configurations without
     *                      a published quality figure are not placed on it)
     * @param closest       when none meets the SLO: the nearest misses, and {@code reason} says why
     * @param belowQualityFloor configurations left out by {@code maxQualityLossPercent} (more loss, or no published figure)
     * @param simulated     configurations re-evaluated with the simulator after the analytic screening
     * @param sloQuantiles  what the SLO was checked against
     */
    @Serdeable
    public record OptimizeResponse(String model, String objective, int evaluated, int refused, int unpriced, int meetingSlo,
                                   List<Candidate> ranked, List<Candidate> paretoFront, List<Candidate> closest,
                                   @Nullable String reason, long searchMillis, String catalogVersion,
                                   @Nullable Double maxQualityLossPercent, int belowQualityFloor, int simulated,
                                   String sloQuantiles) {
    }

    public OptimizeResponse optimize(OptimizeRequest r) {
        return searchTime.record(() -> search(r));
    }

    private OptimizeResponse search(OptimizeRequest r) {
        long start = System.nanoTime();
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        CatalogSnapshot cat = catalog.current();
        FieldChecks c = new FieldChecks()
                .required("model", r.model())
                .required("workload", r.workload())
                .range("minWeightBits", r.minWeightBits(), 1.0, 32.0, "bits per weight", false)
                .range("maxQualityLossPercent", r.maxQualityLossPercent(), 0.0, 100.0, "percent below 16-bit", false)
                .range("limit", r.limit(), 1, MAX_LIMIT, "configurations", false)
                .oneOf("objective", r.objective(), List.of("cost", "energy", "carbon"), false);
        if (r.model() != null && !cat.models().containsKey(r.model())) {
            c.fail("model", "unknown id '" + r.model() + "'; nearest valid ids: "
                    + String.join(", ", io.inferplan.common.catalog.NearestIds.of(r.model(), new ArrayList<>(cat.models().keySet()))));
        }
        Slo slo = r.slo();
        if (slo != null) {
            c.range("slo.ttftP95Ms", slo.ttftP95Ms(), 1.0, 3_600_000.0, "ms", false)
                    .range("slo.tpotMs", slo.tpotMs(), 0.1, 60_000.0, "ms", false)
                    .range("slo.tpotP95Ms", slo.tpotP95Ms(), 0.1, 60_000.0, "ms", false);
        }
        unknownIds(c, "accelerators", r.accelerators(), cat.accelerators().keySet());
        unknownIds(c, "frameworks", r.frameworks(), cat.frameworks().keySet());
        c.throwIfAny();
        PlanEnergy.checkRegion(energy, r.pricing());
        String objective = r.objective() == null ? "cost" : r.objective();
        ToDoubleFunction<Candidate> rank = OBJECTIVES.get(objective);

        List<String> accelerators = r.accelerators() != null ? r.accelerators()
                : cat.accelerators().keySet().stream().filter(a -> !cat.rentalPrices(a).isEmpty()).toList();
        List<String> frameworks = r.frameworks() != null ? r.frameworks()
                : cat.frameworks().values().stream().filter(f -> f.spec().isPresent()).map(f -> f.row().id()).toList();
        double minBits = r.minWeightBits() == null ? 0 : r.minWeightBits();

        List<Candidate> all = new ArrayList<>();
        Map<Candidate, Contender> screened = new java.util.IdentityHashMap<>();
        int refused = 0;
        int unpriced = 0;
        int belowFloor = 0;
        PlanScreening.Search search = screening.search(cat);
        for (String acc : accelerators) {
            for (String fw : frameworks) {
                for (var wf : cat.weightFormats().values()) {
                    NumberFormatSpec w = wf.spec().orElse(null);
                    if (w == null || w.bitsPerValue() < minBits || !w.frameworks().contains(fw)) {
                        continue;
                    }
                    for (String kv : kvFormats(cat, fw)) {
                        QualityEstimate q = quality.estimate(cat, r.model(), w.id(), kv);
                        if (r.maxQualityLossPercent() != null && !q.within(r.maxQualityLossPercent())) {
                            belowFloor++;
                            continue;
                        }
                        PlanRequest plan = new PlanRequest(r.model(), w.id(), kv, acc, null, fw, r.workload(), null, null, null,
                                r.pricing());
                        // a malformed workload is the 400 screening throws: said once, for the whole search
                        PlanScreening.Outcome outcome = search.screen(plan);
                        if (outcome instanceof PlanScreening.Screened s) {
                            all.add(OptimizerSlo.candidate(s, slo, q));
                            screened.put(all.get(all.size() - 1), new Contender(plan, q, s));
                        } else if (outcome instanceof PlanScreening.Refused) {
                            refused++;
                        } else {
                            unpriced++;
                        }
                    }
                }
            }
        }
        int limit = r.limit() == null ? DEFAULT_LIMIT : r.limit();
        int simulated = simulateContenders(search, all, screened, rank, slo, limit);
        if (Boolean.TRUE.equals(r.disaggregation())) {
            simulated += DisaggregatedCandidates.add(plans, catalog, all, screened, rank, slo);
        }
        List<Candidate> meeting = all.stream().filter(Candidate::meetsSlo)
                .sorted(Comparator.comparingDouble(rank)).toList();
        List<Candidate> front = FleetMath.paretoFront(meeting, rank, Candidate::tpotMs, Candidate::qualityLoss);
        List<Candidate> closest = List.of();
        String reason = null;
        if (meeting.isEmpty()) {
            closest = all.stream().sorted(Comparator.comparingDouble(x -> OptimizerSlo.miss(x, slo))).limit(5).toList();
            reason = all.isEmpty()
                    ? "no configuration of " + r.model() + " can run on the accelerators searched (" + refused
                    + " refused, " + unpriced + " without a rental price, " + belowFloor + " below the quality floor)"
                    : "none of the " + all.size() + " configurations meets the SLO; the closest: " + closest.get(0).missedBecause();
        }
        return new OptimizeResponse(r.model(), objective, all.size() + unpriced, refused, unpriced, meeting.size(),
                meeting.subList(0, Math.min(limit, meeting.size())), front, closest, reason,
                (System.nanoTime() - start) / 1_000_000, cat.version(), r.maxQualityLossPercent(), belowFloor,
                simulated, SLO_QUANTILES);
    }

    static final String SLO_QUANTILES = "ttftP95Ms against the simulated 95th percentile of time to first token; tpotMs "
            + "against the mean time per output token; tpotP95Ms against its simulated 95th percentile (analytic "
            + "screening answers give means only and are marked method 'analytic (screening)')";

    /**
     * Re-evaluates with the simulator, in the objective's order, the screened configurations that can still win:
     * their analytic latency within {@link #PLAUSIBLE_SLO_FACTOR} of the SLO, and, once {@code limit} simulated ones
     * meet it, an analytic objective that could still beat the {@code limit}-th of those (see
     * {@link #SIMULATED_OVER_SCREENED_FLOOR}); at most {@link #MAX_SIMULATED}. Each gets the figures evaluate answers
     * for it.
     */
    private int simulateContenders(PlanScreening.Search search, List<Candidate> all,
                                   Map<Candidate, Contender> screened, ToDoubleFunction<Candidate> rank,
                                   Slo slo, int limit) {
        Map<Candidate, Integer> position = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i), i);
        }
        List<Candidate> order = all.stream().filter(x -> OptimizerSlo.miss(x, slo) <= PLAUSIBLE_SLO_FACTOR)
                .sorted(Comparator.comparingDouble(rank)).toList();
        java.util.PriorityQueue<Double> best = new java.util.PriorityQueue<>(Comparator.reverseOrder());
        int n = 0;
        int tried = 0;
        for (Candidate c : order) {
            if (tried++ == MAX_SIMULATED
                    || best.size() == limit && rank.applyAsDouble(c) * SIMULATED_OVER_SCREENED_FLOOR > best.peek()) {
                break;
            }
            Contender k = screened.get(c);
            if (search.simulate(k.screening()) instanceof PlanScreening.Screened answer) {
                Candidate simulated = OptimizerSlo.candidate(answer, slo, k.quality());
                all.set(position.get(c), simulated);
                screened.put(simulated, k);
                n++;
                if (simulated.meetsSlo()) {
                    best.add(rank.applyAsDouble(simulated)); // the limit best simulated objectives, worst on top
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            }
        }
        return n;
    }

    /**
     * A screened configuration: its request (for a disaggregated twin), its published quality cost, and what screening
     * resolved for it (for its simulation).
     */
    record Contender(PlanRequest plan, QualityEstimate quality, PlanScreening.Screened screening) {
    }

    /** The framework's default KV format, plus FP8 KV where the framework loads it. */
    private static List<String> kvFormats(CatalogSnapshot cat, String framework) {
        List<String> out = new ArrayList<>();
        out.add(null);
        var fp8 = cat.kvCacheFormats().get("fp8");
        if (fp8 != null && fp8.spec().map(s -> s.frameworks().contains(framework)).orElse(false)) {
            out.add("fp8");
        }
        return out;
    }

    /** "1P2D: 1 × 2 h100-sxm prefill, 2 × 4 decode" for a disaggregated answer. */
    static String pools(PlanResponse a) {
        var d = a.techniques().disaggregation();
        return d.ratio() + ": " + d.prefill().instances() + " × " + d.prefill().tensorParallel() + " "
                + d.prefill().accelerator() + " prefill, " + d.decode().instances() + " × " + d.decode().tensorParallel()
                + " " + d.decode().accelerator() + " decode";
    }

    private static void unknownIds(FieldChecks c, String field, List<String> ids, java.util.Set<String> valid) {
        if (ids == null) {
            return;
        }
        if (ids.size() > 100) {
            c.fail(field, "must list at most 100 ids");
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!valid.contains(ids.get(i))) {
                c.fail(field + "[" + i + "]", "unknown id '" + ids.get(i) + "'; nearest valid ids: "
                        + String.join(", ", io.inferplan.common.catalog.NearestIds.of(ids.get(i), new ArrayList<>(valid))));
            }
        }
    }
}
