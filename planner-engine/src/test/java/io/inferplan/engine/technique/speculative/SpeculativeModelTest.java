package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.memory.KvCacheModel;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.TechniquePath;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.inferplan.engine.speed.Fixture.model;
import static io.inferplan.engine.speed.Fixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speculative decoding through the plan: memory, both answers, the curve and where it stops paying. */
class SpeculativeModelTest {
    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();

    static SpeedInput llama8b(SpeedWorkload w) {
        return plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm", w, ServingSetup.defaults());
    }

    @Nested
    class Memory {
        /**
         * A Llama-3.2-1B draft in BF16 takes its weights (1.24 B × 2 B) and its own KV (2 × 16 layers × 8 heads × 64 ×
         * 2 B = 32,768 B per token) out of the KV cache: tokens' = (T × b − W) ÷ (b + b_draft), b = 131,072 B for the
         * 8B target.
         */
        @Test
        void aDraftModelsWeightsAndKvComeOutOfTheKvCache() {
            SpeedInput in = llama8b(SpeedWorkload.fixedConcurrency(1024, 256, 8));
            SpeculativeSetup s = new SpeculativeSetup(SpeculativeMethod.DRAFT_MODEL, model("llama-3.2-1b"), 4, 0.7, "given");
            SpeculativeModel.Replicas r = SpeculativeModel.replicas(in, SpeedModel.efficiency(in, SHIPPED), s);
            double b = TechniquePath.kvBytesPerTokenPerReplica(r.plain());
            assertEquals(131_072, b, 1e-6);
            assertEquals(32_768, KvCacheModel.bytesPerToken(model("llama-3.2-1b"), in.kvFormat()), 1e-6);
            double w = model("llama-3.2-1b").totalParameters() * 2;
            assertEquals((r.plain().kvCapacityTokens() * b - w) / (b + 32_768), r.kvTokensWith(), 1e-6);
        }

        /** n-gram drafting holds no weights and no KV: the cache is unchanged. */
        @Test
        void ngramTakesNoMemory() {
            SpeedInput in = llama8b(SpeedWorkload.fixedConcurrency(1024, 256, 8));
            SpeculativeModel.Replicas r = SpeculativeModel.replicas(in, SpeedModel.efficiency(in, SHIPPED),
                    new SpeculativeSetup(SpeculativeMethod.NGRAM, null, 5, 0.3, "given"));
            assertEquals(r.plain().kvCapacityTokens(), r.kvTokensWith(), 1e-9);
        }

        /** A 70B draft for an 8B target on one 80 GB card leaves no room: refused naming the field. */
        @Test
        void aDraftThatDoesNotFitIsRefusedNamingTheField() {
            SpeedInput in = llama8b(SpeedWorkload.fixedConcurrency(1024, 256, 8));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpeculativeModel.replicas(in,
                    SpeedModel.efficiency(in, SHIPPED), new SpeculativeSetup(SpeculativeMethod.DRAFT_MODEL,
                            model("llama-3.1-70b"), 4, 0.7, "given")));
            assertTrue(e.getMessage().startsWith("serving.speculative.draftModel:"), e.getMessage());
        }
    }

    @Nested
    class WithAndWithout {
        /** One request alone, EAGLE at α 0.8 and k 3: TPOT falls by more than half (≈ 2.95 tokens per ~1.2 steps). */
        @Test
        void speculationCutsTpotAtBatchOne() {
            SpeculativeAnswer a = SpeculativeAnswer.of(llama8b(SpeedWorkload.singleStream(512, 256)), SHIPPED,
                    new SpeculativeSetup(SpeculativeMethod.EAGLE, null, 3, 0.8, "given"));
            double speedup = a.without().tpotMs().mean() / a.with().tpotMs().mean();
            assertTrue(speedup > 2.0 && speedup < 2.952, "TPOT speedup " + speedup);
        }

        /**
         * Low acceptance (n-gram on chat, α 0.27): speculation pays at low concurrency and stops paying as the batch
         * grows; the break-even concurrency is where the curve first stops paying, and just below it still pays.
         */
        @Test
        void lowAcceptanceStopsPayingUnderLoad() {
            SpeculativeModel.Replicas r = SpeculativeModel.replicas(llama8b(SpeedWorkload.fixedConcurrency(512, 256, 1)),
                    SpeedModel.efficiency(llama8b(SpeedWorkload.fixedConcurrency(512, 256, 1)), SHIPPED),
                    new SpeculativeSetup(SpeculativeMethod.NGRAM, null, 5, 0.27, "given"));
            List<SpeculativeModel.Point> curve = SpeculativeModel.curve(r);
            assertTrue(curve.get(0).pays(), "pays alone: " + curve.get(0));
            Integer breakEven = SpeculativeModel.breakEvenConcurrency(r, curve);
            assertTrue(breakEven != null && breakEven > 1, "break-even " + breakEven);
            assertFalse(SpeculativeModel.point(r, breakEven).pays());
            assertTrue(SpeculativeModel.point(r, breakEven - 1).pays());
        }
    }

    @Nested
    class Data {
        @Test
        void defaultsComeFromTheFamilyRowElseTheMethodRow() {
            AcceptanceDefaults d = AcceptanceDefaults.shipped();
            // DeepSeek-V3 report: the second token is accepted 85-90 % of the time
            assertEquals(0.85, d.lookup(SpeculativeMethod.MTP, "DeepSeek-R1").orElseThrow().alpha(), 1e-12);
            // llama.cpp: 72.055 % of 5 drafts accepted → length 4.60275 → α solves E(α, 5) = 4.60275
            double alpha = d.lookup(SpeculativeMethod.DRAFT_MODEL, "Llama 3.1").orElseThrow().alpha();
            assertEquals(4.60275, Acceptance.expectedTokensPerStep(alpha, 5), 1e-9);
            // no Phi-4 row: the method's general row
            assertEquals(d.lookup(SpeculativeMethod.NGRAM, "*").orElseThrow(),
                    d.lookup(SpeculativeMethod.NGRAM, "Phi-4").orElseThrow());
        }

        @Test
        void draftsShareTheTargetsTokenizerFamily() {
            TokenizerFamilies t = TokenizerFamilies.shipped();
            assertEquals(t.of("llama-3.1-70b").orElseThrow().tokenizerFamily(),
                    t.of("llama-3.2-1b").orElseThrow().tokenizerFamily());
            assertFalse(t.of("qwen3-0.6b").orElseThrow().tokenizerFamily()
                    .equals(t.of("llama-3.1-8b").orElseThrow().tokenizerFamily()));
        }
    }
}
