package io.inferplan.plan.evaluate;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** {@code /api/v1/plans/evaluate}: one plan's memory, performance and cost. */
@Controller("/api/v1/plans")
public class EvaluateController {

    private final PlanService plans;

    public EvaluateController(PlanService plans) {
        this.plans = plans;
    }

    @Post("/evaluate")
    public PlanResponse evaluate(@Body PlanRequest request) {
        return plans.evaluate(request);
    }
}
