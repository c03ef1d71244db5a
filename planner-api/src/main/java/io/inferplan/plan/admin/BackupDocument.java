package io.inferplan.plan.admin;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.saved.PlanSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One instance's own data as one JSON document: saved plans (with their ids, revisions and times), custom catalog
 * entries (by section, as the catalog API shows them) and calibration profiles. Shipped catalog rows are not in it:
 * every release brings its own.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion the document's layout; this release writes and reads {@value #VERSION}
 * @param customEntries section ("models", "weight-formats", "kv-cache-formats", "accelerators", "api-prices",
 *                      "gpu-prices") → its custom entries
 */
@Serdeable
public record BackupDocument(
        @Nullable String format,
        @Nullable Integer formatVersion,
        @Nullable Instant exportedAt,
        @Nullable String applicationVersion,
        @Nullable String catalogVersion,
        @Nullable List<SavedPlan> savedPlans,
        @Nullable Map<String, List<JsonNode>> customEntries,
        @Nullable List<CalibrationProfile> calibrationProfiles) {

    public static final String FORMAT = "inferplan-backup";
    public static final int VERSION = 1;

    /** A saved plan as stored: its inputs, the summary it was saved with and the catalog version of that save. */
    @Serdeable
    public record SavedPlan(@Nullable Long id, @Nullable String name, @Nullable String notes, @Nullable Long revision,
                            @Nullable Instant createdAt, @Nullable Instant updatedAt, @Nullable String catalogVersion,
                            @Nullable PlanRequest request, @Nullable PlanSummary summary) {
    }

    /** A calibration profile as stored: the engine's profile CSV and what it was fitted on. */
    @Serdeable
    public record CalibrationProfile(@Nullable String name, @Nullable String profileCsv, @Nullable Integer rowsUsed,
                                     @Nullable String rowsSkipped, @Nullable Instant createdAt) {
    }
}
