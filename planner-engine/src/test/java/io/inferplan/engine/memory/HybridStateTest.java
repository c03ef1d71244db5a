package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.RecurrentState;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hybrid models: recurrent (Mamba-2 / Gated DeltaNet) layers keep a constant state per sequence instead of a KV cache.
 * Worked by hand from the configs (nvidia/Nemotron-H-56B-Base-8K and Qwen/Qwen3-Next-80B-A3B-Instruct config.json).
 */
class HybridStateTest {

    /**
     * Nemotron-H-56B: hybrid_override_pattern has 54 'M' (Mamba-2), 10 '*' (attention) of 118 layers; mamba_num_heads
     * 256, mamba_head_dim 64, n_groups 8, ssm_state_size 256, conv_kernel 4; 8 KV heads × 128; bf16 cache.
     * Mamba-2 per layer: conv 3 × (256 × 64 + 2 × 8 × 256) = 3 × 20,480 = 61,440 elements; SSM 256 × 64 × 256 =
     * 4,194,304 elements; (61,440 + 4,194,304) × 2 B = 8,511,488 B; × 54 layers = 459,620,352 B per sequence.
     */
    static ModelSpec nemotronH56b() {
        return new ModelSpec("nemotron-h-56b", 56e9, 56e9, 118, 10, 8192, 32768, 64, 8, 128, 131072, 8192,
                AttentionKind.GQA, 0, 0, 0, 0, 0, 0, false, new RecurrentState(54, 61_440, 4_194_304, 16), null);
    }

    /**
     * Qwen3-Next-80B-A3B: 48 layers, full_attention_interval 4 → 12 attention + 36 Gated DeltaNet layers;
     * linear_num_key_heads 16, linear_num_value_heads 32, linear_key_head_dim 128, linear_value_head_dim 128,
     * linear_conv_kernel_dim 4. Conv 3 × (2 × 16 × 128 + 32 × 128) = 3 × 8,192 = 24,576 elements; recurrent
     * 32 × 128 × 128 = 524,288 elements; (24,576 + 524,288) × 2 B = 1,097,728 B × 36 = 39,518,208 B per sequence.
     */
    static ModelSpec qwen3Next80b() {
        return new ModelSpec("qwen3-next-80b-a3b", 80e9, 3e9, 48, 12, 2048, 512, 16, 2, 256, 151936, 262144,
                AttentionKind.GQA, 0, 0, 0, 0, 512, 10, false, new RecurrentState(36, 24_576, 524_288, 16), null);
    }

    @Nested
    class StatePerSequence {

        @Test
        void mamba2StateIsConvPlusSsmTimesLayers() {
            assertEquals(8_511_488.0, nemotronH56b().recurrentState().bytesPerLayer());
            assertEquals(459_620_352.0, KvCacheModel.recurrentBytesPerSequence(nemotronH56b()));
        }

        @Test
        void gatedDeltaNetStateIsConvPlusRecurrentTimesLayers() {
            assertEquals(39_518_208.0, KvCacheModel.recurrentBytesPerSequence(qwen3Next80b()));
        }

        @Test
        void float32SsmCacheDoublesTheRecurrentPart() {
            // Nemotron-3-Nano-30B: mamba_ssm_cache_dtype float32; 64 heads × 64 × 128 = 524,288 SSM elements,
            // conv 3 × (64 × 64 + 2 × 8 × 128) = 18,432: 18,432 × 2 + 524,288 × 4 = 2,134,016 B per layer
            assertEquals(2_134_016.0, new RecurrentState(23, 18_432, 524_288, 32).bytesPerLayer());
        }
    }

    @Nested
    class KvOnlyForAttentionLayers {

        @Test
        void kvPerTokenCountsOnlyTheAttentionLayers() {
            // 10 layers × 2 × 8 heads × 128 × 2 B = 40,960 B (a pure-attention 118-layer model would hold 483,328 B)
            assertEquals(40_960.0, KvCacheModel.bytesPerToken(nemotronH56b(), kvFp16()));
        }

        @Test
        void aRequestHoldsItsKvPlusOneStateWhateverItsLength() {
            ModelSpec m = nemotronH56b();
            assertEquals(40_960.0 * 1000 + 459_620_352.0, KvCacheModel.bytesPerRequest(m, kvFp16(), 1000));
            assertEquals(40_960.0 * 8000 + 459_620_352.0, KvCacheModel.bytesPerRequest(m, kvFp16(), 8000));
        }

        @Test
        void theStateIsNeverSharedAsPrefix() {
            ModelSpec m = qwen3Next80b();
            double budget = 10e9;
            KvConcurrency c = KvAllocation.concurrency(m, kvFp16(), budget, 1.0, 4096, 4096, 2048, 16);
            // paged: 12 layers × 2 × 2 × 256 × 2 B = 24,576 B/token × 4096 + 39,518,208 = 140,181,504 B → 71 requests
            assertEquals(140_181_504.0, c.pagedBytesPerRequest());
            assertEquals(71, c.pagedRequests());
            // shared prefix 2048 tokens stored once (50,331,648 B); each request keeps 2048 own tokens + its state:
            // (10e9 − 50,331,648) / (50,331,648 + 39,518,208) = 110.7 → 110
            assertEquals(110, c.sharedPrefixRequests());
        }
    }

    @Test
    void theMemoryModelFitsFewerLongRequestsThanKvAloneWouldSuggest() {
        MemoryEstimate e = MemoryModel.evaluate(input(nemotronH56b(), bf16(), null, b200(), vllm(),
                Workload.fixedConcurrency(4000, 1000, 64, 0), Parallelism.single(), ServingSetup.defaults()));
        double perRequest = KvCacheModel.bytesPerRequest(nemotronH56b(), kvFp16(), 5000);
        assertEquals(perRequest / GIB, e.kvCacheGiBPerRequest(), 1e-9);
        assertTrue(e.warnings().stream().anyMatch(w -> w.contains("54 of 118 layers keep a constant recurrent state")),
                e.warnings().toString());
    }

    private static final double GIB = 1024.0 * 1024 * 1024;
}
