package io.inferplan.plan.calibration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A named calibration profile (table {@code calibration_profile}), stored as the engine's profile CSV. */
@MappedEntity("calibration_profile")
public record CalibrationProfileRow(@Id String name, String profileCsv, int rowsUsed, @Nullable String rowsSkipped,
                                    Instant createdAt) {
}
