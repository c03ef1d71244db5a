package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/**
 * A weight format (table {@code weight_format}); {@code frameworks} is a ';'-separated list of framework ids. The group
 * layout (storage bits per weight, group size, scale and zero-point bits per group) is the format's definition, from
 * which its effective bits per weight follow.
 */
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
        @Nullable Double storageBitsPerWeight,
        @Nullable Integer groupSize,
        @Nullable Double scaleBitsPerGroup,
        @Nullable Double zeroBitsPerGroup,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static WeightFormatRow fromCsv(CsvRow r) {
        return new WeightFormatRow(r.required("id"), r.text("kind"), r.decimal("bits_per_weight_effective"),
                r.text("supported_by"), r.text("hardware_requirements"), r.text("quality_note"),
                String.join(";", r.list("frameworks")), r.required("hardware_need"), Boolean.TRUE.equals(r.bool("gguf")),
                r.decimal("storage_bits_per_weight"), r.integer("group_size"), r.decimal("scale_bits_per_group"),
                r.decimal("zero_bits_per_group"), r.required("source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
