package io.inferplan.common.catalog;

import io.inferplan.common.problem.FieldError;
import io.micronaut.http.HttpResponse;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The get/create/update/delete shape every writable catalog section shares, so each controller keeps only its
 * routes and filters: writes need the admin token, the entry is validated, and the store writes the row and its
 * change record in one transaction. Entries written through the API are custom rows dated today (UTC) unless they
 * give {@code asOf}.
 *
 * @param <R> the stored row
 * @param <E> the JSON entry the API reads and writes
 */
public final class CatalogWrites<R extends CatalogRow, E> {

    private final CatalogStore<R> store;
    private final AdminGuard admin;
    private final String path;
    private final Function<R, E> view;
    private final BiFunction<E, LocalDate, R> toCustomRow;
    private final Function<E, List<FieldError>> problems;

    /**
     * @param path        the collection's path, e.g. {@code /api/v1/accelerators}; a created entry's Location is path/id
     * @param view        row → entry, for answers
     * @param toCustomRow entry and today's date → the custom row to store
     * @param problems    what is wrong with an entry (empty when it may be stored)
     */
    public CatalogWrites(CatalogStore<R> store, AdminGuard admin, String path, Function<R, E> view,
                         BiFunction<E, LocalDate, R> toCustomRow, Function<E, List<FieldError>> problems) {
        this.store = store;
        this.admin = admin;
        this.path = path;
        this.view = view;
        this.toCustomRow = toCustomRow;
        this.problems = problems;
    }

    /** The entry, or a 404 problem naming the nearest ids. */
    public E get(String id) {
        return view.apply(store.get(id, "id"));
    }

    public HttpResponse<E> create(String authorization, E entry) {
        admin.require(authorization);
        R row = store.create(toCustomRow.apply(entry, today()), problems.apply(entry));
        return HttpResponse.created(view.apply(row), URI.create(path + "/" + row.id()));
    }

    public E update(String authorization, String id, E entry) {
        admin.require(authorization);
        return view.apply(store.update(id, toCustomRow.apply(entry, today()), problems.apply(entry)));
    }

    public void delete(String authorization, String id) {
        admin.require(authorization);
        store.delete(id);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
