package io.inferplan.engine.calibration;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads measurement rows in the {@code measurements.csv} columns. Lines starting with '#' are comments. A row
 * that does not parse fails loudly with its line and column, never skipped.
 */
public final class MeasurementCsv {
    /** The shipped calibration corpus: the files listed in this index, all with the same columns. */
    public static final String CORPUS = "/io/inferplan/engine/calibration/corpus/";
    public static final String INDEX = CORPUS + "index.txt";
    /** Commented CSV: '#' lines are comments, the first other line is the header. */
    static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader()
            .setSkipHeaderRecord(true).setIgnoreEmptyLines(true).build();

    private MeasurementCsv() {
    }

    /** Every row of the shipped corpus, in index order; ids are unique across files. */
    public static List<Measurement> shipped() {
        List<Measurement> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String file : corpusFiles()) {
            for (Measurement m : readResource(CORPUS + file)) {
                if (!ids.add(m.id())) {
                    throw new IllegalStateException(CORPUS + file + ": measurement id " + m.id() + " appears twice");
                }
                out.add(m);
            }
        }
        return out;
    }

    /** The corpus files named in the index (comments and blank lines skipped). */
    public static List<String> corpusFiles() {
        List<String> files = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(INDEX), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String f = line.trim();
                if (!f.isEmpty() && !f.startsWith("#")) {
                    files.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<Measurement> readResource(String resource) {
        try (Reader r = new InputStreamReader(open(resource), StandardCharsets.UTF_8)) {
            return read(r, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream open(String resource) {
        InputStream s = MeasurementCsv.class.getResourceAsStream(resource);
        if (s == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        return s;
    }

    public static List<Measurement> read(Reader reader, String name) throws IOException {
        List<Measurement> out = new ArrayList<>();
        try (CSVParser p = parser(reader)) {
            for (CSVRecord r : p) {
                String v = r.get("value");
                double value;
                try {
                    value = Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " line " + r.getParser().getCurrentLineNumber()
                            + " column value: not a number: '" + v + "'");
                }
                out.add(new Measurement(r.get("id"), r.get("source_url"), r.get("framework"),
                        r.get("framework_version"), r.get("model"), r.get("weight_format"), r.get("kv_cache_format"),
                        r.get("accelerator"), r.get("accelerator_count"), r.get("tensor_parallel"),
                        r.get("input_tokens"), r.get("output_tokens"), r.get("mode"), r.get("concurrency"),
                        r.get("requests_per_second"), r.get("metric"), value,
                        optional(r, "raw_concurrency"), r.get("notes"), optional(r, "publisher"),
                        optional(r, "statistic"), optional(r, "request_count")));
            }
        }
        return out;
    }

    static CSVParser parser(Reader reader) throws IOException {
        return CSVParser.parse(reader instanceof BufferedReader ? reader : new BufferedReader(reader), FORMAT);
    }

    private static String optional(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column) : "";
    }
}
