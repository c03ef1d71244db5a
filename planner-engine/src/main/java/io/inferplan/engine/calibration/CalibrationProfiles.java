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
 * Each own row counts {@link OwnSetup#rowWeight()} times: the weight that predicted held-out rows of the same setup
 * best when the corpus was replayed as uploads ({@code OwnSetupStudyTest}).
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
        OwnSetup study = OwnSetup.shipped();
        DeadlineFit.Outcome outcome = fitOwnRows(name, today, fittable, base, budget, clock, study.rowWeight());
        Map<String, String> basis = new LinkedHashMap<>();
        EfficiencyProfile scoped = scoped(name, today, fittable, outcome.profile(), base, study, basis);
        RefitReport report = RefitReport.of(fittable, base, scoped, outcome, budget, basis);
        return new Refit(scoped, fittable.size(), skipped, List.copyOf(unusable), report);
    }

    /**
     * The refit on a user's rows, each counted {@code rowWeight} times (the own-setup study's weight: a user's
     * measurement of their own setup says more about that setup than one corpus row of another harness). The copies
     * are capped at {@value #MAX_WEIGHTED_ROWS} rows in all, where the rows alone outweigh the prior anyway.
     */
    static DeadlineFit.Outcome fitOwnRows(String name, String date, List<MeasurementCase> cases, EfficiencyProfile base,
                                          DeadlineFit.Budget budget, LongSupplier clock, int rowWeight) {
        int copies = Math.max(1, Math.min(rowWeight, MAX_WEIGHTED_ROWS / cases.size()));
        List<MeasurementCase> weighted = new ArrayList<>(cases.size() * copies);
        for (MeasurementCase c : cases) {
            for (int i = 0; i < copies; i++) {
                weighted.add(c);
            }
        }
        return DeadlineFit.fit(name, weighted, date, base, budget, clock);
    }

    static final int MAX_WEIGHTED_ROWS = 2000;

    /**
     * The fitted parameters with the user's row ids and counts only (so {@code calibrated(fw, hw)} holds for the
     * pairs the rows cover and no other), and bands for those pairs: the own-setup study's, measured on held-out
     * rows of setups refitted on one or two of their own rows; without a study, the base's calibrated band (a pair
     * the base had not calibrated moves from the uncalibrated to the calibrated band).
     */
    private static EfficiencyProfile scoped(String name, String date, List<MeasurementCase> cases, EfficiencyProfile fitted,
                                            EfficiencyProfile base, OwnSetup study, Map<String, String> basis) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (MeasurementCase c : cases) {
            counts.merge("fw." + c.frameworkKey(), 1, Integer::sum);
            counts.merge("hw." + c.hardwareKey(), 1, Integer::sum);
            counts.merge("fmt." + c.formatKey(), 1, Integer::sum);
            counts.merge("pair." + c.frameworkKey() + "|" + c.hardwareKey(), 1, Integer::sum);
        }
        int fewest = counts.entrySet().stream().filter(e -> e.getKey().startsWith("pair.")).mapToInt(Map.Entry::getValue)
                .min().orElse(1);
        Map<String, double[]> bands = new LinkedHashMap<>(base.bands());
        for (EfficiencyProfile.MetricGroup g : EfficiencyProfile.MetricGroup.values()) {
            bands.put("calibrated." + g.name().toLowerCase(java.util.Locale.ROOT),
                    study.band(g, fewest).orElse(base.band(g, true)));
        }
        int own = Math.min(2, fewest);
        for (MeasurementCase c : cases) {
            String pair = c.frameworkKey() + "|" + c.hardwareKey();
            boolean had = base.calibrated(c.frameworkKey(), c.input().accelerator().architecture());
            String before = had ? "shipped: the spread of calibrated pairs (the shipped fit had "
                    + base.rowCounts().get("pair." + pair) + " rows of this pair)"
                    : "shipped: the uncalibrated spread (the shipped fit had no rows of this pair)";
            for (EfficiencyProfile.MetricGroup g : EfficiencyProfile.MetricGroup.values()) {
                var withOwn = study.band(g, own);
                var without = study.bandWithoutOwnRows(g, own);
                String now = withOwn.isPresent() && without.isPresent()
                        ? String.format(java.util.Locale.ROOT, "now measured: rows of one setup refitted on %d of its "
                        + "rows fell within %.2f–%.2f of the prediction, against %.2f–%.2f for the same rows without "
                        + "them (%s)", own, withOwn.get()[0], withOwn.get()[1], without.get()[0], without.get()[1],
                        study.basis())
                        : "now the calibrated band (no own-setup study shipped)";
                basis.putIfAbsent(pair + "|" + g.name().toLowerCase(java.util.Locale.ROOT), before + "; " + now);
            }
        }
        List<String> ids = cases.stream().map(c -> c.row().id()).collect(Collectors.toList());
        return new EfficiencyProfile(name, date, ids, fitted.parameters(), counts, bands);
    }
}
