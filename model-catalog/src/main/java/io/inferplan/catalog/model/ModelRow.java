package io.inferplan.catalog.model;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/** A model architecture as stored in table {@code model_entry}; columns follow models.csv. */
@MappedEntity("model_entry")
public record ModelRow(
        @Id String id,
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
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    /** One row of models.csv (params in billions, as published). */
    public static ModelRow fromCsv(CsvRow r) {
        return new ModelRow(
                r.required("id"), r.text("family"), r.text("hf_repo"),
                r.decimal("params_total_b"), r.decimal("params_active_b"),
                r.integer("num_layers"), r.integer("kv_layers"), r.integer("hidden_size"), r.integer("intermediate_size"),
                r.integer("num_attention_heads"), r.integer("num_kv_heads"), r.integer("head_dim"), r.integer("vocab_size"),
                r.integer("max_context"), r.text("attention"), r.integer("mla_kv_lora_rank"), r.integer("mla_qk_rope_head_dim"),
                r.integer("sliding_window"), r.integer("sliding_window_layers"), r.text("sliding_window_layers_note"),
                r.integer("num_experts"), r.integer("experts_per_token"), r.bool("tie_embeddings"),
                r.integer("recurrent_layers"), r.longInteger("recurrent_conv_state_elements"),
                r.longInteger("recurrent_ssm_state_elements"), r.integer("recurrent_ssm_state_bits"),
                r.text("rope_scaling_method"), r.integer("rope_original_context"), r.integer("rope_scaled_max_context"),
                r.text("rope_scaling_source_url"),
                r.required("source_url"), r.text("params_source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
