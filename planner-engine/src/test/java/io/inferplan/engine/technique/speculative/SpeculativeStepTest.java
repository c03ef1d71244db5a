package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.LengthDistribution;
import io.inferplan.engine.speed.sim.ServingSimulator;
import io.inferplan.engine.speed.sim.SimulationResult;
import io.inferplan.engine.speed.sim.SimulationSpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.speed.Fixture.model;
import static io.inferplan.engine.speed.Fixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One speculative step and a request decoded with it, each expectation worked from the step physics by hand. */
class SpeculativeStepTest {
    /** Llama-3.1-8B BF16 on one H100: bandwidth 0.8, compute 0.5, 2 ms per step, 20 µs per sequence. */
    static final Efficiency E = new Efficiency(0.8, 0.5, 0.5, 0.002, 0.010, 0, 0, 1, 100, 20e-6, 1, 0, 0);

    static ReplicaSetup replica() {
        return ReplicaSetup.of(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                SpeedWorkload.fixedConcurrency(1024, 129, 1), ServingSetup.defaults()), E, true);
    }

    @Nested
    class OneStep {
        /**
         * Verifying k = 3 drafts for d sequences at summed context S is the target's step carrying them as prefill
         * work: d·k more tokens and d·k²/2 + k·S more query–key pairs; n-gram drafting costs nothing.
         */
        @Test
        void verificationIsTheTargetsStepWithKMoreTokensPerSequence() {
            StepPhysics t = replica().physics();
            SpeculativeStep s = new SpeculativeStep(t, null, 3, 0.8, 0);
            double d = 8;
            double context = 8 * 1500.0;
            assertEquals(t.stepSeconds(8, context, 24, 8 * 4.5 + 3 * context), s.stepSeconds(d, context, 0, 0), 1e-15);
            assertEquals(4, s.budgetTokensPerDecodingSequence());
            assertEquals(2.952, s.tokensPerDecodeStep(), 1e-12);
        }

        /** Each sequence's per-token CPU time (20 µs) is paid for the E − 1 extra tokens: 8 × 1.952 × 20 µs more. */
        @Test
        void outputHandlingIsPaidPerTokenProduced() {
            StepPhysics t = replica().physics();
            double with = new SpeculativeStep(t, null, 3, 0.8, 20e-6).stepSeconds(8, 12_000, 0, 0);
            double without = new SpeculativeStep(t, null, 3, 0.8, 0).stepSeconds(8, 12_000, 0, 0);
            assertEquals(8 * 1.952 * 20e-6, with - without, 1e-15);
        }

        /** At one sequence the step reads the weights once either way: verifying 4 tokens costs < 1 % more. */
        @Test
        void atBatchOneVerificationCostsAboutOneDecodeStep() {
            StepPhysics t = replica().physics();
            SpeculativeStep s = new SpeculativeStep(t, null, 3, 0.8, 0);
            double plain = t.decodeStepSeconds(1, 1088);
            assertTrue(s.stepSeconds(1, 1088, 0, 0) < plain * 1.01, s.stepSeconds(1, 1088, 0, 0) + " vs " + plain);
        }

        /** A draft model runs k passes: the first carries the step's prompt tokens, the other k − 1 only decodes. */
        @Test
        void aDraftModelAddsKPasses() {
            ReplicaSetup rs = replica();
            StepPhysics draft = Drafter.of(SpeculativeMethod.DRAFT_MODEL, rs.input().model(), model("llama-3.2-1b"), 16,
                    rs.input().kvFormat()).physics(rs, 16);
            SpeculativeStep s = new SpeculativeStep(rs.physics(), draft, 4, 0.7, 0);
            double expected = draft.stepSeconds(2, 3000, 512, 131072) + 3 * draft.stepSeconds(2, 3000, 0, 0);
            assertEquals(expected, s.draftSeconds(2, 3000, 512, 131072), 1e-15);
        }

        /** The step stays linear in context, so decode stretches still sum in closed form. */
        @Test
        void theStepIsLinearInContext() {
            StepPhysics t = replica().physics();
            SpeculativeStep s = new SpeculativeStep(t, t, 2, 0.6, 20e-6);
            double expected = s.decodeConstantSeconds(16) + s.decodeSecondsPerContextToken() * 40_000;
            assertEquals(expected, s.stepSeconds(16, 40_000, 0, 0), expected * 1e-9);
        }
    }

    @Nested
    class ThroughTheSimulator {
        /**
         * One request alone, 1024 in / 129 out, k = 3 at α = 0.8 (E = 2.952 tokens per step): the first token comes
         * from the prompt's step; the other 128 need ceil(128 ÷ 2.952) = 44 verification steps, the j-th (j = 0…43) at
         * context 1025 + 2.952·j, each A + B × context. TPOT = their sum ÷ 128.
         */
        @Test
        void aRequestNeedsOutputOverETokensSteps() {
            ReplicaSetup rs = replica();
            SpeculativeStep s = new SpeculativeStep(rs.physics(), null, 3, 0.8, 20e-6);
            SimulationResult r = ServingSimulator.run(new SimulationSpec(s, rs.policy(), 1e6, Arrivals.closedLoop(1), 1,
                    true, LengthDistribution.fixed(1024), LengthDistribution.fixed(129), 0, 0.010, 1));
            double a = s.decodeConstantSeconds(1);
            double b = s.decodeSecondsPerContextToken();
            double decode = 44 * a + b * (44 * 1025 + 2.952 * 43 * 44 / 2.0);
            assertEquals(decode / 128, r.tpot().mean(), 1e-12);
            assertEquals(129, r.outputTokensPerSecond() * (r.e2eLatency().mean()), 1e-6);
        }
    }

    @Nested
    class DraftHeads {
        /**
         * EAGLE / MTP head for Llama-3.1-8B (8.03 B parameters, vocab 128,256 × hidden 4,096 = 525,336,576 per
         * embedding, untied): one layer = (8.03e9 − 2 × 525,336,576) ÷ 32 = 218,103,964, plus one output head.
         */
        @Test
        void aHeadIsOneLayerPlusTheOutputHead() {
            ModelSpec head = Drafter.head(model("llama-3.1-8b"));
            assertEquals(218_103_964 + 525_336_576, head.totalParameters(), 1.0);
            assertEquals(1, head.layers());
        }
    }
}
