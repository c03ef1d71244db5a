package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.AdminGuard;
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

/** {@code /api/v1/weight-formats}. */
@Controller("/api/v1/weight-formats")
public class WeightFormatController {

    private final WeightFormatCatalog catalog;
    private final AdminGuard admin;

    public WeightFormatController(WeightFormatCatalog catalog, AdminGuard admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    /** All weight formats, optionally only those a framework loads. */
    @Get
    public List<WeightFormatEntry> list(@Nullable @QueryValue String framework) {
        return catalog.all().stream().map(WeightFormatEntry::from)
                .filter(f -> framework == null || f.frameworks().contains(framework)).toList();
    }

    @Get("/{id}")
    public WeightFormatEntry get(String id) {
        return WeightFormatEntry.from(catalog.store().get(id, "id"));
    }

    @Post
    public HttpResponse<WeightFormatEntry> create(@Nullable @Header("Authorization") String authorization,
                                                  @Body WeightFormatEntry entry) {
        admin.require(authorization);
        WeightFormatRow row = catalog.store().create(entry.toCustomRow(today()), entry.problems());
        return HttpResponse.created(WeightFormatEntry.from(row), URI.create("/api/v1/weight-formats/" + row.id()));
    }

    @Put("/{id}")
    public WeightFormatEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                    @Body WeightFormatEntry entry) {
        admin.require(authorization);
        return WeightFormatEntry.from(catalog.store().update(id, entry.toCustomRow(today()), entry.problems()));
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
