package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.ServingSetup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.speed.Fixture.plan;
import static io.inferplan.engine.speed.Fixture.pureRoofline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeedModelTest {
    static final ServingSetup DEFAULTS = ServingSetup.defaults();
    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();

    @Nested
    class Decode {
        @Test
        void singleStreamIsMemoryBoundOnWeightsPlusKv() {
            // Llama-3.1-8B BF16 on one H100 SXM, 90 % of 3.35 TB/s, no overheads: a step reads the weights
            // (8.03e9 × 2 B, memory model's tensor sum) plus 128 KiB × mean context (1 + 128/2 tokens) of KV.
            SpeedInput in = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.singleStream(1, 128), DEFAULTS);
            RawPrediction r = SpeedModel.evaluate(in, pureRoofline(0.9, 0.7));
            double weightBytes = in.memory().effectiveBitsPerWeight() / 8 * in.model().totalParameters();
            double kvBytes = 131072.0 * 65;
            double expected = (weightBytes + kvBytes) / (3350e9 * 0.9);
            assertEquals(expected, r.tpotSeconds(), expected * 1e-9);
            assertEquals(16.06e9, weightBytes, 0.2e9, "weights ≈ 8.03e9 params × 2 B");
        }

        @Test
        void largeBatchTurnsComputeBound() {
            SpeedInput small = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.fixedConcurrency(1, 128, 8), DEFAULTS);
            SpeedInput large = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.fixedConcurrency(1, 128, 1024), DEFAULTS);
            Efficiency e = pureRoofline(0.9, 0.7);
            RawPrediction s = SpeedModel.evaluate(small, e);
            RawPrediction l = SpeedModel.evaluate(large, e);
            // memory-bound: 8 streams cost barely more than one step of weights
            assertTrue(s.tpotSeconds() < 1.1 * SpeedModel.evaluate(small.withWorkload(SpeedWorkload.singleStream(1, 128))
                    .withMemory(small.memory()), e).tpotSeconds());
            // compute-bound: at batch B a step is at least B × 2 × 8.03e9 FLOPs over 70 % of 989 TFLOPS
            double computeFloor = l.batchSize() * 2 * 8.03e9 / (989e12 * 0.7);
            assertTrue(l.tpotSeconds() >= computeFloor * 0.999, "step " + l.tpotSeconds() + " vs " + computeFloor);
            assertTrue(l.outputTokensPerSecond() > 10 * s.outputTokensPerSecond());
        }

        @Test
        void moeReadsOnlyActiveExpertsAtBatchOne() {
            SpeedInput moe = plan("qwen3-30b-a3b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.singleStream(1, 128), DEFAULTS);
            SpeedInput dense = plan("qwen3-32b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.singleStream(1, 128), DEFAULTS);
            Efficiency e = pureRoofline(0.9, 0.7);
            double ratio = SpeedModel.evaluate(dense, e).tpotSeconds() / SpeedModel.evaluate(moe, e).tpotSeconds();
            // ~3.3e9 active of 30.5e9 resident: about 32/3.3 ≈ 10× fewer bytes per step than a dense 32B
            assertTrue(ratio > 6 && ratio < 12, "dense/MoE step ratio " + ratio);
        }
    }

    @Nested
    class TensorParallel {
        @Test
        void pcieAllReduceIsSlowerThanNvlink() {
            SpeedInput nvlink = plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                    SpeedWorkload.fixedConcurrency(512, 256, 64), DEFAULTS);
            SpeedInput pcie = nvlink.withServing(nvlink.serving().withLink(AcceleratorSpec.Interconnect.PCIE));
            PerformanceEstimate a = SpeedModel.predict(nvlink, SHIPPED);
            PerformanceEstimate b = SpeedModel.predict(pcie, SHIPPED);
            assertTrue(b.tpotMs() > a.tpotMs() * 1.05, "PCIe " + b.tpotMs() + " ms vs NVLink " + a.tpotMs() + " ms");
        }

        @Test
        void allReduceGrowsWithLog2OfTheDegree() {
            Efficiency e = new Efficiency(0.9, 0.7, 0.7, 0, 0, 10e-6, 10e-6, 1.0, 100, 1.0, 0, 1.0, 1.0);
            var m = Fixture.model("llama-3.1-70b");
            var acc = Fixture.acc("h100-sxm");
            StepTimes tp2 = new StepTimes(m, 16, 327680, acc, 989e12, AcceleratorSpec.Interconnect.NVLINK, 2, 1, e);
            StepTimes tp8 = new StepTimes(m, 16, 327680, acc, 989e12, AcceleratorSpec.Interconnect.NVLINK, 8, 1, e);
            // latency part with 1 token ≈ 2 × 80 layers × 10 µs × log2(TP)
            assertEquals(2 * 80 * 10e-6 * 1, tp2.allReduceSeconds(1), 2e-5);
            assertEquals(2 * 80 * 10e-6 * 3, tp8.allReduceSeconds(1), 2e-5);
        }

        /**
         * Continuous batching, 256 requests of 128 in / 4 out behind each other: uncapped, a request's 4 tokens
         * would share the time of all 255 other prefills, TPOT = step + φ × 255 × prefill(128) ÷ 4 ≈ step + 32 φ
         * prefills. With a 2048-token chunk a step carries at most 2048 prefill tokens (16 prompts of 128), so
         * TPOT = step + φ × prefill(2048 tokens). Long outputs (2000) spread the prefills thinner than one chunk
         * per step and keep the uncapped value; without chunking (chunk 0) nothing caps it.
         */
        @Test
        void chunkedPrefillCapsTheGapBetweenTwoTokens() {
            var m = Fixture.model("llama-3.1-8b");
            StepTimes st = new StepTimes(m, 16, 131072, Fixture.acc("h100-sxm"), 989e12,
                    AcceleratorSpec.Interconnect.NVLINK, 1, 1, Fixture.pureRoofline(0.8, 0.5));
            double step = st.decodeStepSeconds(256, 130);
            double prefill128 = st.prefillComputeSeconds(128, 0);
            double phi = 0.5;
            double uncapped = step + phi * 255 * prefill128 / 4;
            double capped = step + phi * st.prefillComputeSeconds(2048, 0);
            assertTrue(capped < uncapped / 2, capped + " vs " + uncapped);
            assertEquals(capped, SpeedModel.continuousTpot(st, step, 256, 4, 128, prefill128, phi, 2048), 1e-12);
            assertEquals(uncapped, SpeedModel.continuousTpot(st, step, 256, 4, 128, prefill128, phi, 0), 1e-12);
            double longOut = (2000 * step + phi * 255 * prefill128) / 2000;
            assertEquals(longOut, SpeedModel.continuousTpot(st, step, 256, 2000, 128, prefill128, phi, 2048), 1e-12);
        }
    }

    @Nested
    class Batching {
        /**
         * "vLLM ~2.3× Ollama at 8 concurrent on the same GPU, more at 16" from mechanisms: vLLM batches all
         * requests (continuous batching, paged KV); Ollama with its current default OLLAMA_NUM_PARALLEL = 1 runs
         * one and queues the rest. Same model and GPU, each in its usual format (vLLM BF16, Ollama's default
         * GGUF Q4_K_M, whose steps read ~3× fewer bytes): the batching advantage (8×, 16×) net of that.
         */
        @Test
        void vllmLeadsOllamaByAboutTwoAtEightAndMoreAtSixteen() {
            double r8 = ratio(8, DEFAULTS);
            double r16 = ratio(16, DEFAULTS);
            System.out.printf("vLLM/Ollama output tokens/s: %.2f at 8 concurrent, %.2f at 16%n", r8, r16);
            assertTrue(r8 > 1.6 && r8 < 3.2, "vLLM/Ollama at 8 = " + r8);
            assertTrue(r16 > r8 * 1.4, "vLLM/Ollama at 16 = " + r16 + " vs " + r8 + " at 8");
        }

        @Test
        void olderOllamaWithFourSlotsClosesMostOfTheGap() {
            assertTrue(ratio(8, DEFAULTS.withFrameworkVersion("0.6.5")) < ratio(8, DEFAULTS));
        }

        double ratio(int concurrency, ServingSetup ollamaSetup) {
            SpeedWorkload w = SpeedWorkload.fixedConcurrency(512, 256, concurrency);
            PerformanceEstimate v = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "rtx-4090", 1, "vllm", w,
                    DEFAULTS), SHIPPED);
            PerformanceEstimate o = SpeedModel.predict(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1,
                    "ollama", w, ollamaSetup), SHIPPED);
            return v.outputTokensPerSecond() / o.outputTokensPerSecond();
        }

        @Test
        void ollamaQueuesBeyondItsSlots() {
            SpeedWorkload w = SpeedWorkload.fixedConcurrency(512, 256, 8);
            PerformanceEstimate o = SpeedModel.predict(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1,
                    "ollama", w, DEFAULTS.withFrameworkVersion("0.6.5")), SHIPPED);
            assertEquals(4, o.batchSize(), 1e-9);
            PerformanceEstimate one = SpeedModel.predict(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1,
                    "ollama", SpeedWorkload.fixedConcurrency(512, 256, 4), DEFAULTS.withFrameworkVersion("0.6.5")),
                    SHIPPED);
            assertTrue(o.ttftMs() > one.ttftMs() * 2, "the other four wait a whole turn");
        }

        @Test
        void sharedPrefixCutsTtftWhereThePrefixIsCached() {
            SpeedWorkload w = SpeedWorkload.fixedConcurrency(4096, 128, 4);
            PerformanceEstimate cold = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1,
                    "sglang", w, DEFAULTS), SHIPPED);
            PerformanceEstimate warm = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1,
                    "sglang", w.withSharedPrefix(3072), DEFAULTS), SHIPPED);
            assertTrue(warm.ttftMs() < cold.ttftMs() * 0.5, warm.ttftMs() + " vs " + cold.ttftMs());
        }

        /**
         * A benchmark of N requests at concurrency C starts its C clients together: those k = C requests prefill
         * back to back, the rest arrive one at a time as earlier ones finish. The mean TTFT is the mix
         * (k × firstWave + (N − k) × steady) ÷ N, so its excess over the steady state falls as k ÷ N: ten times
         * the requests, a tenth of the excess; and with k = N everyone waits on average (k − 1) ÷ 2 prefills.
         */
        @Test
        void aBenchmarkStartingAllClientsTogetherAddsItsFirstWaveToTheMeanTtft() {
            SpeedWorkload w = SpeedWorkload.fixedConcurrency(2048, 128, 64);
            double steady = ttft(w, null);
            double allFirstWave = ttft(w, 64);
            double tenWaves = ttft(w, 640);
            assertTrue(allFirstWave > steady * 5, allFirstWave + " vs steady " + steady);
            assertEquals((allFirstWave - steady) / 10, tenWaves - steady, 1e-9 * allFirstWave);
            assertEquals((allFirstWave - steady) / 100_000, ttft(w, 6_400_000) - steady, 1e-9 * allFirstWave);
        }

        double ttft(SpeedWorkload w, Integer requestCount) {
            ServingSetup setup = new ServingSetup(null, null, null, null, null, null, null, null, requestCount);
            return SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm", w, setup), SHIPPED)
                    .ttftMs();
        }

        /**
         * vLLM allocates KV blocks as tokens arrive, so a running request holds on average I + O/2 tokens; TensorRT-LLM's
         * default scheduler (GUARANTEED_NO_EVICT) reserves I + O up front. 1024 in / 3072 out: vLLM's KV-bound batch is
         * (1024 + 3072) ÷ (1024 + 1536) = 1.6 × the memory answer's full-length count.
         */
        @Test
        void onDemandKvRunsMoreRequestsThanFullLengthReservation() {
            SpeedWorkload w = SpeedWorkload.maxThroughput(1024, 3072);
            SpeedInput vllm = plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 2, "vllm", w, DEFAULTS);
            PerformanceEstimate v = SpeedModel.predict(vllm, SHIPPED);
            assertEquals(Math.floor(vllm.memory().kvFitRequestsPerReplica() * 1.6), v.kvBatchCap(), 1.0);
            SpeedInput trt = plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 2, "tensorrt-llm", w, DEFAULTS);
            assertEquals(trt.memory().maxConcurrentPerReplica(), SpeedModel.predict(trt, SHIPPED).kvBatchCap());
        }

        @Test
        void batchIsCappedByFreeKvMemory() {
            PerformanceEstimate p = SpeedModel.predict(plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 2, "vllm",
                    SpeedWorkload.maxThroughput(8192, 1024), DEFAULTS), SHIPPED);
            assertTrue(p.kvBatchCap() < p.schedulerBatchCap(), p.kvBatchCap() + " vs " + p.schedulerBatchCap()
                    + " " + p.unsupportedReason() + " " + p.warnings());
            assertEquals(p.kvBatchCap(), p.batchSize(), 1e-9);
        }
    }

    @Nested
    class ArrivalRate {
        SpeedInput at(double rps) {
            return plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.arrivalRate(512, 256, rps), DEFAULTS);
        }

        @Test
        void belowCapacityGivesNamedQueueingAndOrderedPercentiles() {
            PerformanceEstimate p = SpeedModel.predict(at(2), SHIPPED);
            assertNotNull(p.queueing());
            assertFalse(p.queueing().exceedsCapacity());
            assertTrue(p.queueing().model().contains("M/D/c"));
            assertTrue(p.queueing().utilisationFraction() > 0 && p.queueing().utilisationFraction() < 1);
            assertTrue(p.queueing().p95LatencyMs() >= p.queueing().p50LatencyMs());
            assertEquals(2 * 256, p.outputTokensPerSecond(), 1e-6, "under capacity every arrival is served");
            assertTrue(p.ttftLowMs() <= p.ttftMs() && p.ttftMs() <= p.ttftHighMs());
        }

        @Test
        void beyondCapacityItSaysSoInsteadOfATtft() {
            PerformanceEstimate p = SpeedModel.predict(at(10_000), SHIPPED);
            assertTrue(p.queueing().exceedsCapacity());
            assertTrue(Double.isNaN(p.ttftMs()));
            assertTrue(p.warnings().stream().anyMatch(w -> w.contains("exceeds capacity")));
            assertEquals(p.maxThroughputOutputTokensPerSecond(), p.outputTokensPerSecond(), 1e-6);
        }

        @Test
        void latencyGrowsWithLoad() {
            assertTrue(SpeedModel.predict(at(20), SHIPPED).tpotMs() > SpeedModel.predict(at(1), SHIPPED).tpotMs());
        }
    }

    @Nested
    class Honesty {
        @Test
        void tensorRtLlmDoesNotRunOnApple() {
            SpeedInput in = SpeedInput.of(Fixture.model("llama-3.1-8b"), Fixture.weights("fp16"), Fixture.kv("fp16"),
                    Fixture.acc("apple-m2-ultra"), 1, Fixture.fw("tensorrt-llm"), SpeedWorkload.singleStream(128, 128));
            PerformanceEstimate p = SpeedModel.predict(in, SHIPPED);
            assertNotNull(p.unsupportedReason());
            assertTrue(Double.isNaN(p.outputTokensPerSecond()));
        }

        @Test
        void nvfp4NeedsBlackwell() {
            SpeedInput in = SpeedInput.of(Fixture.model("llama-3.1-8b"), Fixture.weights("nvfp4"), Fixture.kv("fp8"),
                    Fixture.acc("h100-sxm"), 1, Fixture.fw("tensorrt-llm"), SpeedWorkload.singleStream(128, 128));
            assertNotNull(SpeedModel.unsupportedReason(in));
        }

        @Test
        void everyAnswerCarriesBandsAndProvenance() {
            PerformanceEstimate p = SpeedModel.predict(plan("llama-3.1-8b", "fp8", "fp8", "h100-sxm", 1,
                    "tensorrt-llm", SpeedWorkload.maxThroughput(128, 128), DEFAULTS.withSlots(null, null)), SHIPPED);
            assertNull(p.unsupportedReason());
            assertTrue(p.outputTokensPerSecondLow() < p.outputTokensPerSecond());
            assertTrue(p.outputTokensPerSecondHigh() > p.outputTokensPerSecond());
            assertTrue(p.provenance().contains("calibrated on tensorrt-llm × nvidia_hopper"), p.provenance());
        }

        @Test
        void anUncalibratedPairGetsAWiderRangeAndSaysWhereItsValuesCameFrom() {
            PerformanceEstimate cal = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.fixedConcurrency(512, 128, 16), DEFAULTS), SHIPPED);
            PerformanceEstimate unc = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "l4", 1, "tgi",
                    SpeedWorkload.fixedConcurrency(512, 128, 16), DEFAULTS), SHIPPED);
            double wCal = cal.outputTokensPerSecondHigh() / cal.outputTokensPerSecondLow();
            double wUnc = unc.outputTokensPerSecondHigh() / unc.outputTokensPerSecondLow();
            assertTrue(wUnc >= wCal, wUnc + " vs " + wCal);
            assertTrue(unc.provenance().contains("not calibrated"), unc.provenance());
        }
    }

    @Test
    void productionPathRunsTheMemoryModelFirst() {
        var mi = new io.inferplan.engine.memory.MemoryInput(Fixture.model("llama-3.1-70b"), Fixture.weights("fp8"),
                Fixture.kv("fp8"), Fixture.acc("h100-sxm"), Fixture.fw("vllm"),
                io.inferplan.engine.spec.Workload.fixedConcurrency(2048, 256, 32, 0), null, null);
        PerformanceEstimate p = SpeedModel.predict(mi, SHIPPED);
        assertNull(p.unsupportedReason(), String.valueOf(p.warnings()));
        assertTrue(p.acceleratorCount() >= 1 && p.outputTokensPerSecond() > 0);
    }

    @Test
    void predictStaysInteractive() {
        SpeedInput in = plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                SpeedWorkload.arrivalRate(1024, 256, 5), DEFAULTS);
        int n = 20_000;
        double sink = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += SpeedModel.predict(in, SHIPPED).tpotMs();
        }
        double perSecond = n / ((System.nanoTime() - t0) / 1e9);
        assertTrue(sink > 0);
        assertTrue(perSecond > 5_000, "predict() calls per second: " + perSecond);
    }
}
