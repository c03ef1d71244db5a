package io.inferplan.catalog.model;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * A model as the API shows it and accepts it for custom entries. Empty fields mean no source was found, not
 * zero. Parameter counts are in billions as model cards publish them.
 *
 * @param kvLayers             layers whose KV cache grows with the context (defaults to {@code layers})
 * @param slidingWindowTokens  window of the sliding-window or chunked-local layers
 * @param slidingWindowLayers  how many layers use that window
 * @param recurrentLayers      hybrid models: layers with a constant per-sequence state instead of a KV cache
 *                             (Mamba-2, Gated DeltaNet); their state per layer is recurrentConvStateElements (16-bit)
 *                             + recurrentSsmStateElements (recurrentSsmStateBits each)
 * @param ropeScalingMethod    rope scaling the model card documents for contexts beyond maxContextTokens (yarn),
 *                             from ropeOriginalContextTokens up to ropeScaledMaxContextTokens
 * @param custom               added through the API (true) or shipped with the catalog (false); output only
 */
@Serdeable
public record ModelEntry(
        String id,
        @Nullable String family,
        @Nullable String hfRepo,
        @Nullable Double totalParametersBillions,
        @Nullable Double activeParametersBillions,
        @Nullable Integer layers,
        @Nullable Integer kvLayers,
        @Nullable Integer hiddenSize,
        @Nullable Integer intermediateSize,
        @Nullable Integer attentionHeads,
        @Nullable Integer kvHeads,
        @Nullable Integer headDim,
        @Nullable Integer vocabSize,
        @Nullable Integer maxContextTokens,
        @Nullable String attention,
        @Nullable Integer mlaKvLoraRank,
        @Nullable Integer mlaQkRopeHeadDim,
        @Nullable Integer slidingWindowTokens,
        @Nullable Integer slidingWindowLayers,
        @Nullable String slidingWindowNote,
        @Nullable Integer experts,
        @Nullable Integer expertsPerToken,
        @Nullable Boolean tiedEmbeddings,
        @Nullable Integer recurrentLayers,
        @Nullable Long recurrentConvStateElements,
        @Nullable Long recurrentSsmStateElements,
        @Nullable Integer recurrentSsmStateBits,
        @Nullable String ropeScalingMethod,
        @Nullable Integer ropeOriginalContextTokens,
        @Nullable Integer ropeScaledMaxContextTokens,
        @Nullable String ropeScalingSourceUrl,
        String sourceUrl,
        @Nullable String paramsSourceUrl,
        @Nullable LocalDate asOf,
        @Nullable String notes,
        @Nullable Boolean custom) {

    public static final List<String> ATTENTION_KINDS = List.of("mha", "gqa", "mqa", "mla");

    public static ModelEntry from(ModelRow r) {
        return new ModelEntry(r.id(), r.family(), r.hfRepo(), r.totalParametersBillions(), r.activeParametersBillions(),
                r.layers(), r.kvLayers(), r.hiddenSize(), r.intermediateSize(), r.attentionHeads(), r.kvHeads(), r.headDim(),
                r.vocabSize(), r.maxContextTokens(), r.attention(), r.mlaKvLoraRank(), r.mlaQkRopeHeadDim(),
                r.slidingWindowTokens(), r.slidingWindowLayers(), r.slidingWindowNote(), r.experts(), r.expertsPerToken(),
                r.tiedEmbeddings(), r.recurrentLayers(), r.recurrentConvStateElements(), r.recurrentSsmStateElements(),
                r.recurrentSsmStateBits(), r.ropeScalingMethod(), r.ropeOriginalContextTokens(),
                r.ropeScaledMaxContextTokens(), r.ropeScalingSourceUrl(), r.sourceUrl(), r.paramsSourceUrl(), r.asOf(), r.notes(),
                CatalogRow.CUSTOM.equals(r.origin()));
    }

    /** The row of a custom entry; defaults kvLayers to layers and asOf to {@code today}. */
    public ModelRow toCustomRow(LocalDate today) {
        return new ModelRow(id, family, hfRepo, totalParametersBillions, activeParametersBillions, layers,
                kvLayers != null ? kvLayers : layers, hiddenSize, intermediateSize, attentionHeads, kvHeads, headDim,
                vocabSize, maxContextTokens, attention, mlaKvLoraRank, mlaQkRopeHeadDim, slidingWindowTokens,
                slidingWindowLayers != null ? slidingWindowLayers : (slidingWindowTokens == null ? 0 : null),
                slidingWindowNote, experts, expertsPerToken, tiedEmbeddings, recurrentLayers, recurrentConvStateElements,
                recurrentSsmStateElements, recurrentSsmStateBits, ropeScalingMethod, ropeOriginalContextTokens,
                ropeScaledMaxContextTokens, ropeScalingSourceUrl, sourceUrl, paramsSourceUrl,
                asOf != null ? asOf : today, notes, CatalogRow.CUSTOM);
    }

    /** Every impossible value of a custom entry, each naming its field and what is allowed. */
    public List<FieldError> problems() {
        FieldChecks c = new FieldChecks();
        c.id("id", id)
                .text("family", family, FieldChecks.MAX_SHORT_TEXT, false)
                .text("hfRepo", hfRepo, FieldChecks.MAX_SHORT_TEXT, false)
                .range("totalParametersBillions", totalParametersBillions, 0.001, 100_000.0, "billion parameters", true)
                .range("activeParametersBillions", activeParametersBillions, 0.001, 100_000.0, "billion parameters", false)
                .range("layers", layers, 1, 10_000, "layers", true)
                .range("kvLayers", kvLayers, 1, 10_000, "layers", false)
                .range("hiddenSize", hiddenSize, 1, 1_000_000, "", true)
                .range("intermediateSize", intermediateSize, 1, 10_000_000, "", true)
                .range("attentionHeads", attentionHeads, 1, 100_000, "heads", true)
                .range("kvHeads", kvHeads, 1, 100_000, "heads", true)
                .range("headDim", headDim, 1, 100_000, "", true)
                .range("vocabSize", vocabSize, 1, 100_000_000, "tokens", true)
                .range("maxContextTokens", maxContextTokens, 1, 100_000_000, "tokens", true)
                .oneOf("attention", attention, ATTENTION_KINDS, true)
                .range("mlaKvLoraRank", mlaKvLoraRank, 1, 1_000_000, "", "mla".equals(attention))
                .range("mlaQkRopeHeadDim", mlaQkRopeHeadDim, 0, 1_000_000, "", "mla".equals(attention))
                .range("slidingWindowTokens", slidingWindowTokens, 1, 100_000_000, "tokens", false)
                .range("slidingWindowLayers", slidingWindowLayers, 0, 10_000, "layers", false)
                .text("slidingWindowNote", slidingWindowNote, FieldChecks.MAX_TEXT, false)
                .range("experts", experts, 1, 100_000, "experts", false)
                .range("expertsPerToken", expertsPerToken, 1, 100_000, "experts", experts != null)
                .range("recurrentLayers", recurrentLayers, 1, 10_000, "layers", false)
                .range("recurrentSsmStateBits", recurrentSsmStateBits, 16, 32, "bits", recurrentLayers != null)
                .oneOf("ropeScalingMethod", ropeScalingMethod, List.of("yarn", "linear", "dynamic", "llama3"), false)
                .range("ropeOriginalContextTokens", ropeOriginalContextTokens, 1, 100_000_000, "tokens", ropeScalingMethod != null)
                .range("ropeScaledMaxContextTokens", ropeScaledMaxContextTokens, 1, 100_000_000, "tokens", ropeScalingMethod != null)
                .url("ropeScalingSourceUrl", ropeScalingSourceUrl, ropeScalingMethod != null)
                .url("sourceUrl", sourceUrl, true)
                .url("paramsSourceUrl", paramsSourceUrl, false)
                .text("notes", notes, FieldChecks.MAX_TEXT, false);
        if (attentionHeads != null && kvHeads != null && kvHeads > 0 && attentionHeads % kvHeads != 0) {
            c.fail("kvHeads", "must divide attentionHeads (" + attentionHeads + ") exactly");
        }
        if (attentionHeads != null && kvHeads != null && kvHeads > attentionHeads) {
            c.fail("kvHeads", "must be at most attentionHeads (" + attentionHeads + ")");
        }
        if (layers != null && kvLayers != null && kvLayers > layers) {
            c.fail("kvLayers", "must be at most layers (" + layers + ")");
        }
        int kv = kvLayers != null ? kvLayers : (layers != null ? layers : Integer.MAX_VALUE);
        if (slidingWindowLayers != null && slidingWindowLayers > kv) {
            c.fail("slidingWindowLayers", "must be at most kvLayers (" + kv + ")");
        }
        if (slidingWindowLayers != null && slidingWindowLayers > 0 && slidingWindowTokens == null) {
            c.fail("slidingWindowTokens", "is required when slidingWindowLayers > 0");
        }
        if (recurrentLayers != null && (recurrentSsmStateElements == null || recurrentSsmStateElements <= 0)) {
            c.fail("recurrentSsmStateElements", "is required (> 0 elements per layer) when recurrentLayers is given");
        }
        if (recurrentLayers != null && layers != null && recurrentLayers > layers) {
            c.fail("recurrentLayers", "must be at most layers (" + layers + ")");
        }
        if (experts != null && expertsPerToken != null && expertsPerToken > experts) {
            c.fail("expertsPerToken", "must be at most experts (" + experts + ")");
        }
        if (experts == null && expertsPerToken != null) {
            c.fail("experts", "is required when expertsPerToken is given");
        }
        if (totalParametersBillions != null && activeParametersBillions != null
                && activeParametersBillions > totalParametersBillions) {
            c.fail("activeParametersBillions", "must be at most totalParametersBillions (" + totalParametersBillions + ")");
        }
        if ("mha".equals(attention) && attentionHeads != null && kvHeads != null && !attentionHeads.equals(kvHeads)) {
            c.fail("attention", "is mha but kvHeads differs from attentionHeads: use gqa");
        }
        if ("mqa".equals(attention) && kvHeads != null && kvHeads != 1) {
            c.fail("attention", "is mqa but kvHeads is not 1: use gqa");
        }
        return c.errors();
    }
}
