package io.inferplan.web.report;

import io.inferplan.plan.technique.TechniquesBlock;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The workbook's "Techniques" sheet: every scalar of the answer's {@code techniques} block under its JSON/CSV name
 * ({@code techniques.speculative.tpotMsWithout}), then each curve or pool-size list as a table with a header row.
 */
final class TechniqueSheet {

    static final String NAME = "Techniques";

    private TechniqueSheet() {
    }

    /** The sheet, or null when the plan asked for no technique. */
    static Sheet of(XSSFWorkbook wb, CellStyle bold, TechniquesBlock block) {
        if (block == null) {
            return null;
        }
        Sheet s = wb.createSheet(NAME);
        XlsxReport.header(s, bold, "quantity", "value");
        List<Table> tables = new ArrayList<>();
        scalars(s, "techniques", block, tables);
        for (Table t : tables) {
            XlsxReport.row(s);
            XlsxReport.row(s, t.name());
            if (t.rows().isEmpty()) {
                XlsxReport.row(s, "(none)");
                continue;
            }
            RecordComponent[] cols = t.rows().get(0).getClass().getRecordComponents();
            XlsxReport.row(s, (Object[]) java.util.Arrays.stream(cols).map(RecordComponent::getName).toArray(String[]::new));
            s.getRow(s.getLastRowNum()).forEach(c -> c.setCellStyle(bold));
            for (Object row : t.rows()) {
                Object[] values = new Object[cols.length];
                for (int i = 0; i < cols.length; i++) {
                    values[i] = cell(value(cols[i], row));
                }
                XlsxReport.row(s, values);
            }
        }
        return s;
    }

    private record Table(String name, List<?> rows) {
    }

    /** Scalars as rows (nested records flattened with dots); lists kept for the tables below. */
    private static void scalars(Sheet s, String prefix, Object record, List<Table> tables) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object v = value(c, record);
            String name = prefix + "." + c.getName();
            if (v == null) {
                continue;
            }
            if (v instanceof List<?> l && (l.isEmpty() || l.get(0).getClass().isRecord())) {
                tables.add(new Table(name, l));
            } else if (v instanceof List<?> l) {
                XlsxReport.row(s, name, String.join(", ", l.stream().map(String::valueOf).toList()));
            } else if (v.getClass().isRecord()) {
                scalars(s, name, v, tables);
            } else {
                XlsxReport.row(s, name, cell(v));
            }
        }
    }

    private static Object cell(Object v) {
        return v instanceof Boolean b ? String.valueOf(b) : v;
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException ex) {
            throw new IllegalStateException("cannot read " + c.getName(), ex);
        }
    }
}
