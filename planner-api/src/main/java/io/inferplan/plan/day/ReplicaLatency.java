package io.inferplan.plan.day;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of the day plan under Poisson arrivals, answered by the engine's scheduler simulator and kept per
 * distinct rate: a day asks for a few replica counts per hour, and hours with the same rate ask the same question.
 */
final class ReplicaLatency {

    private final PlanService plans;
    private final PlanRequest plan;
    private final int acceleratorsPerReplica;
    private final DayRequest.Slo slo;
    private final Map<Double, PlanResponse.PerformanceBlock> answers = new HashMap<>();

    ReplicaLatency(PlanService plans, PlanRequest plan, int acceleratorsPerReplica, DayRequest.Slo slo) {
        this.plans = plans;
        this.plan = plan;
        this.acceleratorsPerReplica = acceleratorsPerReplica;
        this.slo = slo;
    }

    /** The simulator's answer for one replica at {@code requestsPerSecond} (> 0). */
    PlanResponse.PerformanceBlock at(double requestsPerSecond) {
        return answers.computeIfAbsent(requestsPerSecond, rps -> evaluate(plans, plan, "arrival-rate", rps,
                acceleratorsPerReplica).performance());
    }

    /** Whether {@code replicas} serving {@code requestsPerSecond} between them each meet the SLO. */
    boolean meets(double requestsPerSecond, int replicas) {
        if (!(requestsPerSecond > 0)) {
            return true;
        }
        return replicas > 0 && meets(at(requestsPerSecond / replicas));
    }

    boolean meets(PlanResponse.PerformanceBlock p) {
        if (Boolean.TRUE.equals(p.exceedsCapacity())) {
            return false;
        }
        return within(p.ttftP95Ms(), slo.ttftP95Ms()) && within(p.tpotP95Ms(), slo.tpotP95Ms()) && within(p.tpotMs(), slo.tpotMs());
    }

    private static boolean within(Double value, Double bound) {
        return bound == null || (value != null && value <= bound);
    }

    /** Simulations run so far (distinct rates). */
    int simulations() {
        return answers.size();
    }

    /**
     * The plan with its workload's mode and rate replaced; a refusal names its field under {@code plan.}.
     *
     * @param acceleratorCount the replica's size once known (null: the plan's own, or the fewest that fit)
     */
    static PlanResponse evaluate(PlanService plans, PlanRequest p, String mode, Double requestsPerSecond, Integer acceleratorCount) {
        PlanRequest.WorkloadInput w = p.workload();
        // the mode and rate change; the lengths' spreads and the arrivals' burstiness are the plan's
        PlanRequest.WorkloadInput shaped = w == null ? null : new PlanRequest.WorkloadInput(mode, w.inputTokens(),
                w.outputTokens(), null, requestsPerSecond, w.sharedPrefixTokens(), w.batch(), w.inputTokensSpread(),
                w.outputTokensSpread(), w.lengthDistribution(), w.burstiness());
        PlanRequest r = new PlanRequest(p.model(), p.weightFormat(), p.kvCacheFormat(), p.accelerator(),
                acceleratorCount != null ? acceleratorCount : p.acceleratorCount(), p.framework(), shaped, p.serving(),
                p.parallelism(), p.calibrationProfile(), p.pricing());
        try {
            return plans.evaluate(r);
        } catch (ProblemException e) {
            List<FieldError> fields = e.errors().stream().map(f -> new FieldError(
                    "body".equals(f.field()) ? "plan" : "plan." + f.field(), f.message())).toList();
            throw new ProblemException(e.status(), e.title(), e.getMessage(), fields);
        }
    }
}
