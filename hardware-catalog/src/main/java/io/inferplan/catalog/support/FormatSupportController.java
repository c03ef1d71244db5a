package io.inferplan.catalog.support;

import io.inferplan.common.problem.FieldChecks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/** {@code /api/v1/format-support} (read-only): the support table's cells, each with its source. */
@Controller("/api/v1/format-support")
public class FormatSupportController {

    private final FormatSupportCatalog catalog;

    public FormatSupportController(FormatSupportCatalog catalog) {
        this.catalog = catalog;
    }

    /** Cells, optionally by framework, format id, format kind (weight, kv) and hardware selector. */
    @Get
    public List<FormatSupportEntry> list(@Nullable @QueryValue String framework, @Nullable @QueryValue String format,
                                         @Nullable @QueryValue String formatKind, @Nullable @QueryValue String hardware) {
        new FieldChecks().oneOf("formatKind", formatKind, FormatSupportRow.KINDS, false).throwIfAny();
        return catalog.list(framework, format, formatKind, hardware).stream().map(FormatSupportEntry::from).toList();
    }

    @Get("/{id}")
    public FormatSupportEntry get(String id) {
        return FormatSupportEntry.from(catalog.store().get(id, "id"));
    }
}
