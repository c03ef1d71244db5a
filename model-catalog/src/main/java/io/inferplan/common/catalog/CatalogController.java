package io.inferplan.common.catalog;

import io.inferplan.common.http.ETags;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * {@code GET /api/v1/catalog}: the catalog version saved plans refer to, and the size of each catalog, from the
 * version's in-memory counts (no catalog table is read unless the catalog changed). The version is the ETag: a
 * client revalidating with {@code If-None-Match} gets {@code 304}.
 */
@Controller("/api/v1/catalog")
public class CatalogController {

    private final CatalogVersion version;

    public CatalogController(CatalogVersion version) {
        this.version = version;
    }

    @Get
    public HttpResponse<CatalogSummary> summary(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        CatalogVersion.Counted c = version.counted();
        String etag = ETags.of(c.version());
        // no-cache: a client may keep the answer but must revalidate, since another replica may change the catalog
        if (ETags.matches(ifNoneMatch, etag)) {
            return HttpResponse.<CatalogSummary>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return HttpResponse.ok(new CatalogSummary(c.version(), c.entries())).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    /** @param entries number of entries per catalog, seeded and custom */
    @Serdeable
    public record CatalogSummary(String version, Map<String, Integer> entries) {
    }
}
