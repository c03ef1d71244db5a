package io.inferplan.plan.saved;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A saved plan (table {@code saved_plan}).
 *
 * @param requestJson    the evaluate request as JSON text
 * @param summaryJson    the {@link PlanSummary} of the answer at the last save, as JSON text
 * @param catalogVersion the catalog version the plan was last evaluated against when saved
 * @param revision       1 on creation, +1 on every update (optimistic concurrency)
 */
@MappedEntity("saved_plan")
public record SavedPlanRow(
        @Id @GeneratedValue @Nullable Long id,
        String name,
        @Nullable String notes,
        String requestJson,
        String summaryJson,
        String catalogVersion,
        long revision,
        Instant createdAt,
        Instant updatedAt) {
}
