package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.fleet.FleetMath;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.WorkloadMode;

/**
 * Goodput (DistServe's definition, Zhong et al. 2024, arXiv:2401.09670): the highest request rate served with the
 * latency SLO met, here at the 95th percentile, found by bisection below saturation. For a colocated replica and for a
 * disaggregated deployment of x prefill and y decode instances: min(x × prefill rate, y × decode rate), each pool's
 * rate from {@link PoolSizer}.
 */
public final class Goodput {
    private static final int BISECTION_STEPS = 14;

    private Goodput() {
    }

    /** Requests/s one colocated replica ({@code replica}: replicas = 1) serves within the SLO; 0 when none. */
    public static double colocatedRequestsPerSecond(SpeedInput replica, EfficiencyProfile profile, PoolSizer.Slo slo) {
        Efficiency e = SpeedModel.efficiency(replica, profile);
        double saturated = SpeedModel.evaluate(replica.withTraffic(WorkloadMode.MAX_THROUGHPUT, 1, 0), e, false)
                .requestsPerSecond();
        return FleetMath.largestPassing(x -> meets(SpeedModel.evaluate(replica.withTraffic(WorkloadMode.ARRIVAL_RATE,
                1, x), e, false), slo), 0.995 * saturated, 0.01, BISECTION_STEPS);
    }

    static boolean meets(RawPrediction r, PoolSizer.Slo slo) {
        return !r.exceedsCapacity() && r.ttft().p95() <= slo.ttftP95Seconds() && PoolSizer.decodeMeets(r, slo);
    }

    /** Goodput of x prefill and y decode instances at the per-instance rates of a sizing. */
    public static double disaggregatedRequestsPerSecond(PoolSizer.Sizing s, int prefillInstances, int decodeInstances) {
        return Math.min(prefillInstances * s.prefillRequestsPerSecondPerInstance(),
                decodeInstances * s.decodeRequestsPerSecondPerInstance());
    }
}
