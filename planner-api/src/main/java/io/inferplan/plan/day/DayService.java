package io.inferplan.plan.day;

import io.inferplan.catalog.coldstart.ColdStartCatalog;
import io.inferplan.catalog.coldstart.ColdStartFacts.ScaleDownDefault;
import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.day.AutoscalingPolicy;
import io.inferplan.engine.day.PurchaseMix;
import io.inferplan.engine.day.ScalingTimeline;
import io.inferplan.engine.fleet.FleetMath;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A day of traffic: the autoscaler's replicas hour by hour (target rate per replica from the simulator, cold start
 * from the weights over storage and network), each hour's latency and SLO attainment from the scheduler simulator,
 * its cost by purchase type and its energy; the month and the cheapest reserved/on-demand split for the curve.
 * The arithmetic is the engine's ({@code engine.day}); this class gathers inputs and lays out the answer.
 */
@Singleton
public class DayService {

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    private static final int BISECTION_STEPS = 18;
    /** Hours whose share of requests within the SLO is below this are listed in the warnings. */
    private static final double SHORT_OF_SLO = 0.995;

    private final PlanService plans;
    private final PlanCatalog catalog;
    private final EnergyCatalog energy;
    private final ColdStartCatalog coldStarts;

    public DayService(PlanService plans, PlanCatalog catalog, EnergyCatalog energy, ColdStartCatalog coldStarts) {
        this.plans = plans;
        this.catalog = catalog;
        this.energy = energy;
        this.coldStarts = coldStarts;
    }

    public DayResponse plan(DayRequest r) {
        DayInputs.check(r);
        TrafficCurve curve = r.hourlyRequestsPerSecond() != null ? TrafficCurve.hourly(r.hourlyRequestsPerSecond())
                : TrafficCurve.csv(r.trafficCsv());
        PlanRequest plan = r.plan();
        PlanResponse saturated = ReplicaLatency.evaluate(plans, plan, "max-throughput", null, null);
        if (!saturated.memory().fits() || saturated.performance() == null) {
            throw ProblemException.unprocessable("Does not fit", "the plan does not fit in memory on "
                    + saturated.plan().acceleratorCount() + " × " + saturated.plan().accelerator()
                    + ": leave plan.acceleratorCount out to get the fewest that fit",
                    List.of(new FieldError("plan.acceleratorCount", "too few accelerators for the model")));
        }
        PlanRequest.WorkloadInput w = plan.workload();
        int perReplica = saturated.plan().acceleratorCount();
        double saturatedRps = saturated.performance().outputTokensPerSecond() / w.outputTokens();
        ReplicaLatency latency = new ReplicaLatency(plans, plan, perReplica, r.slo());
        List<String> assumptions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        DayRequest.Autoscaling a = r.autoscaling() == null
                ? new DayRequest.Autoscaling(null, null, null, null, null, null, null, null, null, null) : r.autoscaling();
        double target = a.targetRequestsPerSecondPerReplica() != null ? a.targetRequestsPerSecondPerReplica()
                : targetWithinSlo(latency, saturatedRps, r.slo(), perReplica, saturated.plan().accelerator());
        String targetSource = a.targetRequestsPerSecondPerReplica() != null ? "given"
                : "the highest rate one replica serves within the SLO (scheduler simulator, bisection to 1 %)";
        double weightsBytes = saturated.memory().weightsGiB() * BYTES_PER_GIB;
        DayResponse.ColdStartBlock coldStart = null;
        double up;
        if (a.scaleUpDelaySeconds() != null) {
            up = a.scaleUpDelaySeconds();
            assumptions.add("scale-up delay " + up + " s (given) instead of the cold start from the weights' size");
        } else {
            DayInputs.Legs legs = DayInputs.legs(coldStarts, a);
            up = legs.coldStart().seconds(weightsBytes);
            coldStart = new DayResponse.ColdStartBlock(legs.storage(), legs.network(),
                    legs.coldStart().networkSeconds(weightsBytes), legs.coldStart().storageSeconds(weightsBytes),
                    legs.coldStart().engineStartSeconds(), up);
            if (a.engineStartSeconds() == null) {
                warnings.add("the serving engine's own start (process, torch.compile, CUDA-graph capture, warm-up) is not in "
                        + "the cold start; reports put it at tens of seconds to minutes: give autoscaling.engineStartSeconds");
            }
        }
        ScaleDownDefault hpa = coldStarts.defaultScaleDown();
        double down = a.scaleDownDelaySeconds() != null ? a.scaleDownDelaySeconds() : hpa.scaleDownDelaySeconds();
        String downSource = a.scaleDownDelaySeconds() != null ? "given" : hpa.name() + ": " + hpa.basis() + " (" + hpa.sourceUrl() + ")";

        DayRequest.Purchase p = r.purchase() == null ? new DayRequest.Purchase(null, null, null, null, null, null) : r.purchase();
        int reserved = p.reservedReplicas() == null ? 0 : p.reservedReplicas();
        int spot = p.spotReplicas() == null ? 0 : p.spotReplicas();
        double[] rates = curve.requestsPerSecond();
        double peak = 0;
        for (double x : rates) {
            peak = Math.max(peak, x);
        }
        int min = a.minReplicas() == null ? 1 : a.minReplicas();
        int max = a.maxReplicas() != null ? a.maxReplicas()
                : Math.max(Math.max(1, min), Math.max(reserved, (int) Math.ceil(peak / target - 1e-9)));
        AutoscalingPolicy policy = new AutoscalingPolicy(min, max, target, up, down);
        int[] needed = new int[rates.length];
        int[] desired = new int[rates.length];
        for (int h = 0; h < rates.length; h++) {
            needed[h] = policy.neededReplicas(rates[h]);
            desired[h] = policy.desiredReplicas(rates[h], reserved);
            if (policy.capped(rates[h])) {
                warnings.add(String.format(Locale.ROOT, "hour %d: %.3g requests/s need %d replicas at %.3g per replica; "
                        + "maxReplicas %d serves it with too few", h, rates[h],
                        (int) Math.ceil(rates[h] / target - 1e-9), target, max));
            }
        }
        List<ScalingTimeline.Hour> timeline = ScalingTimeline.run(desired, up, down);

        CatalogSnapshot cat = catalog.current();
        String acc = saturated.plan().accelerator();
        DayResponse.Price reservedPrice = DayInputs.price(cat, acc, "reserved", p.reservedUsdPerGpuHour());
        Double planPrice = plan.pricing() == null ? null : plan.pricing().usdPerGpuHour();
        DayResponse.Price onDemandPrice = DayInputs.price(cat, acc, "on-demand",
                p.onDemandUsdPerGpuHour() != null ? p.onDemandUsdPerGpuHour() : planPrice);
        DayResponse.Price spotPrice = DayInputs.price(cat, acc, "spot", p.spotUsdPerGpuHour());
        missingPrice(warnings, reserved > 0, reservedPrice, "reserved", acc, "purchase.reservedUsdPerGpuHour");
        missingPrice(warnings, true, onDemandPrice, "on-demand", acc, "purchase.onDemandUsdPerGpuHour");
        missingPrice(warnings, spot > 0, spotPrice, "spot", acc, "purchase.spotUsdPerGpuHour");

        HourAccounting.Setup setup = new HourAccounting.Setup(latency, new PurchaseMix(reserved, spot), perReplica,
                w.outputTokens(), saturatedRps, up, p.spotInterruptionRatePerHour() == null ? 0 : p.spotInterruptionRatePerHour(),
                usd(reservedPrice), usd(onDemandPrice), usd(spotPrice), energy,
                cat.accelerators().get(acc).spec().orElseThrow(), plan.pricing());
        HourAccounting accounting = new HourAccounting();
        List<DayResponse.Hour> hours = new ArrayList<>();
        for (int h = 0; h < rates.length; h++) {
            hours.add(accounting.hour(setup, h, curve.startTimes() == null ? null : curve.startTimes().get(h), rates[h],
                    needed[h], timeline.get(h)));
        }
        List<String> shortOfSlo = hours.stream().filter(x -> x.sloAttainmentFraction() != null && x.sloAttainmentFraction() < SHORT_OF_SLO)
                .map(x -> String.format(Locale.ROOT, "%d (%.1f %%%s)", x.hour(), 100 * x.sloAttainmentFraction(),
                        x.secondsBelowDesired() > 0 ? String.format(Locale.ROOT, ", %.0f s below the desired replicas", x.secondsBelowDesired()) : ""))
                .toList();
        if (!shortOfSlo.isEmpty()) {
            warnings.add("hours with under 99.5 % of requests within the SLO: " + String.join("; ", shortOfSlo));
        }
        if (spot > 0 && spotPrice != null && onDemandPrice != null && spotPrice.usdPerGpuHour() >= onDemandPrice.usdPerGpuHour()) {
            warnings.add("the spot price (" + spotPrice.provider() + ", " + spotPrice.usdPerGpuHour() + " USD/h) is not below the "
                    + "on-demand price (" + onDemandPrice.provider() + ", " + onDemandPrice.usdPerGpuHour() + " USD/h): the "
                    + "catalog's cheapest of each type may come from different providers; give purchase.spotUsdPerGpuHour");
        }
        assumptions.addAll(DayTotalsMath.assumptions(curve, spot));
        assumptions.addAll(accounting.energyAssumptions());

        DayResponse.DayTotals day = DayTotalsMath.day(hours);
        DayResponse.MonthTotals month = DayTotalsMath.month(day, rates.length, w.inputTokens(), w.outputTokens());
        DayResponse.CheapestMix mix = DayTotalsMath.cheapestMix(needed, policy, perReplica, usd(reservedPrice),
                usd(onDemandPrice), acc, rates.length);
        DayResponse.Replica replica = new DayResponse.Replica(saturated.plan().model(), saturated.plan().weightFormat(), acc,
                perReplica, saturated.plan().framework(), w.inputTokens(), w.outputTokens(),
                w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens(), saturated.memory().weightsGiB(), saturatedRps);
        return new DayResponse(replica, r.slo(), coldStart,
                new DayResponse.AutoscalingBlock(min, max, target, targetSource, up, down, downSource),
                new DayResponse.PurchaseBlock(reserved, spot, p.spotInterruptionRatePerHour(), reservedPrice, onDemandPrice,
                        spotPrice),
                hours, day, month, mix, assumptions, warnings, saturated.catalogVersion());
    }

    /** The per-replica rate the autoscaler aims at: the highest the simulator says one replica serves within the SLO. */
    private static double targetWithinSlo(ReplicaLatency latency, double saturatedRps, DayRequest.Slo slo, int perReplica,
                                          String accelerator) {
        double target = FleetMath.largestPassing(x -> latency.meets(x, 1), saturatedRps, 0.01, BISECTION_STEPS);
        if (target <= 0) {
            PlanResponse.PerformanceBlock light = latency.at(saturatedRps * 1e-3);
            String why = "even at light load one replica of " + perReplica + " × " + accelerator + " misses the SLO: TTFT p95 "
                    + light.ttftP95Ms() + " ms (SLO " + slo.ttftP95Ms() + "), TPOT p95 " + light.tpotP95Ms() + " ms (SLO "
                    + slo.tpotP95Ms() + "), TPOT mean " + light.tpotMs() + " ms (SLO " + slo.tpotMs() + ")";
            throw ProblemException.unprocessable("SLO cannot be met", why, List.of(new FieldError("slo", why)));
        }
        return target;
    }

    private static void missingPrice(List<String> warnings, boolean used, DayResponse.Price price, String type, String acc,
                                     String field) {
        if (used && price == null) {
            warnings.add("no " + type + " price for " + acc + " in the catalog: its cost is not computed; give " + field);
        }
    }

    private static Double usd(DayResponse.Price p) {
        return p == null ? null : p.usdPerGpuHour();
    }
}
