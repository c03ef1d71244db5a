package io.inferplan.common.catalog;

import io.inferplan.common.problem.FieldError;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The custom entries of one writable catalog section as the API reads and writes them: the entry type, the mapping
 * to and from rows and the validation. Shared by the section's controller ({@link CatalogWrites}) and by backup and
 * restore, so both store exactly what the API would.
 *
 * @param <R> the stored row
 * @param <E> the JSON entry
 */
public final class CustomEntries<R extends CatalogRow, E> {

    /** What storing an entry would do. */
    public enum Outcome { CREATE, UNCHANGED, CONFLICT }

    private final String name;
    private final Class<E> entryType;
    private final CatalogStore<R> store;
    private final Function<R, E> view;
    private final BiFunction<E, LocalDate, R> toCustomRow;
    private final Function<E, List<FieldError>> problems;

    /**
     * @param name        the section's API path segment ("models", "gpu-prices")
     * @param view        row → entry, for answers
     * @param toCustomRow entry and today's date → the custom row to store
     * @param problems    what is wrong with an entry (empty when it may be stored)
     */
    public CustomEntries(String name, Class<E> entryType, CatalogStore<R> store, Function<R, E> view,
                         BiFunction<E, LocalDate, R> toCustomRow, Function<E, List<FieldError>> problems) {
        this.name = name;
        this.entryType = entryType;
        this.store = store;
        this.view = view;
        this.toCustomRow = toCustomRow;
        this.problems = problems;
    }

    public String name() {
        return name;
    }

    public Class<E> entryType() {
        return entryType;
    }

    public CatalogStore<R> store() {
        return store;
    }

    public E view(R row) {
        return view.apply(row);
    }

    public R toRow(E entry) {
        return toCustomRow.apply(entry, LocalDate.now(ZoneOffset.UTC));
    }

    public List<FieldError> problems(E entry) {
        return problems.apply(entry);
    }

    /** Every custom entry, in id order. */
    public List<E> list() {
        return store.all().stream().filter(r -> CatalogRow.CUSTOM.equals(r.origin())).map(view).toList();
    }

    /** Storing {@code entry} would create it, find it there already, or clash with a different entry of its id. */
    public Outcome outcome(E entry) {
        R row = toRow(entry);
        Optional<R> existing = store.find(row.id());
        return existing.isEmpty() ? Outcome.CREATE : same(existing.get(), row) ? Outcome.UNCHANGED : Outcome.CONFLICT;
    }

    /** Equal rows, amounts compared by value: the database gives 2.500000 for a stored 2.5 (NUMERIC(14,6)). */
    static boolean same(Object a, Object b) {
        if (!a.getClass().isRecord() || a.getClass() != b.getClass()) {
            return a.equals(b);
        }
        try {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                boolean equal = x instanceof BigDecimal bx && y instanceof BigDecimal by ? bx.compareTo(by) == 0 : Objects.equals(x, y);
                if (!equal) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why storing {@code entry} clashes: a shipped entry or a different custom entry has its id. */
    public String conflictReason(E entry) {
        R existing = store.find(toRow(entry).id()).orElseThrow();
        return CatalogRow.CUSTOM.equals(existing.origin()) ? "a different custom entry with this id exists"
                : "a shipped catalog entry has this id";
    }

    public R create(E entry) {
        return store.create(toRow(entry), problems(entry));
    }
}
