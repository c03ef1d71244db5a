package io.inferplan.plan.saved;

import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/plans} and {@code PUT /api/v1/plans/{id}}.
 *
 * @param name     1 to 200 characters
 * @param notes    at most 4000 characters
 * @param request  an evaluate request; it is evaluated before saving and refused (400/422) if it cannot be
 * @param revision PUT only: the revision the change is based on (or send {@code If-Match: "<revision>"})
 */
@Serdeable
public record SavedPlanInput(
        @Nullable String name,
        @Nullable String notes,
        @Nullable PlanRequest request,
        @Nullable Long revision) {
}
