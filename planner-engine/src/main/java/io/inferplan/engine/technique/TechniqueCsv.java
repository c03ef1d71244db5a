package io.inferplan.engine.technique;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the techniques' sourced data files: '#' comment lines, one header row, every row with {@code source_url} and
 * {@code as_of}. A missing column, an empty required cell or a number that does not parse fails loudly with the file
 * and line, never a skipped row.
 */
public final class TechniqueCsv {
    private TechniqueCsv() {
    }

    /** One row: its cells by column name, and where it came from (for error messages). */
    public record Row(CSVRecord cells, String file, long line) {

        public String text(String column) {
            String v = cells.isMapped(column) ? cells.get(column).trim() : null;
            if (v == null) {
                throw fail(column, "missing column");
            }
            return v;
        }

        public String required(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                throw fail(column, "empty cell");
            }
            return v;
        }

        /** A number, or NaN for an empty cell (no source found). */
        public double number(String column) {
            String v = text(column);
            if (v.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw fail(column, "'" + v + "' is not a number");
            }
        }

        public IllegalStateException fail(String column, String why) {
            return new IllegalStateException(file + " line " + line + ", column " + column + ": " + why);
        }
    }

    /** Every data row of a classpath resource next to {@code anchor}'s package root (io/inferplan/engine/technique/). */
    public static List<Row> read(String fileName, String... requiredColumns) {
        String resource = "/io/inferplan/engine/technique/" + fileName;
        try (InputStream in = TechniqueCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).build();
            try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
                for (String c : requiredColumns) {
                    if (!parser.getHeaderNames().contains(c)) {
                        throw new IllegalStateException(fileName + ": missing column " + c);
                    }
                }
                List<Row> rows = new ArrayList<>();
                for (CSVRecord r : parser) {
                    Row row = new Row(r, fileName, parser.getCurrentLineNumber());
                    row.required("source_url");
                    row.required("as_of");
                    rows.add(row);
                }
                return List.copyOf(rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
