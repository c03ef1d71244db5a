package io.inferplan.plan.capacity;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.cost.CostModel;
import io.inferplan.engine.fleet.FleetMath;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.plan.capacity.CapacityRequests.FleetRequest;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.capacity.CapacityRequests.Traffic;
import io.inferplan.plan.evaluate.PlanEnergy;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.evaluate.RentalOptions;
import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Fleet sizing: the request rate one replica sustains within the SLO (bisection over the arrival rate of the
 * engine's queueing answer), then replicas = ceil(peak ÷ that rate), and which resource binds.
 */
@Singleton
public class FleetService {

    private static final int BISECTION_STEPS = 18;
    private static final int MAX_REPLICA_SIZE = 8;

    private final PlanService plans;
    private final PlanCatalog catalog;
    private final EnergyCatalog energy;

    public FleetService(PlanService plans, PlanCatalog catalog, EnergyCatalog energy) {
        this.plans = plans;
        this.catalog = catalog;
        this.energy = energy;
    }

    /**
     * @param requestsPerSecondPerReplicaAtSlo the highest arrival rate one replica serves within the SLO
     * @param saturatedRequestsPerSecondPerReplica the rate one replica completes when saturated (max-throughput)
     * @param bindingConstraint what stops one replica from taking more: slo-ttft, slo-tpot, kv-memory or compute
     * @param replicaSizes      every replica size tried, the chosen one marked
     * @param rentalOptions     every catalog rental price of the accelerator applied to the whole fleet: USD/hour and
     *                          USD/month around the clock, USD per million tokens at the average traffic
     * @param cheapestByPricingType the cheapest of those per pricing type (on-demand, reserved, spot)
     * @param energy            the whole fleet's energy at the average traffic (busy share = average rate ÷ the
     *                          fleet's saturated rate), per hour and per million output tokens
     * @param carbon            that energy's emissions on the request's grid (world average unless given)
     * @param goodputRequestsPerSecondPerReplica     goodput: the highest request rate one replica serves with every
     *                                                p95 SLO met (the same as requestsPerSecondPerReplicaAtSlo)
     * @param goodputOutputTokensPerSecondPerReplica that goodput in output tokens per second
     * @param sloQuantiles      which statistic each SLO was checked against (the simulated percentiles)
     * @param disaggregation    with {@code disaggregation: true}: prefill and decode pools for the same traffic and SLO,
     *                          compared with this colocated fleet (null otherwise)
     */
    @Serdeable
    public record FleetResponse(int replicas, int acceleratorsPerReplica, int acceleratorCount, String accelerator,
                                double averageRequestsPerSecond, double peakRequestsPerSecond,
                                double requestsPerSecondPerReplicaAtSlo, double saturatedRequestsPerSecondPerReplica,
                                double utilisationAtPeak, String bindingConstraint, String bindingExplanation,
                                @Nullable Double usdPerHour, @Nullable Double usdPerMonth, PlanResponse atPeakPerReplica,
                                List<String> warnings, List<ReplicaSize> replicaSizes,
                                List<PlanResponse.RentalOption> rentalOptions,
                                PlanResponse.CheapestByPricingType cheapestByPricingType,
                                @Nullable PlanResponse.EnergyBlock energy, @Nullable PlanResponse.CarbonBlock carbon,
                                double goodputRequestsPerSecondPerReplica,
                                double goodputOutputTokensPerSecondPerReplica, String sloQuantiles,
                                @Nullable DisaggregatedFleet disaggregation) {
    }

    /**
     * One replica size tried.
     *
     * @param replicas         replicas of this size the peak needs (null when this size cannot meet the SLO)
     * @param usdPerMonth      that fleet at the price the fleet's own figures use, around the clock (null: unpriced)
     * @param chosen           the size that needs the fewest accelerators in total
     * @param missedBecause    why this size cannot serve the traffic within the SLO (null when it can)
     */
    @Serdeable
    public record ReplicaSize(int acceleratorsPerReplica, @Nullable Integer replicas, @Nullable Integer acceleratorCount,
                              @Nullable Double requestsPerSecondPerReplicaAtSlo,
                              @Nullable Double saturatedRequestsPerSecondPerReplica, @Nullable Double usdPerMonth,
                              boolean chosen, @Nullable String missedBecause) {
    }

    public FleetResponse size(FleetRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        Traffic t = r.traffic();
        Slo slo = r.slo();
        FieldChecks c = new FieldChecks();
        if (t == null) {
            c.fail("traffic", "is required: {requestsPerSecond or tokensPerDay, inputTokens, outputTokens}");
        } else {
            c.range("traffic.inputTokens", t.inputTokens(), 1, 10_000_000, "tokens", true)
                    .range("traffic.outputTokens", t.outputTokens(), 1, 10_000_000, "tokens", true)
                    .range("traffic.requestsPerSecond", t.requestsPerSecond(), 0.0, 1e6, "requests per second", false)
                    .range("traffic.tokensPerDay", t.tokensPerDay(), 0.0, 1e15, "tokens per day", false)
                    .range("traffic.peakToAverage", t.peakToAverage(), 1.0, 100.0, "(peak ÷ average)", false);
            if (t.requestsPerSecond() == null && t.tokensPerDay() == null) {
                c.fail("traffic.requestsPerSecond", "give requestsPerSecond or tokensPerDay");
            }
        }
        if (slo == null) {
            c.fail("slo", "is required: {ttftP95Ms, tpotMs and/or tpotP95Ms}");
        } else {
            c.range("slo.ttftP95Ms", slo.ttftP95Ms(), 1.0, 3_600_000.0, "ms", true)
                    .range("slo.tpotMs", slo.tpotMs(), 0.1, 60_000.0, "ms", slo.tpotP95Ms() == null)
                    .range("slo.tpotP95Ms", slo.tpotP95Ms(), 0.1, 60_000.0, "ms", false);
        }
        c.range("acceleratorsPerReplica", r.acceleratorsPerReplica(), 1, 1024, "accelerators", false);
        if (r.serving() != null && (r.serving().speculative() != null || r.serving().lora() != null)) {
            c.fail(r.serving().speculative() != null ? "serving.speculative" : "serving.lora", "is not sized by the fleet "
                    + "yet: evaluate the plan with it, or size the fleet without it");
        }
        if (r.kvLink() != null && !Boolean.TRUE.equals(r.disaggregation())) {
            c.fail("kvLink", "applies with disaggregation: true only");
        } else if (r.kvLink() != null && io.inferplan.engine.technique.disagg.KvLinks.shipped().get(r.kvLink()).isEmpty()) {
            c.fail("kvLink", "unknown link '" + r.kvLink() + "'; valid: "
                    + String.join(", ", io.inferplan.engine.technique.disagg.KvLinks.shipped().ids()));
        }
        if (r.pricing() != null) {
            c.range("pricing.gridIntensityGCo2ePerKWh", r.pricing().gridIntensityGCo2ePerKWh(), 0.0, 5_000.0, "gCO2e per kWh", false);
        }
        c.throwIfAny();
        PlanEnergy.checkRegion(energy, r.pricing());

        double average = t.requestsPerSecond() != null ? t.requestsPerSecond()
                : FleetMath.requestsPerSecondFromTokensPerDay(t.tokensPerDay(), t.inputTokens(), t.outputTokens());
        if (!(average > 0)) {
            throw ProblemException.badRequest(t.requestsPerSecond() != null ? "traffic.requestsPerSecond" : "traffic.tokensPerDay",
                    "must be > 0: with no traffic there is no fleet to size");
        }
        double peak = FleetMath.peakRequestsPerSecond(average, t.peakToAverage() == null ? 1.0 : t.peakToAverage());

        // Replica sizes tried: the fewest accelerators that fit, then 2×, 4×, 8× that (more KV room, more
        // bandwidth per replica); the size needing the fewest accelerators in total wins. A given size is used as is.
        PlanResponse smallest = plans.evaluate(request(r, new PlanRequest.WorkloadInput("max-throughput", t.inputTokens(),
                t.outputTokens(), null, null, t.sharedPrefixTokens()), r.acceleratorsPerReplica()));
        int fewest = smallest.plan().acceleratorCount();
        List<Integer> sizes = r.acceleratorsPerReplica() != null ? List.of(fewest)
                : List.of(fewest, fewest * 2, fewest * 4, fewest * 8).stream().filter(n -> n <= MAX_REPLICA_SIZE).toList();
        Sized best = null;
        String lastMiss = null;
        List<Sized> tried = new ArrayList<>();
        for (int size : sizes) {
            Sized candidate;
            try {
                candidate = sizeWith(r, t, slo, size, peak);
            } catch (ProblemException e) {
                lastMiss = e.getMessage();
                tried.add(new Sized(size, 0, 0, 0, null, lastMiss));
                continue;
            }
            tried.add(candidate);
            if (best == null || candidate.replicas * size < best.replicas * best.perReplica) {
                best = candidate;
            }
        }
        if (best == null) {
            throw ProblemException.unprocessable("SLO cannot be met", lastMiss, List.of(new FieldError("slo", lastMiss)));
        }
        int perReplica = best.perReplica;
        int replicas = best.replicas;
        double atSlo = best.atSlo;
        double saturatedRps = best.saturatedRps;
        double utilisation = FleetMath.utilisationAtPeak(peak, replicas, saturatedRps);
        PlanResponse atPeak = arrival(r, t, perReplica, peak / replicas);
        String[] binding = binding(r, t, perReplica, atSlo, saturatedRps, slo);
        Double usdPerHour = best.saturated.cost() == null || best.saturated.cost().usdPerHour() == null ? null
                : best.saturated.cost().usdPerHour() * replicas;
        List<String> warnings = new ArrayList<>(atPeak.warnings());
        warnings.add("replica sizes tried: " + sizes + " accelerators; " + perReplica + " needs the fewest in total");
        if (usdPerHour == null) {
            warnings.add("no rental price for " + r.accelerator() + ": monthly cost not computed");
        }
        Sized chosen = best;
        List<ReplicaSize> replicaSizes = tried.stream().map(s -> s.view(s == chosen)).toList();
        PlanResponse.GpuPrice price = best.saturated.cost() == null ? null : best.saturated.cost().gpuPrice();
        List<PlanResponse.RentalOption> options = RentalOptions.of(catalog.current(), r.accelerator(), replicas * perReplica,
                average * t.outputTokens(), average, t.inputTokens(), t.outputTokens(), price == null ? null : price.id());
        // the fleet runs around the clock sized for the peak: at the average rate its accelerators are busy
        // average ÷ (replicas × saturated rate) of the time
        double busyShare = Math.min(1.0, average / (replicas * saturatedRps));
        AcceleratorSpec spec = catalog.current().accelerators().get(r.accelerator()).spec().orElseThrow();
        PlanEnergy.Blocks fleetEnergy = new PlanEnergy.Blocks(null, null);
        if (PlanEnergy.hasPowerFigure(spec, r.pricing())) {
            fleetEnergy = PlanEnergy.of(energy, spec, replicas * perReplica, busyShare,
                    "busy share = average rate ÷ (replicas × saturated rate per replica)", average * t.outputTokens(), r.pricing());
        }
        return new FleetResponse(replicas, perReplica, replicas * perReplica, r.accelerator(), average, peak, atSlo, saturatedRps,
                utilisation, binding[0], binding[1], usdPerHour, usdPerHour == null ? null : CostModel.usdPerMonth(usdPerHour),
                atPeak, warnings, replicaSizes, options, RentalOptions.cheapest(options), fleetEnergy.energy(),
                fleetEnergy.carbon(), atSlo, atSlo * t.outputTokens(), OptimizerService.SLO_QUANTILES,
                Boolean.TRUE.equals(r.disaggregation()) ? DisaggregatedFleet.size(plans, r, t, slo, peak, fewest, perReplica,
                        replicas, atSlo, price == null ? null : price.usdPerGpuHour()) : null);
    }

    /** A replica size tried: its rates and replicas, or ({@code saturated} null) why it cannot serve the traffic. */
    private record Sized(int perReplica, int replicas, double atSlo, double saturatedRps, @Nullable PlanResponse saturated,
                         @Nullable String missedBecause) {

        Sized(int perReplica, int replicas, double atSlo, double saturatedRps, PlanResponse saturated) {
            this(perReplica, replicas, atSlo, saturatedRps, saturated, null);
        }

        ReplicaSize view(boolean chosen) {
            if (saturated == null) {
                return new ReplicaSize(perReplica, null, null, null, null, null, false, missedBecause);
            }
            Double perHour = saturated.cost() == null ? null : saturated.cost().usdPerHour();
            return new ReplicaSize(perReplica, replicas, replicas * perReplica, atSlo, saturatedRps,
                    perHour == null ? null : CostModel.usdPerMonth(perHour * replicas), chosen, null);
        }
    }

    /** One replica of {@code size} accelerators: its saturated rate, the rate it serves within the SLO, replicas needed. */
    private Sized sizeWith(FleetRequest r, Traffic t, Slo slo, int size, double peak) {
        PlanResponse saturated = plans.evaluate(request(r, new PlanRequest.WorkloadInput("max-throughput", t.inputTokens(),
                t.outputTokens(), null, null, t.sharedPrefixTokens()), size));
        if (!saturated.memory().fits() || saturated.performance() == null) {
            throw ProblemException.unprocessable("Does not fit", "does not fit on " + size + " accelerators", List.of());
        }
        double saturatedRps = saturated.performance().outputTokensPerSecond() / t.outputTokens();
        double atSlo = FleetMath.largestPassing(x -> meets(r, t, size, x, slo), saturatedRps, 0.01, BISECTION_STEPS);
        if (atSlo <= 0) {
            PlanResponse lightest = arrival(r, t, size, saturatedRps * 1e-3);
            throw ProblemException.unprocessable("SLO cannot be met", "even at light load a replica of " + size + " × "
                    + r.accelerator() + " misses the SLO: TTFT p95 " + round(p95(lightest)) + " ms (SLO " + slo.ttftP95Ms()
                    + "), TPOT " + round(lightest.performance().tpotMs()) + " ms (SLO " + slo.tpotMs() + "), TPOT p95 "
                    + lightest.performance().tpotP95Ms() + " ms (SLO " + slo.tpotP95Ms() + ")", List.of());
        }
        return new Sized(size, FleetMath.replicas(peak, atSlo), atSlo, saturatedRps, saturated);
    }

    /** Why one replica cannot take 5 % more than its SLO rate. */
    private String[] binding(FleetRequest r, Traffic t, int perReplica, double atSlo, double saturatedRps, Slo slo) {
        double probe = Math.min(atSlo * 1.05, saturatedRps);
        PlanResponse over = arrival(r, t, perReplica, probe);
        PlanResponse.PerformanceBlock p = over.performance();
        if (Boolean.TRUE.equals(p.exceedsCapacity()) || atSlo >= saturatedRps * 0.98) {
            boolean kv = over.memory().maxConcurrentRequestsPerReplica() <= Math.ceil(p.batchSize()) + 1;
            return kv ? new String[] {"kv-memory", "the batch is held to the " + over.memory().maxConcurrentRequestsPerReplica()
                    + " requests whose KV cache fits; more memory or a smaller KV format raises it"}
                    : new String[] {"compute", "the replica is saturated at " + round(saturatedRps)
                    + " requests/s (prefill compute and decode bandwidth), not by memory or the SLO"};
        }
        if (p.ttftP95Ms() != null && p.ttftP95Ms() > slo.ttftP95Ms()) {
            return new String[] {"slo-ttft", "above " + round(atSlo) + " requests/s the p95 time to first token exceeds "
                    + slo.ttftP95Ms() + " ms (queueing)"};
        }
        return new String[] {"slo-tpot", "above " + round(atSlo) + " requests/s the batch grows until the time per output token "
                + tpotBound(p, slo)};
    }

    /** Which TPOT objective the probe broke: the mean, the p95 or both (either, as set, when the probe broke neither). */
    static String tpotBound(PlanResponse.PerformanceBlock p, Slo slo) {
        boolean mean = slo.tpotMs() != null && p.tpotMs() > slo.tpotMs();
        boolean p95 = slo.tpotP95Ms() != null && p.tpotP95Ms() != null && p.tpotP95Ms() > slo.tpotP95Ms();
        if (mean && p95) {
            return "exceeds " + slo.tpotMs() + " ms (mean) and " + slo.tpotP95Ms() + " ms (p95)";
        }
        if (p95 || (!mean && slo.tpotMs() == null)) {
            return "p95 exceeds " + slo.tpotP95Ms() + " ms";
        }
        return "exceeds " + slo.tpotMs() + " ms";
    }

    private boolean meets(FleetRequest r, Traffic t, int perReplica, double rps, Slo slo) {
        if (rps <= 0) {
            return true;
        }
        PlanResponse.PerformanceBlock p = arrival(r, t, perReplica, rps).performance();
        return !Boolean.TRUE.equals(p.exceedsCapacity()) && p.ttftP95Ms() != null && p.ttftP95Ms() <= slo.ttftP95Ms()
                && (slo.tpotMs() == null || p.tpotMs() <= slo.tpotMs())
                && (slo.tpotP95Ms() == null || (p.tpotP95Ms() != null && p.tpotP95Ms() <= slo.tpotP95Ms()));
    }

    private PlanResponse arrival(FleetRequest r, Traffic t, int perReplica, double rps) {
        return plans.evaluate(request(r, new PlanRequest.WorkloadInput("arrival-rate", t.inputTokens(), t.outputTokens(),
                null, rps, t.sharedPrefixTokens()), perReplica));
    }

    private static PlanRequest request(FleetRequest r, PlanRequest.WorkloadInput w, Integer count) {
        return new PlanRequest(r.model(), r.weightFormat(), r.kvCacheFormat(), r.accelerator(), count, r.framework(), w,
                r.serving(), null, null);
    }

    private static double p95(PlanResponse r) {
        Double v = r.performance().ttftP95Ms();
        return v == null ? Double.NaN : v;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
