package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.physics.StepTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.speed.Fixture.acc;
import static io.inferplan.engine.speed.Fixture.fw;
import static io.inferplan.engine.speed.Fixture.kv;
import static io.inferplan.engine.speed.Fixture.model;
import static io.inferplan.engine.speed.Fixture.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prefill and decode pools: the KV transfer, the decode pool's steps, the answer and the pool sizing. */
class DisaggregationTest {
    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();
    static final KvLinks.KvLink IB = KvLinks.shipped().get("infiniband-ndr-400").orElseThrow();

    /** Llama-3.1-70B FP8 with FP8 KV on H100s: {@code instances} replicas of {@code tp} each. */
    static SpeedInput pool(int tp, int instances, SpeedWorkload w) {
        MemoryInput mi = new MemoryInput(model("llama-3.1-70b"), weights("fp8"), kv("fp8"), acc("h100-sxm"), fw("vllm"),
                w.toSpec(), new Parallelism(tp, 1, instances), ServingSetup.defaults());
        return SpeedInput.from(mi, MemoryModel.evaluate(mi));
    }

    @Nested
    class Transfer {
        /**
         * Llama-3.1-70B, FP8 KV: 2 × 80 layers × 8 heads × 128 × 1 B = 163,840 B per token; a 2,048-token prompt is
         * 335,544,320 B, over two 50 GB/s NDR links (TP 2 sending to TP 4) 3.355 ms; Ethernet is one NIC per node.
         */
        @Test
        void aPromptsKvOverTheLink() {
            assertEquals(335_544_320 / 100e9, IB.transferSeconds(335_544_320, IB.parallelLinks(2, 4)), 1e-15);
            KvLinks.KvLink eth = KvLinks.shipped().get("ethernet-100").orElseThrow();
            assertEquals(1, eth.parallelLinks(8, 8));
            assertEquals(335_544_320 / 12.5e9, eth.transferSeconds(335_544_320, 1), 1e-15);
            PoolRunner p = new PoolRunner(pool(2, 1, SpeedWorkload.arrivalRate(2048, 1, 1)),
                    pool(4, 1, SpeedWorkload.arrivalRate(2048, 256, 1)), IB, SHIPPED);
            assertEquals(335_544_320, p.kvBytesPerRequest(), 1e-6);
            assertEquals(335_544_320 / 100e9, p.transferSeconds(), 1e-15);
        }

        @Test
        void everyLinkHasASourcedBandwidth() {
            for (KvLinks.KvLink l : KvLinks.shipped().all()) {
                assertTrue(l.bytesPerSecond() > 1e9 && l.sourceUrl().startsWith("https://"), l.toString());
            }
        }
    }

    @Nested
    class DecodePool {
        /** Admitting a request whose KV arrived over the network computes nothing: only the decodes cost time. */
        @Test
        void promptsCostNothingOnTheDecodeSide() {
            SpeedInput in = pool(4, 1, SpeedWorkload.arrivalRate(2048, 256, 1));
            StepTime base = io.inferplan.engine.speed.TechniquePath.replica(in, SpeedModel.efficiency(in, SHIPPED))
                    .physics();
            DecodePoolStep s = new DecodePoolStep(base);
            assertEquals(base.stepSeconds(32, 60_000, 0, 0), s.stepSeconds(32, 60_000, 8192, 3e7), 1e-15);
            assertEquals(0, s.stepSeconds(0, 0, 8192, 3e7), 0);
        }
    }

    @Nested
    class Answer {
        /**
         * At a light rate, TTFT = the prefill pool's TTFT + the transfer + the decode pool's wait for its first step
         * (upper bound: percentiles add); decodes never share a step with a prompt, so TPOT beats a colocated replica
         * of the same four decode GPUs taking the prompts too.
         */
        @Test
        void ttftAddsThePartsAndTpotLosesThePrefillInterference() {
            SpeedWorkload w = SpeedWorkload.arrivalRate(2048, 256, 2);
            DisaggregatedModel.Answer a = DisaggregatedModel.evaluate(pool(2, 1, w), pool(4, 1, w), IB, SHIPPED, w);
            assertTrue(!a.exceedsCapacity());
            assertEquals(6, a.acceleratorCount());
            double parts = a.prefill().ttft().mean() + a.transferSeconds() + a.decode().ttft().mean();
            assertEquals(parts, a.ttft().mean(), 1e-12);
            PerformanceEstimate colocated = SpeedModel.predict(pool(4, 1, w), SHIPPED);
            assertTrue(a.tpot().mean() * 1000 < colocated.tpotMs().mean(), a.tpot() + " vs " + colocated.tpotMs());
        }

        /** Beyond the prefill pool's capacity the answer says so instead of inventing a latency. */
        @Test
        void beyondThePrefillPoolsCapacityItExceeds() {
            SpeedWorkload w = SpeedWorkload.arrivalRate(2048, 256, 1);
            PoolRunner p = new PoolRunner(pool(2, 1, w), pool(4, 1, w), IB, SHIPPED);
            DisaggregatedModel.Answer a = DisaggregatedModel.evaluate(pool(2, 1, w), pool(4, 1, w), IB, SHIPPED,
                    SpeedWorkload.arrivalRate(2048, 256, 1.5 * p.prefillCapacity()));
            assertTrue(a.exceedsCapacity());
            assertTrue(Double.isNaN(a.ttft().mean()));
            assertEquals("prefill", a.bindingPool());
        }
    }

    @Nested
    class Sizing {
        /** x = ceil(peak ÷ prefill rate), y = ceil(peak ÷ decode rate); the pool sizes grow with the traffic. */
        @Test
        void poolsAreThePeakOverEachInstancesRate() {
            SpeedWorkload w = SpeedWorkload.arrivalRate(2048, 256, 1);
            PoolSizer.Sizing s = PoolSizer.size(pool(2, 1, w), pool(4, 1, w), IB, SHIPPED,
                    new PoolSizer.Slo(1.0, 0.05, null), 10);
            assertEquals((int) Math.ceil(10 / s.prefillRequestsPerSecondPerInstance() - 1e-9), s.prefillInstances());
            assertEquals((int) Math.ceil(10 / s.decodeRequestsPerSecondPerInstance() - 1e-9), s.decodeInstances());
            assertEquals(s.prefillInstances() + "P" + s.decodeInstances() + "D", s.ratio());
            for (int i = 1; i < s.byTraffic().size(); i++) {
                assertTrue(s.byTraffic().get(i).prefillInstances() >= s.byTraffic().get(i - 1).prefillInstances());
                assertTrue(s.byTraffic().get(i).decodeInstances() >= s.byTraffic().get(i - 1).decodeInstances());
            }
        }

        /** A TTFT SLO below the KV transfer alone cannot be met: refused naming the field. */
        @Test
        void anImpossibleTtftSloNamesTheField() {
            SpeedWorkload w = SpeedWorkload.arrivalRate(2048, 256, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoolSizer.size(pool(2, 1, w),
                    pool(4, 1, w), IB, SHIPPED, new PoolSizer.Slo(0.001, 0.05, null), 10));
            assertTrue(e.getMessage().startsWith("slo.ttftP95Ms:"), e.getMessage());
        }
    }
}
