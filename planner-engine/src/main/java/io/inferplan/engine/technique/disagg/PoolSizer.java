package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.fleet.FleetMath;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.technique.disagg.KvLinks.KvLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizes the two pools of a disaggregated fleet for a peak request rate and an SLO, by rate matching (TensorRT-LLM
 * tech blog 5, "Disaggregated Serving in TensorRT-LLM", measurement methodology):
 * <ol>
 * <li>decode: the highest request rate one decode instance serves with mean and p95 TPOT within the SLO (bisection,
 *     as the colocated fleet sizer does), and its p95 wait for the first decode step there;</li>
 * <li>prefill: the highest rate one prefill instance serves with its p95 TTFT within what the SLO leaves after the
 *     KV transfer and that decode wait;</li>
 * <li>instances = ceil(peak ÷ rate per instance) each: the xPyD ratio.</li>
 * </ol>
 */
public final class PoolSizer {
    private static final int BISECTION_STEPS = 14;
    /** Traffic multiples of the pool-size curve. */
    public static final List<Double> TRAFFIC_MULTIPLES = List.of(0.25, 0.5, 1.0, 2.0, 4.0);

    private PoolSizer() {
    }

    /** Latency objectives, seconds; a null tpot bound is not checked. */
    public record Slo(double ttftP95Seconds, Double tpotSeconds, Double tpotP95Seconds) {
    }

    /** Pool sizes at one traffic level. */
    public record AtTraffic(double requestsPerSecond, int prefillInstances, int decodeInstances) {
    }

    /**
     * @param prefillRequestsPerSecondPerInstance the rate one prefill instance serves within its share of the TTFT SLO
     * @param decodeRequestsPerSecondPerInstance  the rate one decode instance serves within the TPOT SLO
     * @param decodeWaitP95Seconds                p95 wait for the first decode step at that rate
     * @param ratio                               "xPyD"
     */
    public record Sizing(double prefillRequestsPerSecondPerInstance, double decodeRequestsPerSecondPerInstance,
                         double transferSeconds, double decodeWaitP95Seconds, int prefillInstances,
                         int decodeInstances, String ratio, List<AtTraffic> byTraffic) {
    }

    /**
     * @param prefillInstance one prefill instance (replicas = 1)
     * @param decodeInstance  one decode instance (replicas = 1)
     * @throws IllegalArgumentException naming {@code slo.…} when no rate meets it
     */
    public static Sizing size(SpeedInput prefillInstance, SpeedInput decodeInstance, KvLink link,
                              EfficiencyProfile profile, Slo slo, double peakRequestsPerSecond) {
        PoolRunner p = new PoolRunner(prefillInstance, decodeInstance, link, profile);
        double decodeRate = FleetMath.largestPassing(x -> decodeMeets(p.decodeAt(x), slo), 0.995 * p.decodeCapacity(),
                0.01, BISECTION_STEPS);
        if (decodeRate <= 0) {
            RawPrediction light = p.decodeAt(p.decodeCapacity() * 1e-3);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "slo.tpotMs: even at light load a decode "
                    + "instance of %d × %s decodes at %.1f ms per token (p95 %.1f ms)", decodeInstance.acceleratorCount(),
                    decodeInstance.accelerator().id(), light.tpot().mean() * 1000, light.tpot().p95() * 1000));
        }
        double wait = p.decodeAt(decodeRate).ttft().p95();
        double transfer = p.transferSeconds();
        double budget = slo.ttftP95Seconds() - transfer - wait;
        if (!(budget > 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "slo.ttftP95Ms: the KV transfer (%.1f ms over "
                    + "%s) and the decode pool's p95 wait (%.1f ms) already exceed %.0f ms", transfer * 1000, link.id(),
                    wait * 1000, slo.ttftP95Seconds() * 1000));
        }
        double prefillRate = FleetMath.largestPassing(x -> prefillMeets(p.prefillAt(x), budget),
                0.995 * p.prefillCapacity(), 0.01, BISECTION_STEPS);
        if (prefillRate <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "slo.ttftP95Ms: even at light load a prefill "
                    + "instance of %d × %s needs more than the %.0f ms the SLO leaves after transfer and decode wait",
                    prefillInstance.acceleratorCount(), prefillInstance.accelerator().id(), budget * 1000));
        }
        List<AtTraffic> curve = new ArrayList<>();
        for (double m : TRAFFIC_MULTIPLES) {
            double rps = m * peakRequestsPerSecond;
            curve.add(new AtTraffic(rps, FleetMath.replicas(rps, prefillRate), FleetMath.replicas(rps, decodeRate)));
        }
        int x = FleetMath.replicas(peakRequestsPerSecond, prefillRate);
        int y = FleetMath.replicas(peakRequestsPerSecond, decodeRate);
        return new Sizing(prefillRate, decodeRate, transfer, wait, x, y, x + "P" + y + "D", curve);
    }

    static boolean decodeMeets(RawPrediction r, Slo slo) {
        return !r.exceedsCapacity() && (slo.tpotSeconds() == null || r.tpot().mean() <= slo.tpotSeconds())
                && (slo.tpotP95Seconds() == null || r.tpot().p95() <= slo.tpotP95Seconds());
    }

    static boolean prefillMeets(RawPrediction r, double ttftBudgetSeconds) {
        return !r.exceedsCapacity() && r.ttft().p95() <= ttftBudgetSeconds;
    }
}
