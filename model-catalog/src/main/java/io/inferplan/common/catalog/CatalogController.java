package io.inferplan.common.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/v1/catalog}: the catalog version saved plans refer to, and the size of each catalog. */
@Controller("/api/v1/catalog")
public class CatalogController {

    private final CatalogVersion version;
    private final List<CatalogSection> sections;

    public CatalogController(CatalogVersion version, List<CatalogSection> sections) {
        this.version = version;
        this.sections = sections;
    }

    @Get
    public CatalogSummary summary() {
        Map<String, Integer> entries = new TreeMap<>();
        for (CatalogSection s : sections) {
            entries.put(s.name(), s.all().size());
        }
        return new CatalogSummary(version.current(), entries);
    }

    /** @param entries number of entries per catalog, seeded and custom */
    @Serdeable
    public record CatalogSummary(String version, Map<String, Integer> entries) {
    }
}
