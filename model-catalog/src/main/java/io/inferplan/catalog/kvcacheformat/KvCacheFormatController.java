package io.inferplan.catalog.kvcacheformat;

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

/** {@code /api/v1/kv-cache-formats}. */
@Controller("/api/v1/kv-cache-formats")
public class KvCacheFormatController {

    private final KvCacheFormatCatalog catalog;
    private final AdminGuard admin;

    public KvCacheFormatController(KvCacheFormatCatalog catalog, AdminGuard admin) {
        this.catalog = catalog;
        this.admin = admin;
    }

    /** All KV-cache formats, optionally only those a framework loads. */
    @Get
    public List<KvCacheFormatEntry> list(@Nullable @QueryValue String framework) {
        return catalog.all().stream().map(KvCacheFormatEntry::from)
                .filter(f -> framework == null || f.frameworks().contains(framework)).toList();
    }

    @Get("/{id}")
    public KvCacheFormatEntry get(String id) {
        return KvCacheFormatEntry.from(catalog.store().get(id, "id"));
    }

    @Post
    public HttpResponse<KvCacheFormatEntry> create(@Nullable @Header("Authorization") String authorization,
                                                  @Body KvCacheFormatEntry entry) {
        admin.require(authorization);
        KvCacheFormatRow row = catalog.store().create(entry.toCustomRow(today()), entry.problems());
        return HttpResponse.created(KvCacheFormatEntry.from(row), URI.create("/api/v1/kv-cache-formats/" + row.id()));
    }

    @Put("/{id}")
    public KvCacheFormatEntry update(@Nullable @Header("Authorization") String authorization, String id,
                                    @Body KvCacheFormatEntry entry) {
        admin.require(authorization);
        return KvCacheFormatEntry.from(catalog.store().update(id, entry.toCustomRow(today()), entry.problems()));
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
