package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightModelTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Nested
    class ParameterCountsFromArchitecture {

        @ParameterizedTest(name = "{0}: {1} parameters")
        @CsvSource({
                // Llama-3 8B: 2 × 128256 × 4096 + 32 × (2 × 4096² + 2 × 4096 × 1024 + 3 × 4096 × 14336 + 2 × 4096) + 4096
                // = 8,030,261,248, the count Hugging Face shows for Meta-Llama-3(.1)-8B
                "llama-3.1-8b,  8030261248",
                // 2 × 128256 × 8192 + 80 × (2 × 8192² + 2 × 8192 × 1024 + 3 × 8192 × 28672 + 2 × 8192) + 8192
                "llama-3.1-70b, 70553706496",
                // 2 × 32000 × 4096 + 32 × (4 × 4096² + 3 × 4096 × 14336 × 8 experts + 4096 × 8 router + 2 × 4096) + 4096
                "mixtral-8x7b,  46702792704",
                // LLaMA-7B shape: 2 × 32000 × 4096 + 32 × (4 × 4096² + 3 × 4096 × 11008 + 2 × 4096) + 4096
                "llama-2-7b,    6738415616",
        })
        void derivedCount(String id, double expected) {
            assertEquals(expected, TensorInventory.derivedParameters(KvCacheModelTest.model(id)));
        }

        @Test
        void moeExpertsAreAllResident() {
            // qwen3-30b-a3b: 48 × 128 experts × 3 × 2048 × 768 = 28,991,029,248 expert weights, all stored
            WeightBreakdown w = WeightModel.weights(qwen3_30bA3b(), bf16());
            assertEquals(28_991_029_248.0 * 2, w.bytesOf(TensorGroup.Kind.EXPERT_FFN));
        }

        @Test
        void tiedEmbeddingsAreStoredOnce() {
            // gemma-2-9b: one 256000 × 3584 matrix, no separate output head
            WeightBreakdown w = WeightModel.weights(gemma2_9b(), bf16());
            assertEquals(256_000.0 * 3584 * 2, w.bytesOf(TensorGroup.Kind.EMBEDDING));
            assertEquals(0.0, w.bytesOf(TensorGroup.Kind.OUTPUT_HEAD));
        }

        @Test
        void untiedEmbeddingAndHeadAreBothStored() {
            WeightBreakdown w = WeightModel.weights(llama31_8b(), bf16());
            assertEquals(128_256.0 * 4096 * 2, w.bytesOf(TensorGroup.Kind.EMBEDDING));
            assertEquals(128_256.0 * 4096 * 2, w.bytesOf(TensorGroup.Kind.OUTPUT_HEAD));
        }

        @Test
        void publishedTotalWinsWhenTheArchitectureFieldsDifferByMoreThanFivePercent() {
            // DeepSeek-V3: ModelSpec has no q-LoRA, dense first layers or shared expert, so the per-tensor count
            // (every layer MoE, full-rank q) overshoots; the published 671 B is kept and the gap is reported
            WeightBreakdown w = WeightModel.weights(deepseekV3(), fp8());
            assertEquals(671e9, w.parameters(), 1e3);
            assertTrue(w.notes().get(0).contains("scaled"), w.notes().toString());
        }

        @Test
        void publishedTotalLargerThanDerivedKeepsTheRemainderAtTheBulkType() {
            // a vision model's tower is not in the text fields: 10.6 B published vs ~9.8 B counted
            ModelSpec vision = new ModelSpec("llama-3.2-11b-vision", 10.6e9, 10.6e9, 40, 32, 4096, 14336, 32, 8, 128,
                    128256, 131072, io.inferplan.engine.spec.AttentionKind.GQA, 0, 0, 0, 0, 0, 0, false);
            WeightBreakdown w = WeightModel.weights(vision, fp8());
            assertEquals(10.6e9, w.parameters(), 1e3);
            assertTrue(w.notes().get(0).contains("exceeds"), w.notes().toString());
            assertEquals(1, w.tensors().stream().filter(t -> t.kind() == TensorGroup.Kind.UNMODELED).count());
        }

        @Test
        void publishedNominalCountWithinFivePercentUsesTheDerivedCount() {
            // Llama-2-7B is published as '7B'; its tensors hold 6.74 B, which llama.cpp's file sizes confirm
            assertEquals(6_738_415_616.0, WeightModel.weights(llama2_7b(), bf16()).parameters());
        }
    }

    @Nested
    class NonGgufFormats {

        @Test
        void bf16IsTwoBytesPerParameter() {
            assertEquals(8_030_261_248.0 * 2, WeightModel.weights(llama31_8b(), bf16()).totalBytes());
        }

        @Test
        void fp8KeepsEmbeddingAndHeadAt16Bits() {
            // linear 80 × (150,994,944 + 704,643,072) = 68,451,041,280 B at 1 B; embed + head 2,101,346,304 × 2 B;
            // norms (80 × 16384 + 8192) × 2 B
            double expected = 68_451_041_280.0 + 2_101_346_304.0 * 2 + 1_318_912.0 * 2;
            assertEquals(expected, WeightModel.weights(llama31_70b(), fp8()).totalBytes());
        }

        @Test
        void mlcGroupQuantizationQuantizesTheEmbeddingAndHeadToo() {
            // MLC q4f16_1 (quantize_embedding, quantize_final_fc): every matrix at 4.5 bits, only the norms
            // (32 × 2 × 4096 + 4096 = 266,240 weights) at 16: (8,030,261,248 − 266,240) × 4.5/8 + 266,240 × 2
            var mlc = new io.inferplan.engine.spec.NumberFormatSpec("mlc-q4f16_1", 4.5, java.util.Set.of("mlc-llm"),
                    io.inferplan.engine.spec.NumberFormatSpec.HardwareNeed.ANY, false);
            assertEquals(4_517_404_672.0, WeightModel.weights(llama31_8b(), mlc).totalBytes(), 1);
        }

        @Test
        void mxfp4QuantizesOnlyTheExperts() {
            // gpt-oss-20b: experts 24 × 3 × 32 × 2880² × 4.25/8 B; attention 24 × 26,542,080, router 24 × 2880 × 32,
            // norms 24 × 5760 + 2880, embedding + head 2 × 201088 × 2880, all × 2 B
            double experts = 19_110_297_600.0 * 4.25 / 8;
            double rest = (637_009_920.0 + 2_211_840 + 141_120 + 1_158_266_880) * 2;
            assertEquals(experts + rest, WeightModel.weights(gptOss20b(), mxfp4()).totalBytes(), 1);
        }
    }

    @Nested
    class ActiveWeights {

        @Test
        void mixtralReadsTwoOfEightExperts() {
            // BF16: experts 32 × 3 × 8 × 4096 × 14336 × 2 B = 90,194,313,216 B; active = total − 6/8 of that
            WeightBreakdown w = WeightModel.weights(mixtral8x7b(), bf16());
            assertEquals(46_702_792_704.0 * 2 - 90_194_313_216.0 * 6 / 8, WeightModel.activeBytesPerToken(w, mixtral8x7b()));
        }

        @Test
        void denseModelsReadEverything() {
            WeightBreakdown w = WeightModel.weights(llama31_8b(), bf16());
            assertEquals(w.totalBytes(), WeightModel.activeBytesPerToken(w, llama31_8b()));
        }
    }

    @Nested
    class GgufFileSizes {

        @ParameterizedTest(name = "{0} {1} {2}: published {3} GiB")
        @CsvSource({
                // memory.csv id, model, GGUF type, published GiB (llama.cpp quantize README / llama-bench / dranger003)
                "M020, llama-3.1-8b, Q2_K,   2.95",
                "M021, llama-3.1-8b, Q3_K_S, 3.41",
                "M022, llama-3.1-8b, Q3_K_L, 4.02",
                "M017, llama-3.1-8b, IQ4_XS, 4.17",
                "M023, llama-3.1-8b, Q4_K_S, 4.36",
                "M024, llama-3.1-8b, Q4_K_M, 4.58",
                "M025, llama-3.1-8b, Q5_K_S, 5.21",
                "M026, llama-3.1-8b, Q5_K_M, 5.33",
                "M028, llama-3.1-8b, Q8_0,   7.95",
                "M029, llama-3.1-8b, F16,    14.96",
                "M032, llama-3-70b,  Q4_K_M, 39.59",
                "M048, llama-3-70b,  Q3_K_L, 34.59",
                "M049, llama-3-70b,  IQ4_XS, 35.30",
                "M051, llama-3-70b,  Q4_K_S, 37.58",
                "M053, llama-3-70b,  Q5_K_S, 45.32",
                "M054, llama-3-70b,  Q5_K_M, 46.52",
                "M055, llama-3-70b,  Q6_K,   53.91",
                "M056, llama-3-70b,  Q8_0,   69.83",
                "M057, llama-3-70b,  F16,    131.43",
                "M069, llama-3.1-70b, Q4_0,  37.22",
                "M059, llama-2-7b,   Q8_0,   6.67",   // LLaMA-7B (6.74 B), same tensor shapes as Llama-2-7B
                "M065, llama-2-7b,   Q4_K_M, 3.80",
                "M066, llama-2-7b,   Q4_K_S, 3.59",
        })
        void withinThreePercentOfPublished(String row, String model, String type, double publishedGiB) {
            ModelSpec m = KvCacheModelTest.model(model);
            double gib = WeightModel.weights(m, gguf(type, 8)).totalBytes() / GIB;
            assertEquals(publishedGiB, gib, 0.03 * publishedGiB, row + ": " + gib);
        }

        @Test
        void llama31_70bQ4KMFileIs43Point1GB() {
            // memory.csv M004: quantize README 'Quantized size (Q4_K_M)' 43.1 GB (decimal)
            double gb = WeightModel.weights(llama31_70b(), ggufQ4KM()).totalBytes() / 1e9;
            assertEquals(43.1, gb, 0.03 * 43.1);
        }

        @Test
        void q4KMOfLlama31_8bIs4Point8944BitsPerWeight() {
            // weight-formats.csv gguf-q4_k_m: measured 4.8944 bpw on Llama-3.1-8B
            assertEquals(4.8944, WeightModel.weights(llama31_8b(), ggufQ4KM()).effectiveBitsPerWeight(), 0.005);
        }
    }

    @Nested
    class LlamaCppTensorRules {

        private ModelSpec m = llama31_8b();

        @Test
        void useMoreBitsSelectsHalfOf32Layers() {
            // i < 4, i >= 28, and (i - 4) % 3 == 2 for 4 <= i < 28: 4 + 4 + 8 = 16
            long n = java.util.stream.IntStream.range(0, 32).filter(i -> GgufQuantRules.useMoreBits(i, 32)).count();
            assertEquals(16, n);
        }

        @Test
        void q4KMKeepsAttnVAndFfnDownOfHalfTheLayersAtQ6K() {
            WeightBreakdown w = WeightModel.weights(m, ggufQ4KM());
            assertEquals(16, countOf(w, "blk.attn_v", "Q6_K"));
            assertEquals(16, countOf(w, "blk.attn_v", "Q4_K"));
            assertEquals(16, countOf(w, "blk.ffn_down", "Q6_K"));
            assertEquals(32, countOf(w, "blk.attn_q", "Q4_K"));
            assertEquals(1, countOf(w, "output", "Q6_K"));
            assertEquals(1, countOf(w, "token_embd", "Q4_K"));
        }

        @Test
        void seventyBClassLiftsRemainingAttnVToQ5K() {
            WeightBreakdown w = WeightModel.weights(llama31_70b(), ggufQ4KM());
            assertEquals(40, countOf(w, "blk.attn_v", "Q6_K"));
            assertEquals(40, countOf(w, "blk.attn_v", "Q5_K"));
        }

        @Test
        void eightExpertModelsKeepAttnKAndVAtQ8_0() {
            WeightBreakdown w = WeightModel.weights(mixtral8x7b(), ggufQ4KM());
            assertEquals(32, countOf(w, "blk.attn_v", "Q8_0"));
            assertEquals(32, countOf(w, "blk.attn_k", "Q8_0"));
            assertEquals(32, countOf(w, "blk.attn_output", "Q5_K"));
        }

        @Test
        void tiedEmbeddingIsTreatedAsOutputHead() {
            WeightBreakdown w = WeightModel.weights(gemma2_9b(), ggufQ4KM());
            assertEquals(1, countOf(w, "token_embd", "Q6_K"));
        }

        @Test
        void rowsNotAMultipleOf256FallBack() {
            // gpt-oss hidden 2880 = 11.25 × 256: Q4_K tensors become Q5_0
            WeightBreakdown w = WeightModel.weights(gptOss20b(), ggufQ4KM());
            assertEquals(24, countOf(w, "blk.attn_q", "Q5_0"));
        }

        private long countOf(WeightBreakdown w, String name, String type) {
            return w.tensors().stream().filter(t -> t.name().equals(name) && t.storageType().equals(type))
                    .mapToLong(TensorGroup::count).sum();
        }
    }
}
