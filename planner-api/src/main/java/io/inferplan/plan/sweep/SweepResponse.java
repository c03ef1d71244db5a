package io.inferplan.plan.sweep;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One evaluation per value of the varied parameter.
 *
 * @param vary   the varied parameter as a dotted request path ({@code workload.inputTokens}, {@code accelerator})
 * @param points in the order the values were given (or from {@code from} to {@code to})
 */
@Serdeable
public record SweepResponse(String vary, List<Point> points) {

    /**
     * @param value    the varied parameter's value, as given
     * @param response the evaluation; null when this combination cannot be planned
     * @param error    why this combination cannot be planned (the problem evaluate would answer); null otherwise
     */
    @Serdeable
    public record Point(String value, @Nullable PlanResponse response, @Nullable Problem error) {
    }
}
