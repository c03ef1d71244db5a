package io.inferplan.plan.csv;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * CSV of an answer that holds a list (ranked configurations, frameworks, routes): one row per list item. A row
 * is the endpoint's lead columns (e.g. {@code rank}), the item's columns as {@link Flattener} names them, then
 * the answer's own scalar columns ({@code model}, {@code reason}, {@code catalogVersion}, …, repeated on every
 * row). An answer with no items still gets one row, so its {@code reason} is never an empty table.
 */
public final class TableCsv {

    private TableCsv() {
    }

    /** The lead columns of a table and how to fill them for one item. */
    public record Lead<I>(List<String> names, Function<I, List<?>> cells) {

        public static <I> Lead<I> none() {
            return new Lead<>(List.of(), item -> List.of());
        }
    }

    public static <I extends Record, A extends Record> String write(Lead<I> lead, Class<I> itemType, List<I> items,
                                                                    Class<A> answerType, A answer) {
        return CsvText.write(header(lead, itemType, answerType), rows(lead, itemType, items, answerType, answer));
    }

    /** Lead, item and answer column names; a name in two of them is a programming error. */
    public static List<String> header(Lead<?> lead, Class<? extends Record> itemType, Class<? extends Record> answerType) {
        List<String> header = new ArrayList<>(lead.names());
        header.addAll(Flattener.header(itemType));
        header.addAll(Flattener.header(answerType));
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (!seen.add(name)) {
                throw new IllegalStateException("column " + name + " of " + itemType.getSimpleName() + " rows is also a column of "
                        + answerType.getSimpleName());
            }
        }
        return header;
    }

    private static <I extends Record, A extends Record> List<List<String>> rows(Lead<I> lead, Class<I> itemType, List<I> items,
                                                                                Class<A> answerType, A answer) {
        List<String> answerCells = Flattener.row(answerType, answer);
        List<List<String>> rows = new ArrayList<>();
        for (I item : items) {
            List<String> row = new ArrayList<>();
            lead.cells().apply(item).forEach(v -> row.add(Flattener.format(v)));
            row.addAll(Flattener.row(itemType, item));
            row.addAll(answerCells);
            rows.add(row);
        }
        if (items.isEmpty()) {
            List<String> row = new ArrayList<>();
            lead.names().forEach(n -> row.add(""));
            row.addAll(Flattener.row(itemType, null));
            row.addAll(answerCells);
            rows.add(row);
        }
        return rows;
    }
}
