package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.Parallelism;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class KvCacheModelTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;

    @Nested
    class FactsFromEngineMd {

        @Test
        void llama31_70bFp16Is327680BytesPerToken() {
            // 2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B = 320 KiB
            assertEquals(327_680, KvCacheModel.bytesPerToken(llama31_70b(), kvFp16()));
        }

        @Test
        void llama31_70bAt131072TokensIs40GiBForOneRequestAnd160ForFour() {
            double one = KvCacheModel.bytesForTokens(llama31_70b(), kvFp16(), 131_072);
            assertEquals(40.0, one / GIB, 1e-12);
            assertEquals(160.0, 4 * one / GIB, 1e-12);
        }

        @Test
        void fp8HalvesIt() {
            assertEquals(163_840, KvCacheModel.bytesPerToken(llama31_70b(), kvFp8()));
        }

        @Test
        void llama31_8bIs128KiBPerTokenAnd4GiBAt32K() {
            assertEquals(128 * 1024, KvCacheModel.bytesPerToken(llama31_8b(), kvFp16()));
            assertEquals(4.0, KvCacheModel.bytesForTokens(llama31_8b(), kvFp16(), 32_768) / GIB, 1e-12);
        }
    }

    @Nested
    class PerAttentionKind {

        @ParameterizedTest(name = "{0}: {1} B/token")
        @CsvSource({
                // model,            bytes per token (FP16), hand-worked
                "llama-2-7b,         524288",  // MHA: 2 × 32 × 32 × 128 × 2
                "llama-2-13b,        819200",  // MHA: 2 × 40 × 40 × 128 × 2
                "llama-3.1-8b,       131072",  // GQA: 2 × 32 × 8 × 128 × 2
                "mixtral-8x7b,       131072",  // MoE, GQA: 2 × 32 × 8 × 128 × 2 (experts do not change KV)
                "qwen3-30b-a3b,      98304",   // MoE, GQA: 2 × 48 × 4 × 128 × 2
                "deepseek-v3,        70272",   // MLA: (512 + 64) × 61 × 2, one latent, no factor 2
                "gemma-2-9b,         344064",  // 2 × 42 × 8 × 256 × 2 (all layers, short context)
                "gpt-oss-20b,        49152",   // 2 × 24 × 8 × 64 × 2
        })
        void bytesPerToken(String id, long expected) {
            assertEquals(expected, KvCacheModel.bytesPerToken(model(id), kvFp16()));
        }

        @Test
        void mlaLatentIsNotSplitAcrossTensorParallelRanks() {
            // every rank keeps the whole (512 + 64) × 61 × 2 B latent
            double share = KvCacheModel.shareOnMostLoadedAccelerator(deepseekV3(), new Parallelism(8, 1, 1));
            assertEquals(70_272, KvCacheModel.bytesPerToken(deepseekV3(), kvFp16()) * share);
        }
    }

    @Nested
    class SlidingWindow {

        @Test
        void gemma2_9bWindowedLayersStopAt4096() {
            // 21 global layers × 8192 tokens + 21 local layers × 4096 tokens, 8192 B per token-layer
            assertEquals(8192.0 * 21 * (8192 + 4096), KvCacheModel.bytesForTokens(gemma2_9b(), kvFp16(), 8192));
            assertEquals(2_113_929_216.0, KvCacheModel.bytesForTokens(gemma2_9b(), kvFp16(), 8192));
        }

        @Test
        void gptOss20bWindowOf128() {
            // 12 full × 131072 + 12 sliding × 128, 2048 B per token-layer = 2048 × 12 × 131200
            assertEquals(3_224_371_200.0, KvCacheModel.bytesForTokens(gptOss20b(), kvFp16(), 131_072));
        }

        @Test
        void belowTheWindowEveryLayerGrows() {
            assertEquals(344_064.0 * 1000, KvCacheModel.bytesForTokens(gemma2_9b(), kvFp16(), 1000));
        }
    }

    @Nested
    class QuantizedKvFormats {

        @Test
        void q8_0Is8Point5BitsPerElement() {
            // 2 × 32 × 8 × 128 elements × 8.5 / 8 B = 65536 × 1.0625
            assertEquals(69_632, KvCacheModel.bytesPerToken(llama31_8b(), kvQ8_0()));
        }

        @Test
        void q4_0Is4Point5BitsPerElement() {
            // 65536 × 4.5 / 8
            assertEquals(36_864, KvCacheModel.bytesPerToken(llama31_8b(), kvQ4_0()));
        }
    }

    @Nested
    class PublishedKvSizes {

        @ParameterizedTest(name = "{0}: {2} tokens of {1} = {3} GiB")
        @CsvSource({
                // memory.csv id, kv format, tokens, published GiB, tolerance GiB
                "M070, fp16, 32768,  4.0,   0.001", // Ollama PR 6276: Llama-3.1-8B 32K f16 cache '4GB'
                "M071, q4_0, 32768,  1.1,   0.05",  // same PR: q4_0 '1.1GB' (rounded)
                "M073, fp8,  263008, 16.05, 0.005", // TRT-LLM log: 16.05 GiB for 263008 tokens (FP8 model)
        })
        void llama31_8b(String row, String kv, int tokens, double gib, double tol) {
            var format = switch (kv) {
                case "fp16" -> kvFp16();
                case "q4_0" -> kvQ4_0();
                default -> kvFp8();
            };
            assertEquals(gib, KvCacheModel.bytesForTokens(Fixtures.llama31_8b(), format, tokens) / GIB, tol, row);
        }

        @ParameterizedTest(name = "llama.cpp 'KV self size' at n_ctx {0} = {1} MiB")
        @CsvSource({"2048, 256.00", "32768, 4096.00"})
        void llamaCppPrintedKvSelfSize(int ctx, double mib) {
            // memory.csv M082/M084 (model unstated in the log; 128 KiB/token is the Llama-3-8B class, here 3.1-8B)
            assertEquals(mib, KvCacheModel.bytesForTokens(Fixtures.llama31_8b(), kvFp16(), ctx) / MIB, 1e-9);
        }

        @Test
        void vllmBlogLlama13bAt2048TokensIs1Point7GB() {
            // memory.csv M072: 'up to 1.7GB for a single sequence in LLaMA-13B' (2048 tokens): 819200 × 2048 B
            assertEquals(1.7, KvCacheModel.bytesForTokens(llama2_13b(), kvFp16(), 2048) / 1e9, 0.05);
        }
    }

    @Nested
    class TensorParallelSplit {

        @ParameterizedTest(name = "TP {0}: {1} B per token on one accelerator")
        @CsvSource({
                "1, 327680",
                "2, 163840",
                "8, 40960",   // one KV head per rank
                "16, 40960",  // 8 KV heads < 16 ranks: each head replicated, still one head per rank
        })
        void llama31_70bKvHeadsSplitThenReplicated(int tp, double perAccelerator) {
            ModelSpec m = llama31_70b();
            double share = KvCacheModel.shareOnMostLoadedAccelerator(m, new Parallelism(tp, 1, 1));
            assertEquals(perAccelerator, KvCacheModel.bytesPerToken(m, kvFp16()) * share);
        }

        @Test
        void pipelineStagesSplitLayers() {
            // 80 layers / 4 stages = 20 layers: 2 × 20 × 8 × 128 × 2
            double share = KvCacheModel.shareOnMostLoadedAccelerator(llama31_70b(), new Parallelism(1, 4, 1));
            assertEquals(81_920, KvCacheModel.bytesPerToken(llama31_70b(), kvFp16()) * share);
        }
    }

    static ModelSpec model(String id) {
        return switch (id) {
            case "llama-2-7b" -> llama2_7b();
            case "llama-2-13b" -> llama2_13b();
            case "llama-3.1-8b" -> llama31_8b();
            case "llama-3.1-70b" -> llama31_70b();
            case "llama-3-70b" -> llama3_70b();
            case "mixtral-8x7b" -> mixtral8x7b();
            case "qwen3-30b-a3b" -> qwen3_30bA3b();
            case "deepseek-v3" -> deepseekV3();
            case "gemma-2-9b" -> gemma2_9b();
            case "gpt-oss-20b" -> gptOss20b();
            default -> throw new IllegalArgumentException(id);
        };
    }
}
