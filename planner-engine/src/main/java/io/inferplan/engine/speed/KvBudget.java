package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

/**
 * Stand-in memory arithmetic the speed model needs until the memory model (package {@code engine.memory}) is
 * merged: KV bytes per token and a coarse KV budget. Kept package-private and small on purpose.
 */
final class KvBudget {
    /** CUDA context, framework runtime and activation workspace per accelerator (a round 2 GiB; see memory model). */
    static final double RUNTIME_RESERVE_BYTES = 2.0 * (1L << 30);

    private KvBudget() {
    }

    /**
     * KV bytes one token occupies over all layers. GQA/MHA: 2 (K and V) × kvLayers × kvHeads × headDim × bytes per
     * element; MLA: kvLayers × (kv_lora_rank + qk_rope_head_dim) × bytes (one compressed latent, engine.md).
     */
    static double kvBytesPerToken(ModelSpec m, NumberFormatSpec kv) {
        if (m.attention() == AttentionKind.MLA) {
            return m.kvLayers() * (double) (m.mlaKvLoraRank() + m.mlaQkRopeHeadDim()) * kv.bytesPerValue();
        }
        return 2.0 * m.kvLayers() * m.kvHeads() * m.headDim() * kv.bytesPerValue();
    }

    /** Bytes of all resident weights (all experts) on one accelerator of a tp × pp replica. */
    static double weightBytesPerAccelerator(ModelSpec m, NumberFormatSpec w, int acceleratorsPerReplica) {
        return m.totalParameters() * w.bytesPerValue() / acceleratorsPerReplica;
    }

    /**
     * KV bytes free per accelerator. Base "TOTAL" (vLLM, SGLang, MLC, TGI): fraction × capacity − weights − reserve;
     * base "FREE" (TensorRT-LLM, LMDeploy, MAX): fraction × (capacity − weights − reserve).
     */
    /**
     * Usable device memory: HBM parts marketed as "80 GB" hold 80 GiB (nvidia-smi shows 81,559 MiB on an H100
     * 80GB), so the marketed figure is read as GiB, less 0.5 % the driver keeps.
     */
    static double usableBytes(double marketedBytes) {
        return marketedBytes / 1e9 * (1L << 30) * 0.995;
    }

    static double kvBytesFree(double capacityBytes, double weightBytes, double fraction, boolean fractionOfTotal) {
        double free = fractionOfTotal ? fraction * capacityBytes - weightBytes - RUNTIME_RESERVE_BYTES
                : fraction * (capacityBytes - weightBytes - RUNTIME_RESERVE_BYTES);
        return Math.max(0, free);
    }
}
