package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.SpeedModel;

import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * User calibration profiles: a refit on the measurement rows a user brings, shrunk toward a base profile (normally
 * the shipped one) — the fitter starts at the base and its prior is the base, so one or two rows move the
 * parameters their combination uses only as far as those rows pull against the prior, never a fit from scratch.
 * The profile is scoped to what the rows cover: its row counts are the user's only, so it calls only the
 * framework × hardware pairs of the rows calibrated, and a caller answers other pairs from the base profile.
 */
public final class CalibrationProfiles {

    /** The default budget: the shipped code's 40 LM iterations, stopped after 10 s with the best point so far. */
    public static final int MAX_ITERATIONS = 40;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private CalibrationProfiles() {
    }

    /** A posted row that was not fitted, and why. */
    public record Unusable(String id, String metric, String statistic, String reason) {
        @Override
        public String toString() {
            return id + ": " + reason;
        }
    }

    /**
     * The refit profile, the rows that could not be used (with reasons; {@code rowsSkipped} as text, as before)
     * and the report of what the fit did.
     */
    public record Refit(EfficiencyProfile profile, int rowsUsed, List<String> rowsSkipped, List<Unusable> unusable,
                        RefitReport report) {
    }

    /** Refits {@code base} on posted CSV rows (measurements.csv columns) with the default budget. */
    public static Refit refit(String name, Reader postedCsv, CatalogLookup lookup, EfficiencyProfile base)
            throws IOException {
        return refit(name, MeasurementCsv.read(postedCsv, "posted measurements"), lookup, base, DEFAULT_DEADLINE);
    }

    public static Refit refit(String name, List<Measurement> rows, CatalogLookup lookup, EfficiencyProfile base,
                              Duration deadline) {
        return refit(name, rows, lookup, base, new DeadlineFit.Budget(MAX_ITERATIONS, deadline), System::nanoTime);
    }

    /**
     * Refits {@code base} on the rows. Of a run's latency statistics the mean is fitted ({@link FitSelection}).
     *
     * @throws IllegalArgumentException when no row can be modelled (every reason is in the message)
     */
    static Refit refit(String name, List<Measurement> rows, CatalogLookup lookup, EfficiencyProfile base,
                       DeadlineFit.Budget budget, LongSupplier clock) {
        FitSelection.Chosen chosen = FitSelection.choose(rows);
        List<Unusable> unusable = new ArrayList<>(chosen.unusable());
        List<MeasurementCase> cases = new ArrayList<>();
        for (Measurement m : chosen.rows()) {
            MeasurementCase.Result r = MeasurementCase.of(m, lookup);
            if (r.value() == null) {
                unusable.add(new Unusable(m.id(), m.metric(), m.statistic(), r.skipReason()));
            } else {
                cases.add(r.value());
            }
        }
        List<MeasurementCase> fittable = EfficiencyFitter.fittable(cases);
        Set<MeasurementCase> kept = Set.copyOf(fittable);
        for (MeasurementCase c : cases) {
            if (!kept.contains(c)) {
                String why = SpeedModel.unsupportedReason(c.input());
                unusable.add(new Unusable(c.row().id(), c.row().metric(), c.row().statistic(),
                        why != null ? why : "no prediction for this combination (unsupported or no value)"));
            }
        }
        List<String> skipped = unusable.stream().map(Unusable::toString).toList();
        if (fittable.isEmpty()) {
            throw new IllegalArgumentException("measurements: none of the " + rows.size()
                    + " posted rows can be modelled: " + skipped);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        DeadlineFit.Outcome outcome = DeadlineFit.fit(name, fittable, today, base, budget, clock);
        Map<String, String> basis = new LinkedHashMap<>();
        EfficiencyProfile scoped = scoped(name, today, fittable, outcome.profile(), base, basis);
        RefitReport report = RefitReport.of(fittable, base, scoped, outcome, budget, basis);
        return new Refit(scoped, fittable.size(), skipped, List.copyOf(unusable), report);
    }

    /**
     * The fitted parameters with the user's row ids and counts only (so {@code calibrated(fw, hw)} holds for the
     * pairs the rows cover and no other), and the base's bands: a pair the base had not calibrated moves from the
     * uncalibrated to the calibrated band, measured by leave-one-publisher-out on the shipped corpus.
     */
    private static EfficiencyProfile scoped(String name, String date, List<MeasurementCase> cases,
                                            EfficiencyProfile fitted, EfficiencyProfile base, Map<String, String> basis) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MeasurementCase c : cases) {
            counts.merge("fw." + c.frameworkKey(), 1, Integer::sum);
            counts.merge("hw." + c.hardwareKey(), 1, Integer::sum);
            counts.merge("fmt." + c.formatKey(), 1, Integer::sum);
            counts.merge("pair." + c.frameworkKey() + "|" + c.hardwareKey(), 1, Integer::sum);
        }
        for (MeasurementCase c : cases) {
            String pair = c.frameworkKey() + "|" + c.hardwareKey();
            basis.computeIfAbsent(pair, p -> base.calibrated(c.frameworkKey(), c.input().accelerator().architecture())
                    ? "the shipped fit had rows of this pair (" + base.rowCounts().get("pair." + p) + "): its "
                    + "calibrated band stays; your rows move the centre"
                    : "the shipped fit had no rows of this pair: it moves from the uncalibrated to the calibrated band "
                    + "(leave-one-publisher-out residuals of calibrated pairs)");
        }
        List<String> ids = cases.stream().map(c -> c.row().id()).collect(Collectors.toList());
        return new EfficiencyProfile(name, date, ids, fitted.parameters(), counts, base.bands());
    }
}
