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
import io.inferplan.plan.evaluate.PlanScreening;
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
 * the configurations that meet the SLO, ranks them by USD per million output tokens and returns the Pareto
 * front of cost against time per output token.
 */
@Singleton
public class OptimizerService {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final PlanScreening screening;
    private final PlanCatalog catalog;
    private final EnergyCatalog energy;
    private final Timer searchTime;

    public OptimizerService(PlanScreening screening, PlanCatalog catalog, EnergyCatalog energy, MeterRegistry meters) {
        this.screening = screening;
        this.catalog = catalog;
        this.energy = energy;
        this.searchTime = Timer.builder("inferplan.optimizer.search").description("whole optimizer searches").register(meters);
    }

    /**
     * One configuration that was evaluated, with the numbers it is ranked by.
     *
     * @param kWhPerMillionOutputTokens   facility energy per million output tokens (cost.energy of its evaluation)
     * @param gCo2ePerMillionOutputTokens that energy's emissions on the request's grid (cost.carbon)
     */
    @Serdeable
    public record Candidate(String accelerator, int acceleratorCount, String framework, String weightFormat,
                            String kvCacheFormat, double weightBits, double usdPerMillionOutputTokens,
                            @Nullable Double usdPerMillionBlendedTokens, double usdPerHour, double ttftMs, double tpotMs,
                            double outputTokensPerSecond, boolean meetsSlo, @Nullable String missedBecause,
                            @Nullable Double kWhPerMillionOutputTokens, @Nullable Double gCo2ePerMillionOutputTokens,
                            @Nullable Double tpotP95Ms, String method) {
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
     * @param paretoFront   objective vs TPOT trade-off among those meeting the SLO
     * @param closest       when none meets the SLO: the nearest misses, and {@code reason} says why
     * @param simulated     configurations re-evaluated with the simulator after the analytic screening
     * @param sloQuantiles  what the SLO was checked against
     */
    @Serdeable
    public record OptimizeResponse(String model, String objective, int evaluated, int refused, int unpriced, int meetingSlo,
                                   List<Candidate> ranked, List<Candidate> paretoFront, List<Candidate> closest,
                                   @Nullable String reason, long searchMillis, String catalogVersion, int simulated,
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
        Map<Candidate, PlanScreening.Screened> screened = new java.util.IdentityHashMap<>();
        int refused = 0;
        int unpriced = 0;
        PlanScreening.Search search = screening.search(cat);
        for (String acc : accelerators) {
            for (String fw : frameworks) {
                for (var wf : cat.weightFormats().values()) {
                    NumberFormatSpec w = wf.spec().orElse(null);
                    if (w == null || w.bitsPerValue() < minBits || !w.frameworks().contains(fw)) {
                        continue;
                    }
                    for (String kv : kvFormats(cat, fw)) {
                        PlanRequest plan = new PlanRequest(r.model(), w.id(), kv, acc, null, fw, r.workload(), null, null, null,
                                r.pricing());
                        // a malformed workload is the 400 screening throws: said once, for the whole search
                        PlanScreening.Outcome outcome = search.screen(plan);
                        if (outcome instanceof PlanScreening.Screened s) {
                            all.add(candidate(s, slo));
                            screened.put(all.get(all.size() - 1), s);
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
        List<Candidate> meeting = all.stream().filter(Candidate::meetsSlo)
                .sorted(Comparator.comparingDouble(rank)).toList();
        List<Candidate> front = FleetMath.paretoFront(meeting, rank, Candidate::tpotMs);
        List<Candidate> closest = List.of();
        String reason = null;
        if (meeting.isEmpty()) {
            closest = all.stream().sorted(Comparator.comparingDouble(x -> miss(x, slo))).limit(5).toList();
            reason = all.isEmpty()
                    ? "no configuration of " + r.model() + " can run on the accelerators searched (" + refused
                    + " refused, " + unpriced + " without a rental price)"
                    : "none of the " + all.size() + " configurations meets the SLO; the closest: " + closest.get(0).missedBecause();
        }
        return new OptimizeResponse(r.model(), objective, all.size() + unpriced, refused, unpriced, meeting.size(),
                meeting.subList(0, Math.min(limit, meeting.size())), front, closest, reason,
                (System.nanoTime() - start) / 1_000_000, cat.version(), simulated, SLO_QUANTILES);
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
                                   Map<Candidate, PlanScreening.Screened> screened, ToDoubleFunction<Candidate> rank,
                                   Slo slo, int limit) {
        Map<Candidate, Integer> position = new java.util.IdentityHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            position.put(all.get(i), i);
        }
        List<Candidate> order = all.stream().filter(x -> miss(x, slo) <= PLAUSIBLE_SLO_FACTOR)
                .sorted(Comparator.comparingDouble(rank)).toList();
        java.util.PriorityQueue<Double> best = new java.util.PriorityQueue<>(Comparator.reverseOrder());
        int n = 0;
        int tried = 0;
        for (Candidate c : order) {
            if (tried++ == MAX_SIMULATED
                    || best.size() == limit && rank.applyAsDouble(c) * SIMULATED_OVER_SCREENED_FLOOR > best.peek()) {
                break;
            }
            if (search.simulate(screened.get(c)) instanceof PlanScreening.Screened answer) {
                Candidate simulated = candidate(answer, slo);
                all.set(position.get(c), simulated);
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

    /** A configuration as screening (or its simulation) gives it, checked against the SLO. */
    static Candidate candidate(PlanScreening.Screened s, Slo slo) {
        double ttft = s.ttftMs();
        String missed = null;
        if (slo != null && slo.ttftP95Ms() != null && !(ttft <= slo.ttftP95Ms())) {
            missed = "TTFT " + Math.round(ttft) + " ms > " + slo.ttftP95Ms() + " ms";
        }
        if (slo != null && slo.tpotMs() != null && !(s.tpotMs() <= slo.tpotMs())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT " + Math.round(s.tpotMs() * 10) / 10.0 + " ms > "
                    + slo.tpotMs() + " ms";
        }
        if (slo != null && slo.tpotP95Ms() != null && s.tpotP95Ms() != null && !(s.tpotP95Ms() <= slo.tpotP95Ms())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT p95 " + Math.round(s.tpotP95Ms() * 10) / 10.0
                    + " ms > " + slo.tpotP95Ms() + " ms";
        }
        if (s.exceedsCapacity()) {
            missed = "the arrival rate exceeds this configuration's capacity";
        }
        String label = s.accelerator() + " × " + s.acceleratorCount() + ", " + s.framework() + ", " + s.weightFormat();
        return new Candidate(s.accelerator(), s.acceleratorCount(), s.framework(), s.weightFormat(), s.kvCacheFormat(),
                s.weightBits(), s.usdPerMillionOutputTokens(), s.usdPerMillionBlendedTokens(), s.usdPerHour(), ttft,
                s.tpotMs(), s.outputTokensPerSecond(), missed == null, missed == null ? null : label + ": " + missed,
                s.kWhPerMillionOutputTokens(), s.gCo2ePerMillionOutputTokens(), s.tpotP95Ms(), s.method());
    }

    /** How far a configuration is from the SLO: the larger ratio of achieved to target latency. */
    private static double miss(Candidate c, Slo slo) {
        double m = 1;
        if (slo != null && slo.ttftP95Ms() != null) {
            m = Math.max(m, c.ttftMs() / slo.ttftP95Ms());
        }
        if (slo != null && slo.tpotMs() != null) {
            m = Math.max(m, c.tpotMs() / slo.tpotMs());
        }
        if (slo != null && slo.tpotP95Ms() != null) {
            double p95 = c.tpotP95Ms() != null ? c.tpotP95Ms() : c.tpotMs();
            m = Math.max(m, p95 / slo.tpotP95Ms());
        }
        return Double.isFinite(m) ? m : Double.MAX_VALUE;
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
