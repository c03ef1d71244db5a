package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * User calibration profiles: refit on measurement rows a user posts (same CSV columns as measurements.csv),
 * shrunk toward a base profile (normally the shipped one), returning a named profile usable in
 * {@link io.inferplan.engine.speed.SpeedModel#predict}.
 */
public final class CalibrationProfiles {
    private CalibrationProfiles() {
    }

    /** The refit profile and the rows that could not be used (with reasons). */
    public record Refit(EfficiencyProfile profile, int rowsUsed, List<String> rowsSkipped) {
    }

    /**
     * Refits {@code base} on the posted rows. Bands are the base profile's (a handful of user rows cannot
     * measure their own out-of-sample error); the profile name says it is a recalibration.
     *
     * @throws IllegalArgumentException when no row can be modelled (every reason is in the message)
     */
    public static Refit refit(String name, Reader postedCsv, CatalogLookup lookup, EfficiencyProfile base)
            throws IOException {
        List<Measurement> rows = MeasurementCsv.read(postedCsv, "posted measurements");
        List<String> skipped = new java.util.ArrayList<>();
        List<MeasurementCase> cases = new java.util.ArrayList<>();
        for (Measurement m : rows) {
            MeasurementCase.Result r = MeasurementCase.of(m, lookup);
            if (r.value() == null) {
                skipped.add(m.id() + ": " + r.skipReason());
            } else {
                cases.add(r.value());
            }
        }
        List<MeasurementCase> fittable = EfficiencyFitter.fittable(cases);
        for (MeasurementCase c : cases) {
            if (!fittable.contains(c)) {
                skipped.add(c.row().id() + ": no prediction for this combination (unsupported or no value)");
            }
        }
        if (fittable.isEmpty()) {
            throw new IllegalArgumentException("measurements: none of the " + rows.size()
                    + " posted rows can be modelled: " + skipped);
        }
        EfficiencyProfile p = EfficiencyFitter.fit(name, fittable, LocalDate.now(ZoneOffset.UTC).toString(), base, 40)
                .withBands(base.bands());
        return new Refit(p, fittable.size(), skipped);
    }
}
