package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;

import java.util.Set;

/**
 * KV-cache size. Per token and layer:
 * <ul>
 * <li>MHA / GQA / MQA: 2 (K and V) × kvHeads × headDim × bytes per element;</li>
 * <li>MLA (DeepSeek-V2/V3): one latent of (kv_lora_rank + qk_rope_head_dim) × bytes per element — no factor 2,
 *     no per-head copies (DeepSeek-V2 paper §2.1; vLLM/SGLang MLA backends cache exactly this).</li>
 * </ul>
 * Bytes per element = the KV format's effective bits / 8 (q8_0 8.5 bits, q4_0 4.5 bits include their fp16 block
 * scales, ggml-common.h). Only {@code kvLayers} hold a cache; the {@code slidingWindowLayers} of them stop growing
 * at {@code slidingWindowTokens}. Hybrid models' recurrent layers (Mamba-2, Gated DeltaNet) hold no KV but a constant
 * state per sequence ({@link #recurrentBytesPerSequence}), which {@link #bytesPerRequest} adds once per request.
 */
public final class KvCacheModel {

    private KvCacheModel() {
    }

    /** The framework default when no KV format is chosen: the model dtype (bf16/fp16), 16 bits. */
    public static final NumberFormatSpec MODEL_DTYPE = new NumberFormatSpec("auto", 16, Set.of(),
            NumberFormatSpec.HardwareNeed.ANY, false);

    /** Bytes per KV element: bits / 8. */
    public static double bytesPerElement(NumberFormatSpec kv) {
        return Units.bytesFromBits(kv.bitsPerValue());
    }

    /** Elements one token stores in one layer: 2 × kvHeads × headDim, or kv_lora_rank + rope dims for MLA. */
    public static double elementsPerTokenPerLayer(ModelSpec m) {
        if (m.attention() == AttentionKind.MLA) {
            return m.mlaKvLoraRank() + m.mlaQkRopeHeadDim();
        }
        return 2.0 * m.kvHeads() * m.headDim();
    }

    public static double bytesPerTokenPerLayer(ModelSpec m, NumberFormatSpec kv) {
        return elementsPerTokenPerLayer(m) * bytesPerElement(kv);
    }

    /** KV bytes of one token in the whole model: per-layer bytes × kvLayers (contract kvCacheBytesPerToken). */
    public static double bytesPerToken(ModelSpec m, NumberFormatSpec kv) {
        return bytesPerTokenPerLayer(m, kv) * m.kvLayers();
    }

    /** Layers whose cache grows with the whole context: kvLayers − slidingWindowLayers (all when no window). */
    public static int fullAttentionLayers(ModelSpec m) {
        return m.slidingWindowTokens() > 0 ? m.kvLayers() - m.slidingWindowLayers() : m.kvLayers();
    }

    /**
     * KV bytes of one request holding {@code tokens}: per-layer bytes × (full layers × tokens + sliding-window
     * layers × min(tokens, window)).
     */
    public static double bytesForTokens(ModelSpec m, NumberFormatSpec kv, long tokens) {
        int full = fullAttentionLayers(m);
        int windowed = m.kvLayers() - full;
        double windowTokens = windowed == 0 ? 0 : Math.min(tokens, m.slidingWindowTokens());
        return bytesPerTokenPerLayer(m, kv) * (full * (double) tokens + windowed * windowTokens);
    }

    /**
     * The constant recurrent state of one sequence (hybrid models; 0 for pure attention models): it does not grow with
     * the context and is the same whatever the KV format ({@link io.inferplan.engine.spec.RecurrentState}).
     */
    public static double recurrentBytesPerSequence(ModelSpec m) {
        return m.recurrentState() == null ? 0 : m.recurrentState().bytesPerSequence();
    }

    /**
     * Cache bytes one request holding {@code tokens} occupies: its KV ({@link #bytesForTokens}) plus its recurrent
     * state ({@link #recurrentBytesPerSequence}).
     */
    public static double bytesPerRequest(ModelSpec m, NumberFormatSpec kv, long tokens) {
        return bytesForTokens(m, kv, tokens) + recurrentBytesPerSequence(m);
    }

    /**
     * KV heads one tensor-parallel rank stores: ceil(kvHeads / TP) — kvHeads / TP when TP divides them, and one
     * (replicated) head when kvHeads &lt; TP (vLLM: num_kv_heads_per_rank = max(1, kvHeads // TP)). MLA keeps the whole
     * latent on every rank (it is not split by heads).
     */
    public static double kvHeadsPerRank(ModelSpec m, int tensorParallel) {
        if (m.attention() == AttentionKind.MLA) {
            return m.kvHeads();
        }
        return Math.ceil((double) m.kvHeads() / tensorParallel);
    }

    /** KV layers one pipeline stage holds: ceil(kvLayers / PP). */
    public static int kvLayersPerStage(ModelSpec m, int pipelineParallel) {
        return (int) Math.ceil((double) m.kvLayers() / pipelineParallel);
    }

    /**
     * Share of a request's KV that lands on the most loaded accelerator:
     * (kvHeadsPerRank / kvHeads) × (kvLayersPerStage / kvLayers). 1 without parallelism; above 1/(TP×PP) when heads
     * are replicated.
     */
    public static double shareOnMostLoadedAccelerator(ModelSpec m, Parallelism p) {
        return kvHeadsPerRank(m, p.tensorParallel()) / m.kvHeads()
                * kvLayersPerStage(m, p.pipelineParallel()) / m.kvLayers();
    }
}
