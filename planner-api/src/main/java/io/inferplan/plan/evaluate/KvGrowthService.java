package io.inferplan.plan.evaluate;

import io.inferplan.engine.memory.KvGrowthPoint;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The engine's KV-growth curve for one plan: evaluated once by {@link PlanService} (same validation and the same
 * 400/422 refusals), whose memory estimate carries the curve the evaluate answer does not.
 */
@Singleton
public class KvGrowthService {

    private final PlanService plans;

    public KvGrowthService(PlanService plans) {
        this.plans = plans;
    }

    /** The plan's answer and the curve, computed against the same catalog. */
    public record Curve(PlanResponse plan, List<KvGrowthPoint> points) {
    }

    public Curve curve(PlanRequest r) {
        PlanService.Evaluated answer = plans.evaluateWithMemory(r);
        return new Curve(answer.response(), answer.memory().kvGrowth());
    }
}
