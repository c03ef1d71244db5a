package io.inferplan.engine.speed;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fitted efficiencies as data: one CSV with the profile name, fit date and the measurement row ids used, then
 * one row per parameter (transformed space, see {@link EfficiencyProfile.Quantity}), row count and residual band.
 * Rows: {@code kind,key,value} with kind ∈ {meta, rows, param, count, band}. A row that does not parse fails
 * with its line number.
 */
public final class EfficiencyProfileCsv {
    /** The shipped fit, rewritten by the refit test ({@code RefitEfficiencyTest}). */
    public static final String RESOURCE = "/io/inferplan/engine/calibration/fitted-efficiency.csv";
    private static volatile EfficiencyProfile shipped;

    private EfficiencyProfileCsv() {
    }

    /** The shipped default profile (loaded once). */
    public static EfficiencyProfile shipped() {
        EfficiencyProfile p = shipped;
        if (p == null) {
            InputStream s = EfficiencyProfileCsv.class.getResourceAsStream(RESOURCE);
            if (s == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (Reader r = new InputStreamReader(s, StandardCharsets.UTF_8)) {
                p = read(r, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = p;
        }
        return p;
    }

    public static void write(EfficiencyProfile p, Writer out, List<String> commentLines) throws IOException {
        for (String c : commentLines) {
            out.write("# " + c + "\n");
        }
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("kind", "key", "value")
                .setRecordSeparator('\n').build())) {
            csv.printRecord("meta", "name", p.name());
            csv.printRecord("meta", "fitted_on", p.fittedOn());
            csv.printRecord("rows", "measurement_ids", String.join(" ", p.rowIds()));
            for (Map.Entry<String, Double> e : p.parameters().entrySet()) {
                csv.printRecord("param", e.getKey(), String.format(Locale.ROOT, "%.6f", e.getValue()));
            }
            for (Map.Entry<String, Integer> e : p.rowCounts().entrySet()) {
                csv.printRecord("count", e.getKey(), e.getValue());
            }
            for (Map.Entry<String, double[]> e : p.bands().entrySet()) {
                csv.printRecord("band", e.getKey(), String.format(Locale.ROOT, "%.4f;%.4f", e.getValue()[0],
                        e.getValue()[1]));
            }
        }
    }

    public static EfficiencyProfile read(Reader in, String name) throws IOException {
        String profileName = "unnamed";
        String fittedOn = "unknown";
        List<String> rows = new ArrayList<>();
        Map<String, Double> params = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, double[]> bands = new LinkedHashMap<>();
        CSVFormat f = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).build();
        try (CSVParser p = CSVParser.parse(in, f)) {
            for (CSVRecord r : p) {
                String kind = r.get("kind");
                String key = r.get("key");
                String value = r.get("value");
                try {
                    switch (kind) {
                        case "meta" -> {
                            if ("name".equals(key)) {
                                profileName = value;
                            } else if ("fitted_on".equals(key)) {
                                fittedOn = value;
                            }
                        }
                        case "rows" -> rows.addAll(Arrays.asList(value.trim().split("\\s+")));
                        case "param" -> params.put(key, Double.parseDouble(value));
                        case "count" -> counts.put(key, Integer.parseInt(value));
                        case "band" -> {
                            String[] b = value.split(";");
                            bands.put(key, new double[] {Double.parseDouble(b[0]), Double.parseDouble(b[1])});
                        }
                        default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(name + " line " + p.getCurrentLineNumber() + ": " + e.getMessage(),
                            e);
                }
            }
        }
        return new EfficiencyProfile(profileName, fittedOn, rows, params, counts, bands);
    }
}
