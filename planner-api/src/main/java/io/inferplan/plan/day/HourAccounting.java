package io.inferplan.plan.day;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.engine.day.PurchaseMix;
import io.inferplan.engine.day.ScalingTimeline;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.plan.evaluate.PlanEnergy;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One hour of the day plan from its autoscaler timeline: the simulator's latency at the hour's end, SLO attainment
 * over its stretches, purchase split and cost, and facility energy (the energy lens of evaluate, applied per stretch).
 */
final class HourAccounting {

    /**
     * What does not change from hour to hour.
     *
     * @param prices per accelerator-hour: reserved, on-demand, spot (null = unknown)
     */
    record Setup(ReplicaLatency latency, PurchaseMix mix, int acceleratorsPerReplica, int outputTokens,
                 double saturatedRequestsPerSecondPerReplica, double scaleUpDelaySeconds, double spotInterruptionRatePerHour,
                 @Nullable Double reservedUsdPerGpuHour, @Nullable Double onDemandUsdPerGpuHour, @Nullable Double spotUsdPerGpuHour,
                 EnergyCatalog energy, AcceleratorSpec accelerator, @Nullable PlanRequest.PricingInput pricing) {
    }

    static final String BUSY_REASON = "busy share = the simulator's step occupancy of the serving replicas at the hour's rate "
            + "per replica; starting replicas count as idle";

    /** The energy lens's assumptions of the last stretch accounted (the same for every stretch but the busy share). */
    private List<String> energyAssumptions = List.of();

    List<String> energyAssumptions() {
        return energyAssumptions;
    }

    DayResponse.Hour hour(Setup s, int index, @Nullable String startTime, double rps, int needed, ScalingTimeline.Hour h) {
        double attained = 0;
        double interruptions = 0;
        double kWh = 0;
        double gCo2e = 0;
        for (ScalingTimeline.Segment seg : h.segments()) {
            double expected = s.mix().spotRunning(seg) * s.spotInterruptionRatePerHour() * seg.hours();
            interruptions += expected;
            if (s.latency().meets(rps, seg.serving())) {
                attained += seg.seconds();
                // an interrupted spot replica is missing until its replacement has loaded: one replica fewer serves
                if (expected > 0 && !s.latency().meets(rps, seg.serving() - 1)) {
                    attained -= Math.min(seg.seconds(), expected * s.scaleUpDelaySeconds());
                }
            }
            if (seg.paid() > 0) {
                double busy = seg.serving() > 0 && rps > 0 ? busyFraction(s, rps / seg.serving()) : 0;
                PlanEnergy.Blocks e = PlanEnergy.of(s.energy(), s.accelerator(), seg.paid() * s.acceleratorsPerReplica(),
                        seg.serving() * busy / seg.paid(), BUSY_REASON, seg.serving() > 0 ? rps * s.outputTokens() : 0,
                        s.pricing());
                kWh += e.energy().kWhPerHour() * seg.hours();
                gCo2e += e.carbon().gCo2ePerHour() * seg.hours();
                energyAssumptions = e.energy().assumptions();
            }
        }
        int end = h.servingAtEnd();
        PlanResponse.PerformanceBlock p = rps > 0 && end > 0 ? s.latency().at(rps / end) : null;
        PurchaseMix.Split split = s.mix().split(h);
        int gpr = s.acceleratorsPerReplica();
        Double reserved = usd(split.reservedReplicaHours() * gpr, s.reservedUsdPerGpuHour());
        Double onDemand = usd(split.onDemandReplicaHours() * gpr, s.onDemandUsdPerGpuHour());
        Double spot = usd(split.spotReplicaHours() * gpr, s.spotUsdPerGpuHour());
        Double total = reserved == null || onDemand == null || spot == null ? null : reserved + onDemand + spot;
        return new DayResponse.Hour(index, startTime, rps, needed, h.desired(), end, h.paidReplicaHours(),
                h.secondsBelowDesired(), end > 0 ? rps / end : null,
                end > 0 ? rps / end / s.saturatedRequestsPerSecondPerReplica() : null,
                p == null ? null : busyFraction(s, rps / end), p == null ? null : p.ttftP95Ms(),
                p == null ? null : p.tpotP95Ms(), p == null ? null : p.tpotMs(), p == null ? null : p.exceedsCapacity(),
                rps > 0 ? Math.max(0, attained) / ScalingTimeline.SECONDS_PER_HOUR : null, interruptions,
                split.reservedReplicaHours(), split.onDemandReplicaHours(), split.spotReplicaHours(),
                s.mix().idleReservedReplicaHours(needed), reserved, onDemand, spot, total, kWh, gCo2e,
                rps * ScalingTimeline.SECONDS_PER_HOUR * s.outputTokens());
    }

    /** The simulator's busy share of one replica at a rate; the engine's utilisation where it did not simulate. */
    private static double busyFraction(Setup s, double rpsPerReplica) {
        PlanResponse.PerformanceBlock p = s.latency().at(rpsPerReplica);
        if (p.simulation() != null && p.simulation().busyFraction() != null) {
            return Math.min(1.0, p.simulation().busyFraction());
        }
        return Math.min(1.0, rpsPerReplica / s.saturatedRequestsPerSecondPerReplica());
    }

    /** Accelerator-hours × price; 0 without hours, null without a price for hours that were used. */
    private static Double usd(double acceleratorHours, @Nullable Double usdPerGpuHour) {
        if (acceleratorHours <= 0) {
            return 0.0;
        }
        return usdPerGpuHour == null ? null : acceleratorHours * usdPerGpuHour;
    }
}
