package io.inferplan.plan.technique;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The request blocks of the serving techniques (contract names, {@code docs/api-contract.md}). */
public final class TechniqueInputs {
    private TechniqueInputs() {
    }

    /**
     * {@code serving.speculative}: speculative decoding.
     *
     * @param method               draft-model, eagle, mtp or ngram
     * @param draftModel           catalog model id of the draft (draft-model only), same tokenizer family as the target
     * @param numSpeculativeTokens k, drafts verified per step (absent: the k the default acceptance was measured at)
     * @param acceptanceRate       α, per-token acceptance (absent: the published default for the method and family)
     */
    @Serdeable
    public record SpeculativeInput(@Nullable String method, @Nullable String draftModel,
                                   @Nullable Integer numSpeculativeTokens, @Nullable Double acceptanceRate) {
    }

    /**
     * {@code serving.lora}: many LoRA adapters served by one deployment, in use uniformly.
     *
     * @param adapters         adapters served
     * @param rank             adapter rank r (absent: 16)
     * @param targetModules    adapted modules (absent: PEFT's default q_proj, v_proj)
     * @param maxLorasPerBatch adapters one batch holds on the accelerators (absent: the framework's default)
     * @param maxCpuLoras      adapters kept in host memory (absent: the framework's default)
     */
    @Serdeable
    public record LoraInput(@Nullable Integer adapters, @Nullable Integer rank, @Nullable List<String> targetModules,
                            @Nullable Integer maxLorasPerBatch, @Nullable Integer maxCpuLoras) {
    }

    /**
     * {@code disaggregation} (evaluate): prefill and decode pools instead of colocated replicas.
     *
     * @param kvLink link id the KV caches cross ({@code GET /api/v1/techniques/kv-links}; absent: the accelerator's own
     *               NVLink / Infinity Fabric when both pools fit one 8-GPU node, else InfiniBand NDR 400)
     */
    @Serdeable
    public record DisaggregationInput(@Nullable PoolInput prefill, @Nullable PoolInput decode,
                                      @Nullable String kvLink) {
    }

    /**
     * One pool of a disaggregated plan.
     *
     * @param accelerator    catalog id (absent: the plan's accelerator)
     * @param tensorParallel accelerators per instance (absent: the fewest that fit)
     * @param instances      instances in the pool (absent: 1)
     */
    @Serdeable
    public record PoolInput(@Nullable String accelerator, @Nullable Integer tensorParallel,
                            @Nullable Integer instances) {
    }
}
