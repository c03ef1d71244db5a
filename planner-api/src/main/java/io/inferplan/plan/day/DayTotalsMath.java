package io.inferplan.plan.day;

import io.inferplan.engine.cost.CostModel;
import io.inferplan.engine.day.AutoscalingPolicy;
import io.inferplan.engine.day.ReservedMixOptimizer;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The day's and the month's totals from the hours, and the cheapest reserved/on-demand split of the curve. */
final class DayTotalsMath {

    private DayTotalsMath() {
    }

    static DayResponse.DayTotals day(List<DayResponse.Hour> hours) {
        double requests = sum(hours, h -> h.requestsPerSecond() * 3600);
        double attained = sum(hours, h -> h.sloAttainmentFraction() == null ? 0 : h.sloAttainmentFraction() * h.requestsPerSecond());
        double rate = sum(hours, DayResponse.Hour::requestsPerSecond);
        int peak = hours.stream().mapToInt(h -> Math.max(h.desiredReplicas(), h.replicas())).max().orElse(0);
        return new DayResponse.DayTotals(hours.size(), requests, sum(hours, DayResponse.Hour::outputTokens), peak,
                sum(hours, DayResponse.Hour::paidReplicaHours), sum(hours, DayResponse.Hour::idleReservedReplicaHours),
                rate > 0 ? attained / rate : null, sumOrNull(hours, DayResponse.Hour::usdReserved),
                sumOrNull(hours, DayResponse.Hour::usdOnDemand), sumOrNull(hours, DayResponse.Hour::usdSpot),
                sumOrNull(hours, DayResponse.Hour::usd), sum(hours, DayResponse.Hour::kWh), sum(hours, DayResponse.Hour::gCo2e));
    }

    /** The curve repeated over 730 h: every total × 730 ÷ the curve's hours; per-token figures from the totals. */
    static DayResponse.MonthTotals month(DayResponse.DayTotals d, int hours, int inputTokens, int outputTokens) {
        double f = CostModel.HOURS_PER_MONTH / hours;
        double tokens = d.outputTokens() * f;
        Double usd = times(d.usd(), f);
        double requests = d.requests() * f;
        return new DayResponse.MonthTotals(CostModel.HOURS_PER_MONTH, usd, times(d.usdReserved(), f),
                times(d.usdOnDemand(), f), times(d.usdSpot(), f),
                usd == null || tokens <= 0 ? null : usd / tokens * 1e6,
                usd == null || requests <= 0 ? null : usd / (requests * (inputTokens + outputTokens)) * 1e6, tokens,
                d.idleReservedReplicaHours() * f, d.paidReplicaHours() * f, d.kWh() * f,
                tokens > 0 ? d.kWh() * f / tokens * 1e6 : null, d.gCo2e() * f);
    }

    /** The cheapest reserved count for the curve's needs, the rest on-demand, priced per month. */
    static DayResponse.CheapestMix cheapestMix(int[] needed, AutoscalingPolicy policy, int acceleratorsPerReplica,
                                               @Nullable Double reservedUsdPerGpuHour, @Nullable Double onDemandUsdPerGpuHour,
                                               String accelerator, int hours) {
        if (reservedUsdPerGpuHour == null || onDemandUsdPerGpuHour == null || !(onDemandUsdPerGpuHour > 0)) {
            String missing = reservedUsdPerGpuHour == null ? "reserved" : "on-demand";
            return new DayResponse.CheapestMix(null, null, null, null, null, List.of(), List.of(), "no " + missing
                    + " price for " + accelerator + ": give purchase." + (reservedUsdPerGpuHour == null ? "reserved" : "onDemand")
                    + "UsdPerGpuHour");
        }
        ReservedMixOptimizer.Choice c = ReservedMixOptimizer.cheapest(needed, policy.maxReplicas(),
                policy.scaleUpDelaySeconds(), policy.scaleDownDelaySeconds(), reservedUsdPerGpuHour * acceleratorsPerReplica,
                onDemandUsdPerGpuHour * acceleratorsPerReplica);
        double f = CostModel.HOURS_PER_MONTH / hours;
        List<DayResponse.MixOption> options = new ArrayList<>();
        for (ReservedMixOptimizer.Option o : c.options()) {
            options.add(new DayResponse.MixOption(o.reservedReplicas(), o.reservedReplicaHours() * f,
                    o.onDemandReplicaHours() * f, o.usd() * f));
        }
        double best = c.best().usd() * f;
        double allOnDemand = c.options().get(0).usd() * f;
        return new DayResponse.CheapestMix(c.best().reservedReplicas(), best, allOnDemand, allOnDemand - best,
                c.breakEvenUtilisationFraction(), c.replicaUtilisationFractions(), options, null);
    }

    static List<String> assumptions(TrafficCurve curve, int spotReplicas) {
        List<String> out = new ArrayList<>();
        out.add("one replica = the plan's deployment; its workload's mode and rate are replaced by each hour's Poisson "
                + "arrivals split evenly over the serving replicas");
        out.add("the curve repeats (" + curve.hours() + " h): hour 0 starts with the replicas of the last hour serving; "
                + "the month is the curve × 730 h ÷ " + curve.hours() + " h");
        out.add("SLO attainment: the share of an hour's requests that arrive while the serving replicas meet the SLO at "
                + "the hour's rate per replica (p95 over the simulator's requests); a queue built while they did not is "
                + "not carried into the next stretch");
        out.add("replicas starting (loading weights) and draining (scale-down delay) are paid; starting ones draw idle power");
        if (spotReplicas > 0) {
            out.add("spot: each interruption leaves one replica fewer until its replacement has loaded (the scale-up "
                    + "delay); replica-hours are billed as if uninterrupted (the replacement is paid while it loads)");
        }
        return out;
    }

    private static <T> double sum(List<T> items, ToDoubleFunction<T> f) {
        return items.stream().mapToDouble(f).sum();
    }

    private static Double sumOrNull(List<DayResponse.Hour> hours, java.util.function.Function<DayResponse.Hour, Double> f) {
        double total = 0;
        for (DayResponse.Hour h : hours) {
            Double v = f.apply(h);
            if (v == null) {
                return null;
            }
            total += v;
        }
        return total;
    }

    private static Double times(@Nullable Double v, double f) {
        return v == null ? null : v * f;
    }
}
