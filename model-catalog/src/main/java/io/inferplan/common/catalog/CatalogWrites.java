package io.inferplan.common.catalog;

import io.micronaut.http.HttpResponse;

import java.net.URI;

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

    private final CustomEntries<R, E> entries;
    private final AdminGuard admin;
    private final String path;

    /** @param path the collection's path, e.g. {@code /api/v1/accelerators}; a created entry's Location is path/id */
    public CatalogWrites(CustomEntries<R, E> entries, AdminGuard admin, String path) {
        this.entries = entries;
        this.admin = admin;
        this.path = path;
    }

    /** The entry, or a 404 problem naming the nearest ids. */
    public E get(String id) {
        return entries.view(entries.store().get(id, "id"));
    }

    public HttpResponse<E> create(String authorization, E entry) {
        admin.require(authorization);
        R row = entries.create(entry);
        return HttpResponse.created(entries.view(row), URI.create(path + "/" + row.id()));
    }

    public E update(String authorization, String id, E entry) {
        admin.require(authorization);
        return entries.view(entries.store().update(id, entries.toRow(entry), entries.problems(entry)));
    }

    public void delete(String authorization, String id) {
        admin.require(authorization);
        entries.store().delete(id);
    }
}
