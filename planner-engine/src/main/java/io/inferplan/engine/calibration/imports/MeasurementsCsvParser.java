package io.inferplan.engine.calibration.imports;

import io.inferplan.engine.calibration.Measurement;
import io.inferplan.engine.calibration.MeasurementCsv;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Origin;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration corpus's own columns ({@code measurements.csv}: id, source_url, framework, model, …, metric,
 * value, publisher, statistic, request_count), one measurement per row. Empty id cells (model, accelerator, …) are
 * filled from the query fields like the gaps of a tool file.
 */
final class MeasurementsCsvParser {

    private MeasurementsCsvParser() {
    }

    static ParsedFile parse(byte[] body) {
        List<Measurement> rows;
        try {
            rows = MeasurementCsv.read(new StringReader(new String(body, StandardCharsets.UTF_8)), "body");
        } catch (IllegalArgumentException e) {
            // a value that is not a number ("body line 3 column value: …") or a column the header lacks
            String m = e.getMessage() == null ? "" : e.getMessage();
            java.util.regex.Matcher at = java.util.regex.Pattern.compile("^body (line \\d+) (.*)$").matcher(m);
            throw at.matches() ? new ImportException(at.group(1), at.group(2))
                    : new ImportException("line 1", "not the measurements.csv columns: " + m);
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            throw new ImportException("body", "not valid CSV: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new ImportException("body", "holds no measurement row (expected the header of measurements.csv and "
                    + "one row per measurement)");
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Measurement m = rows.get(i);
            Setup s = new Setup(blankToNull(m.model()), null, blankToNull(m.weightFormat()), null,
                    blankToNull(m.kvCacheFormat()), blankToNull(m.framework()), blankToNull(m.frameworkVersion()),
                    blankToNull(m.accelerator()), null, wholeOrNull(m.acceleratorCount()),
                    wholeOrNull(m.tensorParallel()));
            Workload w = new Workload(m.mode(), wholeOrNull(m.concurrency()), decimalOrNull(m.requestsPerSecond()),
                    blankToNull(m.inputTokens()), blankToNull(m.outputTokens()), wholeOrNull(m.requestCount()),
                    m.rawConcurrency());
            runs.add(new BenchmarkRun("row " + (i + 1) + " (id " + m.id() + ")", s, w,
                    List.of(new Figure(m.metric(), m.statistic(), m.value(), "value")), m.notes(),
                    new Origin(m)));
        }
        return new ParsedFile(runs, List.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer wholeOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null; // a cell such as "32 (client)" keeps its words in the notes; the engine reads the number
        }
    }

    private static Double decimalOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
