package io.inferplan.plan.admin;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * What an import did, or would do ({@code dryRun}): items created, items found unchanged, and the conflicts that
 * stop it (an id taken by something different). An import with conflicts stores nothing.
 */
@Serdeable
public record ImportReport(boolean dryRun, boolean imported, Counts created, Counts unchanged, List<Conflict> conflicts) {

    @Serdeable
    public record Counts(int savedPlans, int customEntries, int calibrationProfiles) {
    }

    /** @param item the item's place in the document, e.g. {@code savedPlans[3]} or {@code customEntries.models[0]} */
    @Serdeable
    public record Conflict(String item, String id, String reason) {
    }
}
