package io.inferplan.catalog.kvcacheformat;

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

/** {@code /api/v1/kv-cache-formats}: list and get are open; writes need the admin token. */
@Controller(KvCacheFormatController.PATH)
public class KvCacheFormatController {

    static final String PATH = "/api/v1/kv-cache-formats";

    private final KvCacheFormatCatalog catalog;
    private final CatalogWrites<KvCacheFormatRow, KvCacheFormatEntry> writes;

    public KvCacheFormatController(KvCacheFormatCatalog catalog, AdminGuard admin,
                        @Named("kv-cache-formats") CustomEntries<KvCacheFormatRow, KvCacheFormatEntry> entries) {
        this.catalog = catalog;
        this.writes = new CatalogWrites<>(entries, admin, PATH);
    }

    /** All KV-cache formats, optionally only those a framework supports. */
    @Get
    public List<KvCacheFormatEntry> list(@Nullable @QueryValue String framework) {
        return catalog.all().stream().map(KvCacheFormatEntry::from)
                .filter(f -> framework == null || f.frameworks().contains(framework)).toList();
    }

    @Get("/{id}")
    public KvCacheFormatEntry get(String id) {
        return writes.get(id);
    }

    @Post
    public HttpResponse<KvCacheFormatEntry> create(@Nullable @Header("Authorization") String authorization,
                                                  @Body KvCacheFormatEntry entry) {
        return writes.create(authorization, entry);
    }

    @Put("/{id}")
    public KvCacheFormatEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                    @Body KvCacheFormatEntry entry) {
        return writes.update(authorization, id, entry);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @Header("Authorization") String authorization, String id) {
        writes.delete(authorization, id);
    }
}
