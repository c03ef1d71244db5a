package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.ServingSetup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.speed.Fixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speed model through its entry point: mechanisms, percentiles, monotonicity and the two paths' agreement. */
class SpeedModelTest {
    static final ServingSetup DEFAULTS = ServingSetup.defaults();
    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();

    static Efficiency shipped(SpeedInput in) {
        return SHIPPED.resolve(in.framework().id(), in.accelerator().architecture(), FormatClass.of(in.weightFormat()));
    }

    @Nested
    class Mechanisms {
        /**
         * "vLLM ~2.3× Ollama at 8 concurrent on the same GPU, more at 16" from mechanisms: vLLM batches all requests;
         * Ollama with its current default OLLAMA_NUM_PARALLEL = 1 runs one and queues the rest. Each in its usual
         * format (vLLM BF16, Ollama's default GGUF Q4_K_M, whose steps read ~3× fewer bytes).
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

        /** Ollama 0.6.5 runs 4 in parallel: the other 4 of 8 clients wait a whole request, so TTFT at least doubles. */
        @Test
        void ollamaQueuesBeyondItsSlots() {
            ServingSetup old = DEFAULTS.withFrameworkVersion("0.6.5");
            PerformanceEstimate eight = SpeedModel.predict(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1,
                    "ollama", SpeedWorkload.fixedConcurrency(512, 256, 8), old), SHIPPED);
            PerformanceEstimate four = SpeedModel.predict(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1,
                    "ollama", SpeedWorkload.fixedConcurrency(512, 256, 4), old), SHIPPED);
            assertTrue(eight.batchSize() <= 4.0 + 1e-9, "batch " + eight.batchSize());
            assertTrue(eight.ttftMs().mean() > four.ttftMs().mean() * 2, eight.ttftMs() + " vs " + four.ttftMs());
        }

        @Test
        void sharedPrefixCutsTtftWhereThePrefixIsCached() {
            SpeedWorkload w = SpeedWorkload.fixedConcurrency(4096, 128, 4);
            PerformanceEstimate cold = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1,
                    "sglang", w, DEFAULTS), SHIPPED);
            PerformanceEstimate warm = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1,
                    "sglang", w.withSharedPrefix(3072), DEFAULTS), SHIPPED);
            assertTrue(warm.ttftMs().mean() < cold.ttftMs().mean() * 0.6, warm.ttftMs() + " vs " + cold.ttftMs());
        }

        @Test
        void pcieAllReduceIsSlowerThanNvlink() {
            SpeedInput nvlink = plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                    SpeedWorkload.fixedConcurrency(512, 256, 64), DEFAULTS);
            SpeedInput pcie = nvlink.withServing(nvlink.serving().withLink(AcceleratorSpec.Interconnect.PCIE));
            double a = SpeedModel.predict(nvlink, SHIPPED).tpotMs().mean();
            double b = SpeedModel.predict(pcie, SHIPPED).tpotMs().mean();
            assertTrue(b > a * 1.05, "PCIe " + b + " ms vs NVLink " + a + " ms");
        }

        @Test
        void theBatchIsHeldToWhatTheKvCacheHolds() {
            PerformanceEstimate p = SpeedModel.predict(plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 2, "vllm",
                    SpeedWorkload.maxThroughput(8192, 1024), DEFAULTS), SHIPPED);
            assertTrue(p.kvBatchCap() < p.schedulerBatchCap(), p.kvBatchCap() + " vs " + p.schedulerBatchCap());
        }
    }

    @Nested
    class UnderLoad {
        SpeedInput at(double rps) {
            return plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.arrivalRate(512, 256, rps), DEFAULTS);
        }

        double capacityRequestsPerSecond() {
            SpeedInput in = at(1);
            return SpeedModel.evaluate(in, shipped(in)).saturatedOutputTokensPerSecond() / 256;
        }

        @Test
        void belowCapacityTheSimulatorGivesOrderedPercentiles() {
            PerformanceEstimate p = SpeedModel.predict(at(0.5 * capacityRequestsPerSecond()), SHIPPED);
            assertFalse(p.queueing().exceedsCapacity());
            assertTrue(p.queueing().model().contains("simulation"), p.queueing().model());
            assertEquals("simulation", p.simulation().method());
            for (Percentiles q : new Percentiles[] {p.ttftMs(), p.tpotMs(), p.e2eLatencyMs()}) {
                assertTrue(q.p50() <= q.p90() && q.p90() <= q.p95() && q.p95() <= q.p99(), q.toString());
            }
            assertEquals(0.5 * capacityRequestsPerSecond() * 256, p.outputTokensPerSecond(), 1e-6,
                    "under capacity every arrival is served");
            assertTrue(p.ttftLowMs() <= p.ttftMs().mean() && p.ttftMs().mean() <= p.ttftHighMs());
        }

        @Test
        void fixedConcurrencyAnswersCarryPercentilesToo() {
            PerformanceEstimate p = SpeedModel.predict(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.fixedConcurrency(1024, 256, 32).withShape(300, 100,
                            io.inferplan.engine.speed.sim.LengthDistribution.Shape.UNIFORM, 1), DEFAULTS), SHIPPED);
            assertTrue(p.ttftMs().p99() > p.ttftMs().p50(), p.ttftMs().toString());
            assertTrue(p.tpotMs().p95() >= p.tpotMs().p50(), p.tpotMs().toString());
        }

        @Test
        void beyondCapacityItSaysSoInsteadOfATtft() {
            PerformanceEstimate p = SpeedModel.predict(at(3 * capacityRequestsPerSecond()), SHIPPED);
            assertTrue(p.queueing().exceedsCapacity());
            assertTrue(Double.isNaN(p.ttftMs().mean()) && Double.isNaN(p.ttftMs().p95()));
            assertTrue(p.warnings().stream().anyMatch(w -> w.contains("exceeds capacity")));
        }

        /**
         * The property the fleet sizer relies on: from 10 % to 300 % of capacity, p95 TTFT never falls while the
         * replica keeps up, and beyond capacity the answer is "exceeds capacity", never an invented finite latency.
         */
        @Test
        void latencyIsMonotoneInLoadThroughSaturation() {
            double capacity = capacityRequestsPerSecond();
            double previous = 0;
            boolean exceeded = false;
            for (double share = 0.1; share <= 3.0001; share += 0.1) {
                PerformanceEstimate p = SpeedModel.predict(at(share * capacity), SHIPPED);
                boolean over = p.queueing().exceedsCapacity();
                if (share > 1.0001) {
                    assertTrue(over, "at " + share + " of capacity it must exceed capacity");
                }
                if (exceeded) {
                    assertTrue(over, "once over capacity it stays over (" + share + ")");
                }
                exceeded = over;
                if (!over) {
                    double p95 = p.ttftMs().p95();
                    assertTrue(p95 >= previous * 0.999, "p95 TTFT " + p95 + " < " + previous + " at " + share);
                    previous = p95;
                }
            }
        }
    }

    /** Where the analytic path and the simulator must agree (issue: "the two agree where they must"). */
    @Nested
    class TwoPathsAgree {
        @Test
        void oneRequestAloneWithinTwoPercent() {
            SpeedInput alone = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.fixedConcurrency(2048, 256, 1), DEFAULTS);
            RawPrediction sim = SpeedModel.evaluate(alone, shipped(alone));
            SpeedInput single = alone.withWorkload(SpeedWorkload.singleStream(2048, 256)).withMemory(alone.memory());
            RawPrediction analytic = SpeedModel.analytic(single, shipped(single), false);
            assertEquals("simulation", sim.simulation().method());
            assertEquals(analytic.ttft().mean(), sim.ttft().mean(), 0.02 * analytic.ttft().mean());
            assertEquals(analytic.tpot().mean(), sim.tpot().mean(), 0.02 * analytic.tpot().mean());
        }

        @Test
        void lightLoadWithinTenPercent() {
            SpeedInput in = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.arrivalRate(1024, 256, 0.2), DEFAULTS);
            RawPrediction sim = SpeedModel.evaluate(in, shipped(in));
            RawPrediction analytic = SpeedModel.analytic(in, shipped(in), false);
            assertEquals(analytic.tpot().mean(), sim.tpot().mean(), 0.10 * analytic.tpot().mean());
            assertEquals(analytic.ttft().mean(), sim.ttft().mean(), 0.10 * analytic.ttft().mean());
        }

        /** An offline run of many requests approaches the saturated steady state (ramp and tail aside). */
        @Test
        void saturatedThroughputWithinTenPercent() {
            SpeedInput in = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "tensorrt-llm",
                    SpeedWorkload.maxThroughput(512, 512), new ServingSetup(null, null, null, null, null, null, null,
                            null, 20_000));
            RawPrediction sim = SpeedModel.evaluate(in, shipped(in));
            double saturated = sim.saturatedOutputTokensPerSecond();
            assertEquals(saturated, sim.outputTokensPerSecond(), 0.10 * saturated);
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
                    "tensorrt-llm", SpeedWorkload.maxThroughput(128, 128), DEFAULTS), SHIPPED);
            assertNull(p.unsupportedReason());
            assertTrue(p.outputTokensPerSecondLow() < p.outputTokensPerSecond());
            assertTrue(p.outputTokensPerSecondHigh() > p.outputTokensPerSecond());
            assertTrue(p.provenance().contains("calibrated on tensorrt-llm × nvidia_hopper"), p.provenance());
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
}
