package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.CatalogWrites;
import io.inferplan.common.catalog.CustomEntries;
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

/** {@code /api/v1/weight-formats}: list and get are open; writes need the admin token. */
@Controller(WeightFormatController.PATH)
public class WeightFormatController {

    static final String PATH = "/api/v1/weight-formats";

    private final WeightFormatCatalog catalog;
    private final CatalogWrites<WeightFormatRow, WeightFormatEntry> writes;

    public WeightFormatController(WeightFormatCatalog catalog, AdminGuard admin,
                        @Named("weight-formats") CustomEntries<WeightFormatRow, WeightFormatEntry> entries) {
        this.catalog = catalog;
        this.writes = new CatalogWrites<>(entries, admin, PATH);
    }

    /** All weight formats, optionally only those a framework loads. */
    @Get
    public List<WeightFormatEntry> list(@Nullable @QueryValue String framework) {
        return catalog.all().stream().map(WeightFormatEntry::from)
                .filter(f -> framework == null || f.frameworks().contains(framework)).toList();
    }

    @Get("/{id}")
    public WeightFormatEntry get(String id) {
        return writes.get(id);
    }

    @Post
    public HttpResponse<WeightFormatEntry> create(@Nullable @Header("Authorization") String authorization,
                                                  @Body WeightFormatEntry entry) {
        return writes.create(authorization, entry);
    }

    @Put("/{id}")
    public WeightFormatEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                    @Body WeightFormatEntry entry) {
        return writes.update(authorization, id, entry);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @Header("Authorization") String authorization, String id) {
        writes.delete(authorization, id);
    }
}
