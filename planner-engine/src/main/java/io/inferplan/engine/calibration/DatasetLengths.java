package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.sim.LengthDistribution;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request lengths of the benchmark datasets that calibration rows name instead of a length (MLPerf's OpenOrca,
 * CNN/DailyMail, ... sets; ShareGPT), read once from {@code corpus/datasets.csv}. A cell names a dataset when its
 * text is exactly one of the dataset's {@code corpus_cells}.
 * <p>
 * The one rule for a row's own figures: a mean the row states in its notes wins over the dataset's mean —
 * "avg N in / M out" (a ShareGPT run's totals) sets both, "tokens_per_sample N" or "output tokens per sample in
 * this run N" (an MLPerf run's own logs) sets the output. The dataset's standard deviations are kept as they are.
 * Where the dataset has no published sd that length is fixed at its mean.
 */
public final class DatasetLengths {
    public static final String RESOURCE = MeasurementCsv.CORPUS + "datasets.csv";

    private static final Pattern ROW_BOTH = Pattern.compile("avg (\\d+) in / (\\d+) out");
    private static final Pattern ROW_OUTPUT = Pattern.compile(
            "(?:tokens_per_sample|output tokens per sample in this run)\\s+(\\d+(?:\\.\\d+)?)");

    private final List<Dataset> datasets;
    private final Map<String, Dataset> byCell = new LinkedHashMap<>();

    /** One dataset's row of the CSV; sds are 0 where none is published. */
    public record Dataset(String id, List<String> corpusCells, double meanInputTokens, double sdInputTokens,
                          double meanOutputTokens, double sdOutputTokens, OptionalInt maxOutputTokens,
                          LengthDistribution.Shape shape, String inputSourceUrl, String outputSourceUrl) {
    }

    /** The lengths one row gets: means (the row's own where stated), spreads and shape from its dataset. */
    public record RowLengths(Dataset dataset, int inputTokens, int outputTokens, boolean inputFromRow,
                             boolean outputFromRow) {

        public int[] tokens() {
            return new int[] {inputTokens, outputTokens};
        }

        /** The workload with the dataset's spreads, so the simulator draws lengths as the dataset has them. */
        public SpeedWorkload applyTo(SpeedWorkload w) {
            return w.withShape(dataset.sdInputTokens(), dataset.sdOutputTokens(), dataset.shape(), w.burstiness());
        }

        /** What the engine assumed, in words (e.g. for a report of the modelled rows). */
        public String describe() {
            return dataset.id() + ": " + part(inputTokens, inputFromRow, dataset.sdInputTokens()) + " in / "
                    + part(outputTokens, outputFromRow, dataset.sdOutputTokens()) + " out";
        }

        private String part(int mean, boolean fromRow, double sd) {
            String source = fromRow ? "mean stated by the row" : "dataset mean";
            return mean + " (" + source + (sd > 0 ? ", " + dataset.shape().name().toLowerCase(Locale.ROOT) + " sd "
                    + sd : ", fixed at the mean: no published sd") + ")";
        }
    }

    private DatasetLengths(List<Dataset> datasets, String name) {
        this.datasets = List.copyOf(datasets);
        for (Dataset d : datasets) {
            for (String cell : d.corpusCells()) {
                if (byCell.put(cell, d) != null) {
                    throw new IllegalStateException(name + ": corpus cell '" + cell + "' names two datasets");
                }
            }
        }
    }

    /** The shipped table, read once. */
    public static DatasetLengths shipped() {
        return Shipped.TABLE;
    }

    private static final class Shipped {
        static final DatasetLengths TABLE = readResource(RESOURCE);
    }

    public List<Dataset> all() {
        return datasets;
    }

    /** The dataset a corpus cell names, by its exact (trimmed) text. */
    public Optional<Dataset> named(String cell) {
        return cell == null ? Optional.empty() : Optional.ofNullable(byCell.get(cell.trim()));
    }

    /**
     * The lengths of a row whose input (or else output) cell names a dataset; empty when neither does.
     *
     * @param notes the row's notes, where its own stated means are read
     */
    public Optional<RowLengths> lengths(String inputCell, String outputCell, String notes) {
        Optional<Dataset> d = named(inputCell).or(() -> named(outputCell));
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Dataset ds = d.get();
        String text = notes == null ? "" : notes;
        double in = ds.meanInputTokens();
        double out = ds.meanOutputTokens();
        boolean inFromRow = false;
        boolean outFromRow = false;
        Matcher both = ROW_BOTH.matcher(text);
        Matcher output = ROW_OUTPUT.matcher(text);
        if (both.find()) {
            in = Double.parseDouble(both.group(1));
            out = Double.parseDouble(both.group(2));
            inFromRow = true;
            outFromRow = true;
        } else if (output.find()) {
            out = Double.parseDouble(output.group(1));
            outFromRow = true;
        }
        return Optional.of(new RowLengths(ds, tokens(in), tokens(out), inFromRow, outFromRow));
    }

    private static int tokens(double mean) {
        return (int) Math.max(1, Math.round(mean));
    }

    static DatasetLengths readResource(String resource) {
        try (Reader r = new InputStreamReader(MeasurementCsv.open(resource), StandardCharsets.UTF_8)) {
            return read(r, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the table; a row that does not parse fails with the file name, line and column. */
    public static DatasetLengths read(Reader reader, String name) throws IOException {
        List<Dataset> out = new ArrayList<>();
        try (CSVParser p = MeasurementCsv.parser(reader)) {
            for (CSVRecord r : p) {
                out.add(new Row(name, r).dataset());
            }
        }
        return new DatasetLengths(out, name);
    }

    /** Typed, checked access to one CSV record. */
    private record Row(String file, CSVRecord record) {

        Dataset dataset() {
            double sdIn = number("sd_input_tokens", 0, false);
            double sdOut = number("sd_output_tokens", 0, false);
            String maxOut = text("max_output_tokens");
            List<String> cells = new ArrayList<>();
            for (String c : required("corpus_cells").split("\\|")) {
                if (!c.isBlank()) {
                    cells.add(c.trim());
                }
            }
            return new Dataset(required("id"), List.copyOf(cells), number("mean_input_tokens", 1, true), sdIn,
                    number("mean_output_tokens", 1, true), sdOut,
                    maxOut.isEmpty() ? OptionalInt.empty() : OptionalInt.of((int) number("max_output_tokens", 1, true)),
                    shape(sdIn > 0 || sdOut > 0), url("input_source_url"), url("output_source_url"));
        }

        private LengthDistribution.Shape shape(boolean spread) {
            String s = text("length_shape").toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                if (spread) {
                    throw error("length_shape", "must be lognormal or uniform where an sd is given");
                }
                return LengthDistribution.Shape.FIXED;
            }
            if (!s.equals("lognormal") && !s.equals("uniform")) {
                throw error("length_shape", "'" + s + "' is not lognormal or uniform");
            }
            return LengthDistribution.Shape.valueOf(s.toUpperCase(Locale.ROOT));
        }

        /** A number of tokens at least {@code min}; an empty optional cell reads as 0. */
        private double number(String column, double min, boolean required) {
            String v = required ? required(column) : text(column);
            if (v.isEmpty()) {
                return 0;
            }
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw error(column, "'" + v + "' is not a number");
            }
            if (!(d >= min) || Double.isInfinite(d)) {
                throw error(column, "'" + v + "' must be a finite number >= " + min + " tokens");
            }
            return d;
        }

        private String url(String column) {
            String v = required(column);
            if (!v.startsWith("https://")) {
                throw error(column, "'" + v + "' is not an https:// source URL");
            }
            return v;
        }

        private String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                throw error(column, "is empty but required");
            }
            return v;
        }

        private String text(String column) {
            if (!record.isMapped(column)) {
                throw new IllegalStateException(file + ": no column '" + column + "' in the header");
            }
            return record.isSet(column) ? record.get(column).trim() : "";
        }

        private IllegalArgumentException error(String column, String message) {
            return new IllegalArgumentException(file + " line " + record.getParser().getCurrentLineNumber()
                    + " column " + column + ": " + message);
        }
    }
}
