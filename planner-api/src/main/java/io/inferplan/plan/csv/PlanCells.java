package io.inferplan.plan.csv;

import io.inferplan.plan.evaluate.PlanResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The evaluate answer as spreadsheet cells: its CSV (header + one row) and single values by dotted name. */
public final class PlanCells {

    /** Every dotted field of an evaluate answer, in CSV column order. */
    public static final List<String> FIELDS = Flattener.header(PlanResponse.class);

    private PlanCells() {
    }

    public static String csv(PlanResponse response) {
        return CsvText.write(FIELDS, List.of(Flattener.row(PlanResponse.class, response)));
    }

    public static boolean known(String field) {
        return FIELDS.contains(field);
    }

    /** The formatted cell of a known field; empty when the answer has no value there (e.g. a null block). */
    public static Optional<String> cell(PlanResponse response, String field) {
        Map<String, String> cells = Flattener.flatten(PlanResponse.class, response);
        String v = cells.get(field);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }
}
