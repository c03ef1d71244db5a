package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryModelTest {

    private static final double GIB = 1024.0 * 1024 * 1024;
    /** H100 "80 GB" = 80 × 2^30 B (JEDEC). */
    private static final double H100_BYTES = 85_899_345_920.0;
    /** Llama-3.1-8B in BF16: 8,030,261,248 × 2 B. */
    private static final double L8B_BF16 = 16_060_522_496.0;
    /** cuda_context_mib 500 (engine assumption). */
    private static final double CONTEXT = 524_288_000.0;
    /**
     * Activation estimate for Llama-3.1-8B, chunk 8192, 1024 sequences, TP 1:
     * (3 × 4096 + 48 × 128 + 32 × 128 + 3 × 14336) = 65,536 elements × 2 B × 8192 tokens = 1,073,741,824
     * + 1024 × 128,256 × 4 B logits = 525,336,576.
     */
    private static final double L8B_ACT_8192_1024 = 1_599_078_400.0;

    private static MemoryEstimate llama8bOnH100(FrameworkSpec fw, ServingSetup s, Workload w) {
        return MemoryModel.evaluate(input(llama31_8b(), bf16(), null, h100Sxm(), fw, w, Parallelism.single(), s));
    }

    @Nested
    class VllmFractionOfTotalMemory {

        private final MemoryEstimate e = llama8bOnH100(vllm(), ServingSetup.defaults(),
                Workload.fixedConcurrency(2048, 256, 32, 0));

        @Test
        void resolvesVllmDefaultsForAnH100() {
            ResolvedServing s = e.serving();
            assertEquals(0.9, s.memoryFraction());
            assertEquals(KvSizingRule.FRACTION_OF_TOTAL, s.kvSizingRule());
            assertEquals(1024, s.maxConcurrentSequences());  // >= 70 GiB, not an A100
            assertEquals(8192, s.maxBatchedTokens());
            assertEquals(16, s.kvBlockTokens());
        }

        @Test
        void kvIsNinetyPercentOfTotalMinusWeightsActivationsAndContext() {
            // 0.9 × 85,899,345,920 = 77,309,411,328; − 16,060,522,496 − 524,288,000 − 1,599,078,400
            assertEquals(59_125_522_432.0, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
            assertEquals(451_091, e.kvTokensPerReplica()); // floor(59,125,522,432 / 131,072)
        }

        @Test
        void cudaGraphsSitOutsideTheFractionAndTheRestIsReservedUnused() {
            // graphs: min(1024 × 2, 512, 8192) = 512 × 2 MiB = 1 GiB; used = 72 GiB + 1 GiB
            assertEquals(GIB, e.breakdownPerAccelerator().cudaGraphBytes());
            assertEquals(73.0, e.totalGiBPerAccelerator(), 1e-9);
            assertEquals(80.0, e.capacityGiBPerAccelerator(), 1e-12);
            assertEquals(7 * GIB, e.breakdownPerAccelerator().reservedUnusedBytes(), 1.0);
            assertTrue(e.fits());
        }

        @Test
        void pagedFitsManyMoreThanNaiveReservation() {
            // paged: 2304 tokens = 144 blocks × 16 → 301,989,888 B; 59,125,522,432 / 301,989,888 = 195.8
            assertEquals(195, e.concurrency().pagedRequests());
            assertEquals(195, e.maxConcurrentRequests());
            // naive: 131,072 tokens × 131,072 B = 16 GiB each → 3
            assertEquals(3, e.concurrency().naiveRequests());
        }

        @Test
        void pagedWastesLessThanOneBlockPerRequest() {
            double exact = KvCacheModel.bytesForTokens(llama31_8b(), kvFp16(), 2300);
            double paged = KvCacheModel.bytesForTokens(llama31_8b(), kvFp16(), KvAllocation.roundUpToBlocks(2300, 16));
            assertTrue(paged - exact < 16 * 131_072);
            assertTrue((paged - exact) / paged < 0.04);
        }

        @Test
        void sharedPrefixIsStoredOnce() {
            // prefix 1000 → 62 whole blocks = 992 tokens stored once (130,023,424 B);
            // each request keeps 2304 − 992 = 1312 tokens = 171,966,464 B → (59,125,522,432 − 130,023,424) / that = 343.06
            MemoryEstimate shared = llama8bOnH100(vllm(), ServingSetup.defaults(),
                    Workload.fixedConcurrency(2048, 256, 32, 1000));
            assertEquals(343, shared.concurrency().sharedPrefixRequests());
            assertEquals(343, shared.maxConcurrentRequests());
        }

        @Test
        void withoutPrefixCachingTheSharedPrefixIsNotShared() {
            MemoryEstimate off = llama8bOnH100(vllm(), new ServingSetup(null, null, null, null, null, false, null, null,
                    null), Workload.fixedConcurrency(2048, 256, 32, 1000));
            assertEquals(195, off.maxConcurrentRequests());
        }

        @Test
        void aUserFractionReplacesTheDefault() {
            MemoryEstimate half = llama8bOnH100(vllm(), ServingSetup.defaults().withMemoryFraction(0.5),
                    Workload.singleStream(2048, 256));
            // 0.5 × 85,899,345,920 − 16,060,522,496 − 524,288,000 − 1,599,078,400
            assertEquals(24_765_784_064.0, half.breakdownPerAccelerator().kvCacheBytes(), 1.0);
        }

        @Test
        void growthCurveEndsAtTheMaxContextWithConstantNaiveCount() {
            var last = e.kvGrowth().get(e.kvGrowth().size() - 1);
            assertEquals(131_072, last.contextTokens());
            assertEquals(16.0, last.kvGiBPerRequest(), 1e-12);
            assertEquals(3, last.concurrency().pagedRequests()); // one 16 GiB request per 16 GiB
            assertTrue(e.kvGrowth().stream().allMatch(p -> p.concurrency().naiveRequests() == 3));
            assertEquals(1024, e.kvGrowth().get(0).contextTokens());
        }
    }

    @Nested
    class PublishedVllmFits {

        // Lambda 'Max Context Length' with vLLM 0.5.4 defaults (gpu_memory_utilization 0.9), memory.csv M075-M080

        @Test
        void llama31_70bFp8OnOneH100FitsAbout4kTokens() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_70b(), fp8(), null, h100Sxm(), vllm(),
                    Workload.singleStream(1024, 128), Parallelism.single(), ServingSetup.defaults()));
            assertTrue(e.kvTokensPerReplica() >= 4096 && e.kvTokensPerReplica() < 8192, "" + e.kvTokensPerReplica());
            assertTrue(e.warnings().stream().anyMatch(w -> w.contains("max_model_len")), e.warnings().toString());
        }

        @Test
        void aNewerVllmVersionWarnsAboutTheRaisedDefault() {
            MemoryEstimate e = llama8bOnH100(vllm(), ServingSetup.defaults().withFrameworkVersion("0.25.1"),
                    Workload.singleStream(1024, 128));
            assertEquals(0.9, e.serving().memoryFraction());
            assertTrue(e.warnings().stream().anyMatch(w -> w.contains("0.92")), e.warnings().toString());
        }

        @ParameterizedTest(name = "M0{0}: {1} on {2}× H100 fits 128k")
        @CsvSource({"76, llama-3.1-70b, 2", "77, llama-3.1-405b, 8", "80, llama-3.1-8b, 1"})
        void fp8Fits128k(String row, String model, int tp) {
            var m = switch (model) {
                case "llama-3.1-70b" -> llama31_70b();
                case "llama-3.1-405b" -> llama31_405b();
                default -> llama31_8b();
            };
            MemoryEstimate e = MemoryModel.evaluate(input(m, fp8(), null, h100Sxm(), vllm(),
                    Workload.singleStream(131_000, 72), Parallelism.tensorParallel(tp), ServingSetup.defaults()));
            assertTrue(e.kvTokensPerReplica() >= 131_072, "" + e.kvTokensPerReplica());
            assertTrue(e.fits());
        }
    }

    @Nested
    class FractionOfFreeMemory {

        @Test
        void tensorRtLlmTakesNinetyPercentOfWhatIsFreeAfterWeights() {
            // activations: chunk 8192, 2048 sequences: 1,073,741,824 + 2048 × 128,256 × 4 = 2,124,414,976
            // graphs: 128 × 2 MiB = 268,435,456
            // free = 85,899,345,920 − 524,288,000 − 16,060,522,496 − 2,124,414,976 − 268,435,456 = 66,921,684,992
            MemoryEstimate e = llama8bOnH100(tensorRtLlm(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            assertEquals(KvSizingRule.FRACTION_OF_FREE_AFTER_WEIGHTS, e.serving().kvSizingRule());
            assertEquals(0.9 * 66_921_684_992.0, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
        }

        @Test
        void lmdeployTakesEightyPercentOfFree() {
            // H100: max_batch_size 1024; no CUDA graphs (TurboMind)
            // free = 85,899,345,920 − 524,288,000 − 16,060,522,496 − 1,599,078,400 = 67,715,457,024
            MemoryEstimate e = llama8bOnH100(lmdeploy(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            assertEquals(1024, e.serving().maxConcurrentSequences());
            assertEquals(0.8 * 67_715_457_024.0, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
        }

        @Test
        void lmdeployBefore0_2_2TookHalfOfTotal() {
            MemoryEstimate e = llama8bOnH100(lmdeploy(), ServingSetup.defaults().withFrameworkVersion("0.2.1"),
                    Workload.singleStream(2048, 256));
            assertEquals(KvSizingRule.FRACTION_OF_TOTAL, e.serving().kvSizingRule());
            assertEquals(0.5 * H100_BYTES - L8B_BF16 - CONTEXT - L8B_ACT_8192_1024,
                    e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
        }
    }

    @Nested
    class FractionOfFreeMemoryAtStartUp {

        @Test
        void maxTakesNinetyPercentOfFreeMemoryMinusWeights() {
            // 0.9 × (85,899,345,920 − 524,288,000) − 16,060,522,496
            MemoryEstimate e = llama8bOnH100(max(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            assertEquals(KvSizingRule.FRACTION_OF_FREE_AT_START, e.serving().kvSizingRule());
            assertEquals(60_777_029_632.0, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
            assertEquals(128, e.serving().kvBlockTokens());
        }
    }

    @Nested
    class TgiWiggleRoom {

        @Test
        void tgiLeavesTenPercentOfTotalFree() {
            // 0.90 × 1.0 × total − weights − context − warm-up activations (chunk 4096, 128 requests):
            // 65,536 × 2 B × 4096 = 536,870,912 + 128 × 128,256 × 4 = 65,667,072
            MemoryEstimate e = llama8bOnH100(tgi(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            double expected = 0.9 * H100_BYTES - L8B_BF16 - CONTEXT - 536_870_912.0 - 65_667_072.0;
            assertEquals(expected, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
            assertEquals(128, e.serving().maxConcurrentSequences());
        }
    }

    @Nested
    class UnknownVersions {

        @Test
        void anOllamaVersionOlderThanTheRowsReadIsAUserErrorNamingTheField() {
            var in = input(llama31_8b(), ggufQ4KM(), null, rtx4090(), ollama(), Workload.singleStream(10, 10),
                    Parallelism.single(), ServingSetup.defaults().withFrameworkVersion("0.1.30"));
            var ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> MemoryModel.evaluate(in));
            assertTrue(ex.getMessage().startsWith("serving.frameworkVersion"), ex.getMessage());
        }
    }

    @Nested
    class SglangAutomaticFraction {

        @Test
        void memFractionStaticOnAnH100() {
            // reserved = 512 + 8192 × 1.5 + 256 × 2 + 1/8 × 1024 = 13,440 MiB (above the 10 GiB floor)
            // round((81,920 − 13,440) / 81,920, 3) = round(0.83594, 3) = 0.836
            MemoryEstimate e = llama8bOnH100(sglang(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            assertEquals(0.836, e.serving().memoryFraction());
            // KV = 0.836 × 85,899,345,920 − 16,060,522,496 − 524,288,000 (activations live in the reserve)
            assertEquals(55_227_042_693.12, e.breakdownPerAccelerator().kvCacheBytes(), 1.0);
        }

        @Test
        void maxRunningRequestsFollowsThePool() {
            // pool 55,227,042,693 B / 131,072 B: 421,348 × 131,072 = 55,226,925,056 ≤ pool < 421,349 × 131,072
            // = 55,227,056,128; int(421,348 / 131,072 × 512) = 1645 → max(1645, 2048) = 2048 → min(2048, 4096)
            MemoryEstimate e = llama8bOnH100(sglang(), ServingSetup.defaults(), Workload.singleStream(2048, 256));
            assertEquals(421_348, e.kvTokensPerReplica());
            assertEquals(2048, e.serving().maxConcurrentSequences());
            assertEquals(1, e.serving().kvBlockTokens());
        }
    }

    @Nested
    class SlotFrameworks {

        @Test
        void llamaCppDefaultAllocatesTheTrainingContextForFourUnifiedSlots() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), null, rtx4090(), llamaCpp(),
                    Workload.fixedConcurrency(2048, 256, 8, 0), Parallelism.single(), ServingSetup.defaults()));
            assertEquals(4, e.serving().parallelSlots());
            assertEquals(131_072, e.serving().contextPerSlotTokens());
            assertEquals(16 * GIB, e.breakdownPerAccelerator().kvCacheBytes()); // 131072 × 128 KiB
            assertEquals(4, e.maxConcurrentRequests());
            assertTrue(e.fits());
        }

        @Test
        void llamaCppFitLowersAnUnsetContext() {
            // 24 GiB − (16,060,522,496 + 524,288,000 + 69,160,960 activations) = 9,115,832,320 B free,
            // − 1 GiB --fit-target = 8,042,090,496 B → 61,356 tokens of 131,072 B → 61,184 (multiple of 256)
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), fp16(), null, rtx4090(), llamaCpp(),
                    Workload.singleStream(2048, 256), Parallelism.single(), ServingSetup.defaults()));
            assertEquals(61_184, e.serving().contextPerSlotTokens());
            assertEquals(61_184 * 131_072.0, e.breakdownPerAccelerator().kvCacheBytes());
        }

        @Test
        void explicitSlotsWithoutContextSplitTheTrainingContext() {
            // -np 4 given, -c 0: n_ctx = 131072 tokens total (16 GiB of KV), 32768 per slot
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), null, rtx4090(), llamaCpp(),
                    Workload.singleStream(2048, 256), Parallelism.single(), ServingSetup.defaults().withSlots(4, null)));
            assertEquals(32_768, e.serving().contextPerSlotTokens());
            assertEquals(16 * GIB, e.breakdownPerAccelerator().kvCacheBytes());
            assertEquals(4, e.maxConcurrentRequests());
        }

        @Test
        void explicitSlotsAndContextMultiply() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), kvQ8_0(), rtx4090(), llamaCpp(),
                    Workload.singleStream(2048, 256), Parallelism.single(), ServingSetup.defaults().withSlots(8, 4096)));
            // 8 × 4096 tokens × 69,632 B (q8_0)
            assertEquals(8 * 4096 * 69_632.0, e.breakdownPerAccelerator().kvCacheBytes());
            assertEquals(8, e.maxConcurrentRequests());
        }

        @ParameterizedTest(name = "Ollama {0} on {1}: {2} × {3} tokens = {4} GiB")
        @CsvSource({
                "0.5.7,   rtx-4090, 4, 2048,   1.0",  // auto 4 parallel, num_ctx 2048
                "0.6.7,   rtx-4090, 2, 4096,   1.0",  // 2 × 4k ('the old 4x2k limit and the new 2x4k are equivalent')
                "0.12.0,  rtx-4090, 1, 4096,   0.5",  // 1 parallel from v0.10.0
                "0.32.15, rtx-4090, 1, 32768,  4.0",  // VRAM tier >= 23 GiB
                "0.32.15, h100-sxm, 1, 131072, 16.0", // tier >= 47 GiB: 262144, capped at the model's 131072
        })
        void ollamaDefaultsByVersion(String version, String acc, int slots, int ctx, double kvGiB) {
            AcceleratorSpec a = acc.equals("h100-sxm") ? h100Sxm() : rtx4090();
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), null, a, ollama(),
                    Workload.singleStream(1024, 256), Parallelism.single(),
                    ServingSetup.defaults().withFrameworkVersion(version)));
            assertEquals(slots, e.serving().parallelSlots());
            assertEquals(ctx, e.serving().contextPerSlotTokens());
            assertEquals(kvGiB, e.breakdownPerAccelerator().kvCacheBytes() / GIB, 1e-12);
        }

        @Test
        void ollamaFallsBackATierWhenTheAutomaticContextDoesNotFit() {
            // H100 tier 262144 → capped 131072: 40 GiB of KV; free after 39.6 GiB Q4_K_M weights, 0.49 GiB context and
            // 0.12 GiB activations is 39.8 GiB < 40 → next tier 32768 tokens = 10 GiB
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_70b(), ggufQ4KM(), null, h100Sxm(), ollama(),
                    Workload.singleStream(1024, 256), Parallelism.single(), ServingSetup.defaults()));
            assertEquals(32_768, e.serving().contextPerSlotTokens());
            assertEquals(10 * GIB, e.breakdownPerAccelerator().kvCacheBytes());
            assertTrue(e.fits());
        }

        @Test
        void ollamaQueuesBeyondItsParallelSlots() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), null, rtx4090(), ollama(),
                    Workload.fixedConcurrency(1024, 256, 8, 0), Parallelism.single(), ServingSetup.defaults()));
            assertEquals(1, e.maxConcurrentRequests());
            assertTrue(e.warnings().stream().anyMatch(w -> w.contains("queue")), e.warnings().toString());
        }

        @Test
        void aRequestLongerThanTheSlotContextDoesNotFit() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_8b(), ggufQ4KM(), null, rtx4090(), ollama(),
                    Workload.singleStream(8000, 256), Parallelism.single(),
                    ServingSetup.defaults().withFrameworkVersion("0.12.0")));
            assertFalse(e.fits());
            assertEquals(0, e.maxConcurrentRequests());
        }
    }

    @Nested
    class Sharding_ {

        @Test
        void tensorParallelSplitsWeightsAndReplicatesNorms() {
            // (141,107,412,992 − 2,637,824 norms) / 4 + 2,637,824
            WeightBreakdown w = WeightModel.weights(llama31_70b(), bf16());
            assertEquals(35_278_831_616.0, Sharding.weightsBytesPerAccelerator(w, llama31_70b(), new Parallelism(4, 1, 1)));
        }

        @Test
        void pipelineStagesCarryHalfTheLayersPlusEmbeddingOrHead() {
            // layers 13,958,643,712 B × 16/32 + embedding 1,050,673,152 + norms 532,480
            WeightBreakdown w = WeightModel.weights(llama31_8b(), bf16());
            assertEquals(8_030_527_488.0, Sharding.weightsBytesPerAccelerator(w, llama31_8b(), new Parallelism(1, 2, 1)));
        }

        @Test
        void replicasMultiplyConcurrencyNotMemory() {
            MemoryEstimate one = llama8bOnH100(vllm(), ServingSetup.defaults(), Workload.fixedConcurrency(2048, 256, 32, 0));
            MemoryEstimate four = MemoryModel.evaluate(input(llama31_8b(), bf16(), null, h100Sxm(), vllm(),
                    Workload.fixedConcurrency(2048, 256, 32, 0), new Parallelism(1, 1, 4), ServingSetup.defaults()));
            assertEquals(one.totalGiBPerAccelerator(), four.totalGiBPerAccelerator());
            assertEquals(4 * one.maxConcurrentRequests(), four.maxConcurrentRequests());
        }
    }

    @Nested
    class FewestAccelerators {

        @Test
        void llama31_70bBf16NeedsTwoH100s() {
            // one H100: 141.1e9 B of weights > 0.9 × 85.9e9; two: 70.55e9 B each fits under 77.3e9 with KV left
            var in = input(llama31_70b(), bf16(), null, h100Sxm(), vllm(), chat2048x256(), null, ServingSetup.defaults());
            assertEquals(new Parallelism(2, 1, 1), MemoryModel.fewestAccelerators(in).orElseThrow());
            MemoryEstimate e = MemoryModel.evaluate(in);
            assertEquals(2, e.parallelism().acceleratorCount());
            assertTrue(e.fits());
            assertTrue(e.warnings().get(0).contains("fewest accelerators that fit: 2"), e.warnings().get(0));
        }

        @Test
        void beyondEightGpusPipelineStagesAreAdded() {
            // 405 B in BF16 = 811.7e9 B: / 8 = 101e9 B > 80 GiB, / 16 fits
            var in = input(llama31_405b(), bf16(), null, h100Sxm(), vllm(), chat2048x256(), null, ServingSetup.defaults());
            assertEquals(new Parallelism(8, 2, 1), MemoryModel.fewestAccelerators(in).orElseThrow());
        }

        @Test
        void deepseekV3Fp8NeedsTwoNodesOfH100ButFourB200s() {
            // ~672.9e9 B of FP8 weights (bf16 embeddings): / 8 = 84e9 B > 0.9 × 80 GiB = 77.3e9 B → TP 8 × PP 2.
            // B200: / 4 = 168.2e9 B; 0.9 × 180 GiB = 173.9e9 B leaves ~5.7e9 B, minus ~0.5e9 context and ~1.5e9
            // activations ≈ 3.7e9 B of KV ≥ one 2304-token request (2304 × 70,272 B = 0.16e9) → 4 B200s
            var h = input(deepseekV3(), fp8(), null, h100Sxm(), vllm(), chat2048x256(), null, ServingSetup.defaults());
            assertEquals(new Parallelism(8, 2, 1), MemoryModel.fewestAccelerators(h).orElseThrow());
            var b = input(deepseekV3(), fp8(), null, b200(), vllm(), chat2048x256(), null, ServingSetup.defaults());
            assertEquals(4, MemoryModel.fewestAccelerators(b).orElseThrow().acceleratorCount());
            // MLA: every rank keeps the whole latent, 70,272 B per token in FP16
            MemoryEstimate e = MemoryModel.evaluate(b);
            assertEquals(70_272, e.kvCacheBytesPerToken());
        }

        @Test
        void smallModelFitsOne() {
            var in = input(llama31_8b(), bf16(), null, h100Sxm(), vllm(), chat2048x256(), null, ServingSetup.defaults());
            assertEquals(Parallelism.single(), MemoryModel.fewestAccelerators(in).orElseThrow());
        }

        @Test
        void anExplicitCountThatIsTooSmallSaysFitsFalse() {
            MemoryEstimate e = MemoryModel.evaluate(input(llama31_70b(), bf16(), null, h100Sxm(), vllm(),
                    chat2048x256(), Parallelism.single(), ServingSetup.defaults()));
            assertFalse(e.fits());
            assertEquals(0, e.maxConcurrentRequests());
            assertEquals(70_553_706_496.0 * 2 / GIB, e.weightsGiB(), 1e-9); // one BF16 copy
        }

        @Test
        void tensorParallelMustDivideTheHeads() {
            assertFalse(MemoryModel.validTensorParallel(llama31_8b(), 3));
            assertTrue(MemoryModel.validTensorParallel(llama31_70b(), 16)); // 8 KV heads replicated
        }
    }
}
