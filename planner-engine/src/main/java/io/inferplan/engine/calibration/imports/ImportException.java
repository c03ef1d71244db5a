package io.inferplan.engine.calibration.imports;

/**
 * A file that does not parse as its format: the message says where ("line 3, column 14", "benchmarks[2].metrics")
 * and what was expected, so the user can find the spot in the file.
 */
public class ImportException extends RuntimeException {

    private final String where;

    public ImportException(String where, String message) {
        super(where + ": " + message, null, false, false);
        this.where = where;
    }

    public String where() {
        return where;
    }
}
