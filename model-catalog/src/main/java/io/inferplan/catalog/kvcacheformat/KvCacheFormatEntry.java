package io.inferplan.catalog.kvcacheformat;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import io.inferplan.catalog.weightformat.WeightFormatEntry;
import java.util.List;

/**
 * A KV-cache format as the API shows and accepts it.
 *
 * @param bitsPerValue effective bits per KV element including scales and zero-points; empty when no source gives it
 * @param frameworks    ids of the frameworks that load it
 * @param hardwareNeed  any, native_fp8 (Ada/Hopper/CDNA3+), native_nvfp4 (Blackwell) or nvidia_only
 */
@Serdeable
public record KvCacheFormatEntry(
        String id,
        @Nullable String kind,
        @Nullable Double bitsPerValue,
        @Nullable String supportedBy,
        @Nullable String hardwareRequirements,
        @Nullable String qualityNote,
        @Nullable List<String> frameworks,
        @Nullable String hardwareNeed,
        String sourceUrl,
        @Nullable LocalDate asOf,
        @Nullable String notes,
        @Nullable Boolean custom) {

    public static final List<String> HARDWARE_NEEDS = List.of("any", "native_fp8", "native_nvfp4", "nvidia_only");

    public static KvCacheFormatEntry from(KvCacheFormatRow r) {
        return new KvCacheFormatEntry(r.id(), r.kind(), r.bitsPerValue(), r.supportedBy(), r.hardwareRequirements(),
                r.qualityNote(), WeightFormatEntry.split(r.frameworks()), r.hardwareNeed(), r.sourceUrl(), r.asOf(), r.notes(),
                CatalogRow.CUSTOM.equals(r.origin()));
    }

    public KvCacheFormatRow toCustomRow(LocalDate today) {
        return new KvCacheFormatRow(id, kind == null ? "kv" : kind, bitsPerValue, supportedBy, hardwareRequirements,
                qualityNote, frameworks == null ? "" : String.join(";", frameworks), hardwareNeed == null ? "any" : hardwareNeed, sourceUrl, asOf == null ? today : asOf, notes, CatalogRow.CUSTOM);
    }

    public List<FieldError> problems() {
        FieldChecks c = new FieldChecks()
                .id("id", id)
                .range("bitsPerValue", bitsPerValue, 1.0, 32.0, "bits per value", true)
                .oneOf("hardwareNeed", hardwareNeed, HARDWARE_NEEDS, false)
                .text("kind", kind, FieldChecks.MAX_SHORT_TEXT, false)
                .text("supportedBy", supportedBy, FieldChecks.MAX_TEXT, false)
                .text("hardwareRequirements", hardwareRequirements, FieldChecks.MAX_TEXT, false)
                .text("qualityNote", qualityNote, FieldChecks.MAX_TEXT, false)
                .url("sourceUrl", sourceUrl, true)
                .text("notes", notes, FieldChecks.MAX_TEXT, false);
        WeightFormatEntry.checkFrameworkIds(c, frameworks);
        return c.errors();
    }

}
