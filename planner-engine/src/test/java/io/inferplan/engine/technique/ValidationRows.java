package io.inferplan.engine.technique;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Shared plumbing of the techniques' validation tests: read published rows, score predictions, write the report. */
public final class ValidationRows {
    private ValidationRows() {
    }

    public static List<CSVRecord> read(String file) {
        try (var in = ValidationRows.class.getResourceAsStream("/io/inferplan/engine/technique/" + file)) {
            CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                    .setIgnoreSurroundingSpaces(true).build();
            try (CSVParser p = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), f)) {
                return p.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signed relative error of a prediction against a published figure or range: predicted ÷ published − 1 for one
     * figure; 0 inside a range, else the distance to its nearer bound relative to that bound.
     */
    public static double error(double predicted, double low, double high) {
        if (predicted >= low && predicted <= high) {
            return 0;
        }
        double bound = predicted < low ? low : high;
        return predicted / bound - 1;
    }

    /** The q-quantile (0..1) of |errors| by linear interpolation. */
    public static double absQuantile(List<Double> errors, double q) {
        double[] a = errors.stream().mapToDouble(Math::abs).sorted().toArray();
        if (a.length == 0) {
            return Double.NaN;
        }
        double pos = q * (a.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < a.length ? a[i] + (pos - i) * (a[i + 1] - a[i]) : a[i];
    }

    /** Writes the report under target/technique-validation/ and returns its path. */
    public static Path write(String name, String header, List<String> lines) {
        try {
            Path dir = Path.of("target", "technique-validation");
            Files.createDirectories(dir);
            List<String> all = new ArrayList<>(Arrays.asList(header));
            all.addAll(lines);
            return Files.write(dir.resolve(name), all, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", v * 100);
    }
}
