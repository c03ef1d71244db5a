package io.inferplan.catalog.accelerator;

import io.inferplan.common.catalog.AdminGuard;
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

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** {@code /api/v1/accelerators}. */
@Controller("/api/v1/accelerators")
public class AcceleratorController {

    private final AcceleratorCatalog catalog;
    private final AdminGuard admin;

    public AcceleratorController(AcceleratorCatalog catalog, AdminGuard admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    /** All accelerators, optionally by vendor and with at least {@code minMemoryGB} of memory. */
    @Get
    public List<AcceleratorEntry> list(@Nullable @QueryValue String vendor, @Nullable @QueryValue Double minMemoryGB) {
        new FieldChecks().range("minMemoryGB", minMemoryGB, 0.0, 1_000_000.0, "GB", false).throwIfAny();
        return catalog.list(vendor, minMemoryGB).stream().map(AcceleratorEntry::from).toList();
    }

    @Get("/{id}")
    public AcceleratorEntry get(String id) {
        return AcceleratorEntry.from(catalog.store().get(id, "id"));
    }

    @Post
    public HttpResponse<AcceleratorEntry> create(@Nullable @Header("Authorization") String authorization,
                                                 @Body AcceleratorEntry entry) {
        admin.require(authorization);
        AcceleratorRow row = catalog.store().create(entry.toCustomRow(today()), entry.problems());
        return HttpResponse.created(AcceleratorEntry.from(row), URI.create("/api/v1/accelerators/" + row.id()));
    }

    @Put("/{id}")
    public AcceleratorEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                   @Body AcceleratorEntry entry) {
        admin.require(authorization);
        return AcceleratorEntry.from(catalog.store().update(id, entry.toCustomRow(today()), entry.problems()));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @Header("Authorization") String authorization, String id) {
        admin.require(authorization);
        catalog.store().delete(id);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
