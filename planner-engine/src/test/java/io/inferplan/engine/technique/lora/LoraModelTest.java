package io.inferplan.engine.technique.lora;

import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.physics.StepTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static io.inferplan.engine.speed.Fixture.model;
import static io.inferplan.engine.speed.Fixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LoRA adapters' size, residency, swaps, batch and step cost, worked by hand. */
class LoraModelTest {
    static final List<String> ALL = LoraShapes.MODULES;

    @Nested
    class AdapterSize {
        /**
         * Llama-3.1-8B (hidden 4,096, 32 heads and 8 KV heads of 128, intermediate 14,336, 32 layers), rank 16:
         * q_proj 16 × (4,096 + 4,096) = 131,072; v_proj 16 × (4,096 + 1,024) = 81,920 per layer.
         */
        @Test
        void qAndVProjectionsOfLlama31At8B() {
            assertEquals(32 * (131_072 + 81_920), LoraShapes.parameters(model("llama-3.1-8b"), 16, Set.of("q_proj", "v_proj")));
        }

        /**
         * All seven modules: q 131,072 + k 81,920 + v 81,920 + o 131,072 + gate, up, down 16 × (4,096 + 14,336) =
         * 294,912 each = 1,310,720 per layer, 41,943,040 parameters, 83,886,080 bytes in BF16 = 80 MiB.
         */
        @Test
        void everyLinearModuleIsEightyMibAtRankSixteen() {
            double p = LoraShapes.parameters(model("llama-3.1-8b"), 16, Set.copyOf(ALL));
            assertEquals(41_943_040, p);
            assertEquals(80.0, p * 2 / (1 << 20), 1e-12);
        }

        @Test
        void anUnknownModuleNamesTheField() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LoraSetup(4, 16,
                    List.of("qkv"), 1, 1, 31.5e9, "x", "y"));
            assertTrue(e.getMessage().startsWith("serving.lora.targetModules: unknown module 'qkv'"), e.getMessage());
        }
    }

    @Nested
    class Residency {
        @ParameterizedTest(name = "{0} adapters, {1} slots: miss {2}, batch {3}")
        @CsvSource({
            // every adapter has a slot: no load, no limit
            "8, 8, 0.0, ",
            // 1 − 8/100 = 0.92; b = ln(0.92) ÷ ln(0.99) = 8.296 → 8
            "100, 8, 0.92, 8",
            // 1 − 8/16 = 0.5; b = ln(0.5) ÷ ln(15/16) = 10.74 → 10
            "16, 8, 0.5, 10",
            // vLLM's default max_loras = 1 with 4 adapters: one request at a time in arrival order
            "4, 1, 0.75, 1"
        })
        void missesAndBatchFromTheSlots(int adapters, int slots, double miss, Integer batch) {
            assertEquals(miss, LoraModel.missFraction(adapters, slots), 1e-12);
            int cap = LoraModel.batchCapFromSlots(adapters, slots);
            if (batch == null) {
                assertEquals(Integer.MAX_VALUE, cap);
            } else {
                assertEquals(batch.intValue(), cap);
            }
        }

        /** 80 MiB over PCIe 4.0 x16 (31.5 GB/s): 83,886,080 ÷ 31.5e9 = 2.663 ms; two TP ranks copy halves at once. */
        @Test
        void aSwapIsTheAdapterOverTheHostLink() {
            assertEquals(83_886_080 / 31.5e9, LoraModel.swapSeconds(83_886_080, 31.5e9, 1), 1e-15);
            assertEquals(83_886_080 / 63e9, LoraModel.swapSeconds(83_886_080, 31.5e9, 2), 1e-15);
        }
    }

    @Nested
    class Steps {
        static final StepTime ZERO = new StepTime() {
            public double stepSeconds(double d, double s, double p, double pairs) {
                return 0;
            }

            public double decodeConstantSeconds(double d) {
                return 0;
            }

            public double decodeSecondsPerContextToken() {
                return 0;
            }
        };

        /** 8 sequences of 100 uniformly used adapters hold 100 × (1 − 0.99^8) = 7.7255 distinct ones; 3 slots cap at 3. */
        @Test
        void distinctAdaptersInABatch() {
            assertEquals(100 * (1 - Math.pow(0.99, 8)), new LoraStep(ZERO, 1, 1, 1, 1, 100, 8, 0).distinctAdapters(8), 1e-12);
            assertEquals(3, new LoraStep(ZERO, 1, 1, 1, 1, 100, 3, 0).distinctAdapters(8), 1e-12);
        }

        /**
         * A decode step of 8 sequences with 80 MiB adapters at 2 TB/s: 7.7255 × 83,886,080 B ÷ 2e12 = 324 µs of reads
         * against 8 tokens × 83,886,080 FLOPs ÷ 5e14 = 1.3 µs of math: the reads bind. A 2,048-token prompt with 10 %
         * of requests loading a 2.663 ms adapter adds 0.1 × 2.663 ms.
         */
        @Test
        void theAdaptersCostTheirReadsOrTheirMathWhicheverBinds() {
            LoraStep s = new LoraStep(ZERO, 83_886_080, 83_886_080, 2e12, 5e14, 100, 8, 0.1 * 2.663e-3 / 2048);
            double reads = 100 * (1 - Math.pow(0.99, 8)) * 83_886_080 / 2e12;
            assertEquals(reads, s.stepSeconds(8, 8000, 0, 0), 1e-15);
            double prefill = Math.max(83_886_080 / 2e12, 2048.0 * 83_886_080 / 5e14) + 0.1 * 2.663e-3;
            assertEquals(prefill, s.stepSeconds(0, 0, 2048, 0), 1e-15);
        }
    }

    @Nested
    class ThroughThePlan {
        static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();

        SpeedInput in() {
            return plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm", SpeedWorkload.fixedConcurrency(1024, 256, 64),
                    ServingSetup.defaults());
        }

        /** One adapter per slot: no batch limit, throughput close to the base model's (the adapters are ~1 % of it). */
        @Test
        void adaptersThatAllHaveSlotsCostLittle() {
            LoraAnswer a = LoraAnswer.of(in(), SHIPPED, new LoraSetup(8, 16, ALL, 8, 8, 31.5e9, "pcie", "vllm"));
            assertNull(a.batchCapFromSlots());
            double ratio = a.with().outputTokensPerSecond() / a.without().outputTokensPerSecond();
            assertTrue(ratio > 0.9 && ratio <= 1.0, "with ÷ without = " + ratio);
        }

        /** More adapters than slots: throughput falls as the adapters in use grow, and never rises. */
        @Test
        void throughputFallsAsMoreAdaptersShareTheSlots() {
            LoraAnswer a = LoraAnswer.of(in(), SHIPPED, new LoraSetup(64, 16, ALL, 8, 64, 31.5e9, "pcie", "vllm"));
            List<LoraAnswer.Point> c = a.curve();
            assertEquals(List.of(1, 2, 4, 8, 16, 32, 64), c.stream().map(LoraAnswer.Point::activeAdapters).toList());
            for (int i = 1; i < c.size(); i++) {
                assertTrue(c.get(i).outputTokensPerSecond() <= c.get(i - 1).outputTokensPerSecond() * 1.001,
                        c.get(i - 1) + " then " + c.get(i));
            }
            assertTrue(c.get(c.size() - 1).outputTokensPerSecond() < 0.6 * c.get(0).outputTokensPerSecond());
        }

        /** The resident adapters come out of the KV cache: 8 slots of 80 MiB = 640 MiB fewer KV bytes. */
        @Test
        void residentAdaptersShrinkTheKvCache() {
            var rs = io.inferplan.engine.speed.TechniquePath.replica(in(), SHIPPED.resolve("vllm",
                    in().accelerator().architecture(), io.inferplan.engine.speed.FormatClass.of(in().weightFormat())));
            LoraModel.Memory m = LoraModel.memory(rs, new LoraSetup(8, 16, ALL, 8, 8, 31.5e9, "pcie", "vllm"));
            double perToken = io.inferplan.engine.speed.TechniquePath.kvBytesPerTokenPerReplica(rs);
            assertEquals(rs.kvCapacityTokens() - 8 * 83_886_080 / perToken, m.kvTokensWithAdapters(), 1e-6);
        }
    }
}
