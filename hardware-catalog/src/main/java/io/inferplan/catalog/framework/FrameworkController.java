package io.inferplan.catalog.framework;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/** {@code /api/v1/frameworks} (read-only). */
@Controller("/api/v1/frameworks")
public class FrameworkController {

    private final FrameworkCatalog catalog;

    public FrameworkController(FrameworkCatalog catalog) {
        this.catalog = catalog;
    }

    /** All frameworks, optionally those running on a hardware vendor (nvidia, amd, intel, apple, cpu). */
    @Get
    public List<FrameworkEntry> list(@Nullable @QueryValue String hardware) {
        return catalog.all().stream().map(FrameworkEntry::from)
                .filter(f -> hardware == null || f.hardwareVendors().contains(hardware.toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    @Get("/{id}")
    public FrameworkEntry get(String id) {
        return FrameworkEntry.from(catalog.store().get(id, "id"));
    }
}
