package io.inferplan.plan.calibration;

import io.inferplan.engine.calibration.CalibrationProfiles;
import io.inferplan.engine.calibration.RefitReport;
import io.inferplan.engine.calibration.imports.ParsedFile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to an upload: the profile created, the error on the uploaded rows before (shipped fit) and after
 * (the new profile) per row and as medians, the fitted quantities that moved (natural units), the rows that could
 * not be used with the reason, the bands of the covered pairs before and after, how the fit ended and the limits
 * that applied. {@code name}, {@code rowsUsed}, {@code rowsSkipped} and {@code createdAt} are the fields the
 * route answered before file formats existed.
 *
 * @param rowsRead measurement rows read from the file (one per figure: a vLLM run gives throughput, request rate
 *                 and TTFT / TPOT mean, median and p99)
 */
@Serdeable
public record CalibrationReport(String name, String format, String createdAt, int rowsRead, int rowsUsed,
                                List<String> rowsSkipped, @Nullable Double medianAbsErrorBeforePercent,
                                @Nullable Double medianAbsErrorAfterPercent, List<Row> rows,
                                List<Parameter> parameters, List<Unused> unusedRows, List<Band> bands, Fit fit,
                                Limits limits, List<String> notes) {

    /** One used row: what was measured, what the shipped fit and the new profile predict; errors signed, in %. */
    @Serdeable
    public record Row(String id, String metric, String statistic, String mode, String concurrency,
                      String requestsPerSecond, String inputTokens, String outputTokens, double measured,
                      @Nullable Double predictedBefore, @Nullable Double predictedAfter,
                      @Nullable Double errorBeforePercent, @Nullable Double errorAfterPercent) {
    }

    /** A fitted quantity for one framework × hardware class × format family, in its unit. */
    @Serdeable
    public record Parameter(String name, String description, String unit, String framework, String hardware,
                            String format, double before, double after, List<String> parametersMoved) {
    }

    /** A part of the file, or a row, that was not fitted. */
    @Serdeable
    public record Unused(String id, @Nullable String metric, @Nullable String statistic, String reason) {
    }

    /** A covered pair's low–high factor band of one metric group, before and after. */
    @Serdeable
    public record Band(String framework, String hardware, String metricGroup, double beforeLow, double beforeHigh,
                       double afterLow, double afterHigh, String basis) {
    }

    @Serdeable
    public record Fit(int iterations, int rounds, long elapsedMs, long deadlineMs, boolean stoppedAtDeadline,
                      boolean converged) {
    }

    /** The limits that applied to this upload. */
    @Serdeable
    public record Limits(int maxBodyBytes, int maxRows, long fitDeadlineMs) {
    }

    static CalibrationReport of(String name, String format, String createdAt, int rowsRead, ParsedFile file,
                                CalibrationProfiles.Refit refit, CalibrationLimits limits, List<String> notes) {
        RefitReport r = refit.report();
        List<Unused> unused = new ArrayList<>();
        file.unused().forEach(u -> unused.add(new Unused(u.where(), null, null, u.reason())));
        refit.unusable().forEach(u -> unused.add(new Unused(u.id(), u.metric(), u.statistic(), u.reason())));
        List<String> skipped = new ArrayList<>();
        file.unused().forEach(u -> skipped.add(u.where() + ": " + u.reason()));
        skipped.addAll(refit.rowsSkipped());
        List<String> allNotes = new ArrayList<>(notes);
        if (r.fit().stoppedAtDeadline()) {
            allNotes.add("the fit stopped at the " + r.fit().deadlineMs() / 1000.0 + " s deadline after "
                    + r.fit().iterations() + " iterations, with its best point so far");
        }
        return new CalibrationReport(name, format, createdAt, rowsRead, refit.rowsUsed(), skipped,
                r.medianAbsErrorBeforePercent(), r.medianAbsErrorAfterPercent(),
                r.rows().stream().map(e -> new Row(e.id(), e.metric(), e.statistic(), e.mode(), e.concurrency(),
                        e.requestsPerSecond(), e.inputTokens(), e.outputTokens(), e.measured(), e.predictedBefore(),
                        e.predictedAfter(), e.errorBeforePercent(), e.errorAfterPercent())).toList(),
                r.parameters().stream().map(p -> new Parameter(p.quantity(), p.description(), p.unit(), p.framework(),
                        p.hardware(), p.format(), p.before(), p.after(), p.parametersMoved())).toList(),
                unused,
                r.bands().stream().map(b -> new Band(b.framework(), b.hardware(), b.metricGroup(), b.beforeLow(),
                        b.beforeHigh(), b.afterLow(), b.afterHigh(), b.basis())).toList(),
                new Fit(r.fit().iterations(), r.fit().rounds(), r.fit().elapsedMs(), r.fit().deadlineMs(),
                        r.fit().stoppedAtDeadline(), r.fit().converged()),
                new Limits(limits.maxBodyBytes(), limits.maxRows(), limits.fitDeadline().toMillis()), allNotes);
    }
}
