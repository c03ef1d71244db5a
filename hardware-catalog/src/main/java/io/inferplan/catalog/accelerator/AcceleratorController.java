package io.inferplan.catalog.accelerator;

import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.CatalogWrites;
import io.inferplan.common.catalog.CustomEntries;
import io.inferplan.common.problem.FieldChecks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import jakarta.inject.Named;

import java.util.List;

/** {@code /api/v1/accelerators}: list and get are open; writes need the admin token. */
@Controller(AcceleratorController.PATH)
public class AcceleratorController {

    static final String PATH = "/api/v1/accelerators";

    private final AcceleratorCatalog catalog;
    private final CatalogWrites<AcceleratorRow, AcceleratorEntry> writes;

    public AcceleratorController(AcceleratorCatalog catalog, AdminGuard admin,
                                 @Named("accelerators") CustomEntries<AcceleratorRow, AcceleratorEntry> entries) {
        this.catalog = catalog;
        this.writes = new CatalogWrites<>(entries, admin, PATH);
    }

    /** All accelerators, optionally by vendor and with at least {@code minMemoryGB} of memory. */
    @Get
    public List<AcceleratorEntry> list(@Nullable @QueryValue String vendor, @Nullable @QueryValue Double minMemoryGB) {
        new FieldChecks().range("minMemoryGB", minMemoryGB, 0.0, 1_000_000.0, "GB", false).throwIfAny();
        return catalog.list(vendor, minMemoryGB).stream().map(AcceleratorEntry::from).toList();
    }

    @Get("/{id}")
    public AcceleratorEntry get(String id) {
        return writes.get(id);
    }

    @Post
    public HttpResponse<AcceleratorEntry> create(@Nullable @Header("Authorization") String authorization,
                                                 @Body AcceleratorEntry entry) {
        return writes.create(authorization, entry);
    }

    @Put("/{id}")
    public AcceleratorEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                   @Body AcceleratorEntry entry) {
        return writes.update(authorization, id, entry);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @Header("Authorization") String authorization, String id) {
        writes.delete(authorization, id);
    }
}
