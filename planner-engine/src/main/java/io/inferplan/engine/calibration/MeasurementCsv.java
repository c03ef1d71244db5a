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
    /** The shipped calibration set (a copy of reference/measurements.csv). */
    public static final String RESOURCE = "/io/inferplan/engine/calibration/measurements.csv";

    private MeasurementCsv() {
    }

    public static List<Measurement> shipped() {
        InputStream s = MeasurementCsv.class.getResourceAsStream(RESOURCE);
        if (s == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        try (Reader r = new InputStreamReader(s, StandardCharsets.UTF_8)) {
            return read(r, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Measurement> read(Reader reader, String name) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).build();
        List<Measurement> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(reader instanceof BufferedReader ? reader : new BufferedReader(reader),
                format)) {
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
                        r.isMapped("raw_concurrency") ? r.get("raw_concurrency") : "", r.get("notes")));
            }
        }
        return out;
    }
}
