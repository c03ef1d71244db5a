package io.inferplan.catalog.kvcacheformat;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** A KV-cache format (table {@code kv_cache_format}); {@code frameworks} is a ';'-separated list of framework ids. */
@MappedEntity("kv_cache_format")
public record KvCacheFormatRow(
        @Id String id,
        @Nullable String kind,
        @Nullable Double bitsPerValue,
        @Nullable String supportedBy,
        @Nullable String hardwareRequirements,
        @Nullable String qualityNote,
        String frameworks,
        String hardwareNeed,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static KvCacheFormatRow fromCsv(CsvRow r) {
        return new KvCacheFormatRow(r.required("id"), r.text("kind"), r.decimal("bits_per_value_effective"),
                r.text("supported_by"), r.text("hardware_requirements"), r.text("quality_note"),
                String.join(";", r.list("frameworks")), r.required("hardware_need"),
                r.required("source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
