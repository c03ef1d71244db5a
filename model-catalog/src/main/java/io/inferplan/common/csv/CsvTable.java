package io.inferplan.common.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a commented catalog CSV (lines starting with {@code #} are policy comments, the first other line is the
 * header). A cell that does not parse fails loudly with file, line and column: rows are never skipped.
 */
public final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setCommentMarker('#')
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvTable() {
    }

    /** Parses every record of a classpath resource with {@code mapper}; errors name the resource and line. */
    public static <T> List<T> readResource(String resource, Function<CsvRow, T> mapper) {
        InputStream in = CsvTable.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("catalog resource not found on the classpath: " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(resource, reader, mapper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public static <T> List<T> read(String name, Reader reader, Function<CsvRow, T> mapper) throws IOException {
        List<T> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            for (CSVRecord record : parser) {
                out.add(mapper.apply(new CsvRow(name, record)));
            }
        }
        return out;
    }
}
