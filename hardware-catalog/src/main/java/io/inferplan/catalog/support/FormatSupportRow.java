package io.inferplan.catalog.support;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One cell of the support table (table {@code format_support}): whether {@code framework} runs the weight or KV-cache
 * format {@code format} on {@code hardware} (any, a vendor, an architecture or an accelerator id), per the framework's
 * documentation at {@code sourceUrl}.
 */
@MappedEntity("format_support")
public record FormatSupportRow(
        @Id String id,
        String framework,
        String formatKind,
        String format,
        String hardware,
        String status,
        @Nullable String note,
        String sourceUrl,
        LocalDate asOf,
        String origin) implements CatalogRow {

    public static final List<String> KINDS = List.of("weight", "kv");
    public static final List<String> STATUSES = List.of("supported", "weight_only", "unsupported");

    public static FormatSupportRow fromCsv(CsvRow r) {
        String kind = r.required("format_kind");
        if (!KINDS.contains(kind)) {
            throw r.error("format_kind", "must be one of " + KINDS);
        }
        String status = r.required("status").toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw r.error("status", "must be one of " + STATUSES);
        }
        return new FormatSupportRow(r.required("id"), r.required("framework"), kind, r.required("format"),
                r.required("hardware").toLowerCase(Locale.ROOT), status, r.text("note"), r.required("source_url"),
                r.date("as_of"), SEED);
    }
}
