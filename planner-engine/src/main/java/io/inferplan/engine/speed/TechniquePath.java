package io.inferplan.engine.speed;

import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.physics.StepTime;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.ServingSimulator;
import io.inferplan.engine.speed.sim.SimulationResult;
import io.inferplan.engine.speed.sim.SimulationSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica running a serving technique (speculative decoding, LoRA adapters, a decode pool fed over the network):
 * its own step time, KV capacity and sequence cap, answered by the step-level simulator in every workload mode —
 * the closed-form path knows none of the techniques. The saturated capacity comes from a simulated closed loop at
 * the batch cap, one request alone from a simulated single client; the modes under load go through
 * {@link SimulatedPath} as every other plan does.
 */
public final class TechniquePath {
    private TechniquePath() {
    }

    /** The same replica with a smaller KV cache (memory a technique takes) and a tighter sequence cap. */
    public static ReplicaSetup withLimits(ReplicaSetup rs, double kvCapacityTokens, int maxRunningSequences) {
        SchedulerPolicy p = rs.policy();
        SchedulerPolicy capped = new SchedulerPolicy(p.description(), p.stepKind(),
                Math.max(1, Math.min(p.maxRunningSequences(), maxRunningSequences)), p.tokenBudgetPerStep(),
                p.chunkedPrefill(), p.kvAdmission(), p.kvBlockTokens(), p.prefixCache(), p.microBatchTokens(),
                p.newTokenRatio());
        return withPolicy(rs, capped, kvCapacityTokens);
    }

    /** The same replica under another scheduler policy and KV capacity. */
    public static ReplicaSetup withPolicy(ReplicaSetup rs, SchedulerPolicy policy, double kvCapacityTokens) {
        return new ReplicaSetup(rs.input(), rs.efficiency(), rs.physics(), policy, Math.max(1, kvCapacityTokens),
                rs.cachedTokens(), rs.newTokens(), rs.warnings());
    }

    /** KV bytes one token takes across the replica's accelerators (tensor-parallel replication of KV heads included). */
    public static double kvBytesPerTokenPerReplica(ReplicaSetup rs) {
        return rs.physics().kvBytesPerTokenPerAccelerator() * rs.input().tensorParallel() * rs.input().pipelineParallel();
    }

    /** The plan's replica at these efficiencies, before any technique. */
    public static ReplicaSetup replica(SpeedInput in, Efficiency e) {
        return ReplicaSetup.of(in, e, true);
    }

    /** The point prediction for {@code rs} when each step takes what {@code step} says. */
    public static RawPrediction evaluate(ReplicaSetup rs, StepTime step) {
        String reason = SpeedModel.unsupportedReason(rs.input());
        if (reason != null) {
            return RawPrediction.unsupported(reason);
        }
        SpeedWorkload w = rs.input().workload();
        int replicas = rs.input().replicas();
        int cap = rs.batchCap();
        SimulationResult sat = run(rs, step, Arrivals.closedLoop(cap), Math.max(400, Math.min(4000, 8 * cap)), false);
        double saturated = replicas * sat.outputTokensPerSecond();
        double prefill = step.stepSeconds(0, 0, rs.newTokens(),
                StepPhysics.attentionPairs(rs.newTokens(), rs.cachedTokens()));
        List<String> warnings = new ArrayList<>(rs.warnings());
        String model = "step-level simulation of the " + rs.policy().description();
        switch (w.mode()) {
            case SINGLE_STREAM: {
                SimulationResult one = run(rs, step, Arrivals.closedLoop(1), 4, true);
                Percentiles tpot = orStep(Percentiles.of(one.tpot()), step);
                return new RawPrediction(null, 1, Percentiles.of(one.ttft()), tpot, Percentiles.of(one.e2eLatency()),
                        Percentiles.of(one.interTokenLatency()), rs.newTokens() / prefill, 1 / tpot.mean(),
                        1 / tpot.mean(), 1 / one.e2eLatency().mean(), saturated, false, Double.NaN, Double.NaN,
                        model + " (one request at a time)", rs.policy().maxRunningSequences(), rs.kvBatchCap(),
                        rs.physics().flopsSubstituted(), facts(rs, one, 4), warnings);
            }
            case MAX_THROUGHPUT:
                if (rs.requestCount() == null) {
                    warnings.add("TTFT in max-throughput depends on how many requests the benchmark submits: "
                            + "give serving.requestCount");
                    Percentiles tpot = orStep(Percentiles.of(sat.tpot()), step);
                    return new RawPrediction(null, sat.meanBatchSize(), Percentiles.NONE, tpot, Percentiles.NONE,
                            Percentiles.of(sat.interTokenLatency()), rs.newTokens() / prefill, 1 / tpot.mean(),
                            saturated, replicas * sat.requestsPerSecond(), saturated, false, Double.NaN, Double.NaN,
                            model + " (saturated: " + cap + " requests in flight per replica)",
                            rs.policy().maxRunningSequences(), rs.kvBatchCap(), rs.physics().flopsSubstituted(),
                            facts(rs, sat, Math.max(400, Math.min(4000, 8 * cap))), warnings);
                }
                break;
            default:
                break;
        }
        double util = w.mode() == WorkloadMode.ARRIVAL_RATE
                ? w.requestsPerSecond() / replicas / sat.requestsPerSecond() : Double.NaN;
        Percentiles stepTpot = orStep(Percentiles.NONE, step);
        RawPrediction capacity = new RawPrediction(null, sat.meanBatchSize(), Percentiles.NONE, stepTpot,
                Percentiles.NONE, Percentiles.NONE, rs.newTokens() / prefill, 1 / stepTpot.mean(), saturated,
                replicas * sat.requestsPerSecond(), saturated, false, util, Double.NaN, model,
                rs.policy().maxRunningSequences(), rs.kvBatchCap(), rs.physics().flopsSubstituted(),
                SimulationFacts.analytic(rs.policy().description()), warnings);
        return SimulatedPath.evaluate(rs, step, capacity);
    }

    /** A simulation of the replica's workload with its shape, the product's seed. */
    public static SimulationResult run(ReplicaSetup rs, StepTime step, Arrivals arrivals, int requests,
                                       boolean measureAll) {
        SpeedWorkload w = rs.input().workload();
        return ServingSimulator.run(new SimulationSpec(step, rs.policy(), rs.kvCapacityTokens(), arrivals, requests,
                measureAll, w.inputDistribution(), w.outputDistribution(), w.sharedPrefixTokens(),
                rs.efficiency().requestOverheadSeconds(), SimulatedPath.SEED));
    }

    /** One-token outputs have no gaps: a one-sequence decode step stands in. */
    private static Percentiles orStep(Percentiles p, StepTime step) {
        if (!Double.isNaN(p.mean())) {
            return p;
        }
        return Percentiles.meanOnly(step.decodeConstantSeconds(1) / step.tokensPerDecodeStep());
    }

    private static SimulationFacts facts(ReplicaSetup rs, SimulationResult s, int n) {
        return new SimulationFacts("simulation", rs.policy().description(), n, s.requestsMeasured(),
                SimulatedPath.SEED, s.meanBatchSize(), s.meanKvOccupancyFraction(), s.busyFraction(), s.preemptions(),
                s.backlogGrowthPerSecond(), s.simulatedSeconds());
    }
}
