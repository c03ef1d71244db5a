package io.inferplan.plan.saved;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A saved plan with its stored inputs and summary and a fresh evaluation against today's catalog.
 *
 * @param revision              send it back with PUT (or as {@code If-Match}); also the ETag
 * @param catalogVersion        the catalog version the plan was evaluated against when saved
 * @param request               the saved inputs
 * @param summary               key numbers of the answer when saved
 * @param current               the answer now; null if the plan cannot be evaluated any more ({@code currentError})
 * @param currentError          why the plan cannot be evaluated now; null otherwise
 * @param currentCatalogVersion the catalog version now
 * @param catalogChanged        true when the catalog changed since the plan was saved
 * @param changes               key numbers that differ between the saved summary and now
 */
@Serdeable
public record SavedPlanResponse(
        long id,
        String name,
        @Nullable String notes,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        String catalogVersion,
        PlanRequest request,
        PlanSummary summary,
        @Nullable PlanResponse current,
        @Nullable Problem currentError,
        String currentCatalogVersion,
        boolean catalogChanged,
        List<Change> changes) {

    /** One key number before (when saved) and after (now), as formatted cells; empty = no value. */
    @Serdeable
    public record Change(String field, String before, String after) {
    }

    /** A list entry: the saved plan without the re-evaluation. */
    @Serdeable
    public record Item(long id, String name, @Nullable String notes, long revision, Instant createdAt, Instant updatedAt,
                       String catalogVersion, PlanSummary summary) {
    }
}
