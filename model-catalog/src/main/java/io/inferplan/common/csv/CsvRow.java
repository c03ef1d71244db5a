package io.inferplan.common.csv;

import org.apache.commons.csv.CSVRecord;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Typed access to one CSV record; an empty cell is "no source found" and reads as {@code null}. */
public final class CsvRow {

    private final String file;
    private final CSVRecord record;

    CsvRow(String file, CSVRecord record) {
        this.file = file;
        this.record = record;
    }

    /** A cell that must be present. */
    public String required(String column) {
        String value = text(column);
        if (value == null) {
            throw error(column, "is empty but required");
        }
        return value;
    }

    /** A cell's text, or null when empty. */
    public String text(String column) {
        if (!record.isMapped(column)) {
            throw new IllegalStateException(file + ": no column '" + column + "' in the header");
        }
        String value = record.get(column);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public Integer integer(String column) {
        String value = text(column);
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw error(column, "'" + value + "' is not a whole number");
        }
    }

    public Long longInteger(String column) {
        String value = text(column);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw error(column, "'" + value + "' is not a whole number");
        }
    }

    public Double decimal(String column) {
        String value = text(column);
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw error(column, "'" + value + "' is not a number");
        }
    }

    public Boolean bool(String column) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes" -> Boolean.TRUE;
            case "false", "no" -> Boolean.FALSE;
            default -> throw error(column, "'" + value + "' is not true/false");
        };
    }

    public LocalDate date(String column) {
        String value = text(column);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw error(column, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** A semicolon-separated list cell. */
    public List<String> list(String column) {
        String value = text(column);
        return value == null ? List.of() : Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public long line() {
        return record.getRecordNumber();
    }

    public IllegalStateException error(String column, String message) {
        return new IllegalStateException(file + " record " + record.getRecordNumber() + " (line "
                + record.getParser().getCurrentLineNumber() + "), column '" + column + "': " + message);
    }
}
