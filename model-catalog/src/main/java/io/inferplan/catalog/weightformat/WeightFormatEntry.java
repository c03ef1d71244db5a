package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A weight format as the API shows and accepts it.
 *
 * @param bitsPerWeight effective bits per weight including scales and zero-points; empty when no source gives it
 * @param frameworks    ids of the frameworks that load it
 * @param hardwareNeed  any, native_fp8 (Ada/Hopper/CDNA3+), native_nvfp4 (Blackwell) or nvidia_only
 * @param gguf          a llama.cpp GGUF type, whose per-tensor mix the engine models
 * @param groupSize     group-quantized formats: weights sharing one scale; with storageBitsPerWeight,
 *                      scaleBitsPerGroup and zeroBitsPerGroup the format's definition (bits = storage + (scale + zero)
 *                      / group)
 */
@Serdeable
public record WeightFormatEntry(
        String id,
        @Nullable String kind,
        @Nullable Double bitsPerWeight,
        @Nullable String supportedBy,
        @Nullable String hardwareRequirements,
        @Nullable String qualityNote,
        @Nullable List<String> frameworks,
        @Nullable String hardwareNeed,
        @Nullable Boolean gguf,
        @Nullable Double storageBitsPerWeight,
        @Nullable Integer groupSize,
        @Nullable Double scaleBitsPerGroup,
        @Nullable Double zeroBitsPerGroup,
        String sourceUrl,
        @Nullable LocalDate asOf,
        @Nullable String notes,
        @Nullable Boolean custom) {

    public static final List<String> HARDWARE_NEEDS = List.of("any", "native_fp8", "native_nvfp4", "nvidia_only");

    public static WeightFormatEntry from(WeightFormatRow r) {
        return new WeightFormatEntry(r.id(), r.kind(), r.bitsPerWeight(), r.supportedBy(), r.hardwareRequirements(),
                r.qualityNote(), split(r.frameworks()), r.hardwareNeed(), r.gguf(), r.storageBitsPerWeight(),
                r.groupSize(), r.scaleBitsPerGroup(), r.zeroBitsPerGroup(), r.sourceUrl(), r.asOf(), r.notes(),
                CatalogRow.CUSTOM.equals(r.origin()));
    }

    public WeightFormatRow toCustomRow(LocalDate today) {
        return new WeightFormatRow(id, kind == null ? "weight" : kind, bitsPerWeight, supportedBy, hardwareRequirements,
                qualityNote, frameworks == null ? "" : String.join(";", frameworks), hardwareNeed == null ? "any" : hardwareNeed,
                Boolean.TRUE.equals(gguf), storageBitsPerWeight, groupSize, scaleBitsPerGroup, zeroBitsPerGroup, sourceUrl, asOf == null ? today : asOf, notes, CatalogRow.CUSTOM);
    }

    public List<FieldError> problems() {
        FieldChecks c = new FieldChecks()
                .id("id", id)
                .range("bitsPerWeight", bitsPerWeight, 1.0, 32.0, "bits per weight", true)
                .oneOf("hardwareNeed", hardwareNeed, HARDWARE_NEEDS, false)
                .range("storageBitsPerWeight", storageBitsPerWeight, 0.5, 32.0, "bits", groupSize != null)
                .range("groupSize", groupSize, 1, 1_000_000, "weights", false)
                .range("scaleBitsPerGroup", scaleBitsPerGroup, 0.0, 64.0, "bits", groupSize != null)
                .range("zeroBitsPerGroup", zeroBitsPerGroup, 0.0, 64.0, "bits", false)
                .text("kind", kind, FieldChecks.MAX_SHORT_TEXT, false)
                .text("supportedBy", supportedBy, FieldChecks.MAX_TEXT, false)
                .text("hardwareRequirements", hardwareRequirements, FieldChecks.MAX_TEXT, false)
                .text("qualityNote", qualityNote, FieldChecks.MAX_TEXT, false)
                .url("sourceUrl", sourceUrl, true)
                .text("notes", notes, FieldChecks.MAX_TEXT, false);
        checkFrameworkIds(c, frameworks);
        return c.errors();
    }

    public static void checkFrameworkIds(FieldChecks c, List<String> frameworks) {
        if (frameworks == null || frameworks.isEmpty()) {
            c.fail("frameworks", "must list at least one framework id that loads the format");
            return;
        }
        for (int i = 0; i < frameworks.size(); i++) {
            c.id("frameworks[" + i + "]", frameworks.get(i));
        }
    }

    public static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(";"));
    }
}
