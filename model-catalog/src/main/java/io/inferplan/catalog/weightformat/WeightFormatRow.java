package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** A weight format (table {@code weight_format}); {@code frameworks} is a ';'-separated list of framework ids. */
@MappedEntity("weight_format")
public record WeightFormatRow(
        @Id String id,
        @Nullable String kind,
        @Nullable Double bitsPerWeight,
        @Nullable String supportedBy,
        @Nullable String hardwareRequirements,
        @Nullable String qualityNote,
        String frameworks,
        String hardwareNeed,
        boolean gguf,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static WeightFormatRow fromCsv(CsvRow r) {
        return new WeightFormatRow(r.required("id"), r.text("kind"), r.decimal("bits_per_weight_effective"),
                r.text("supported_by"), r.text("hardware_requirements"), r.text("quality_note"),
                String.join(";", r.list("frameworks")), r.required("hardware_need"), Boolean.TRUE.equals(r.bool("gguf")),
                r.required("source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
