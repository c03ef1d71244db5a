package io.inferplan.engine.speed.sim;

import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.PolicyInputs;
import io.inferplan.engine.speed.policy.Policies;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.speed.Fixture.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator against hand-worked cases: every expected value below is computed from the step physics by the
 * arithmetic in the comment, not by running the simulator.
 */
class ServingSimulatorTest {
    /** Llama-3.1-8B BF16 on one H100: pure roofline (bandwidth 0.8, compute 0.5), 2 ms step and 20 µs per-sequence overhead. */
    static final Efficiency E = new Efficiency(0.8, 0.5, 0.5, 0.002, 0.010, 0, 0, 1, 100, 20e-6, 1, 0, 0);

    static ReplicaSetup replica(String framework) {
        return ReplicaSetup.of(plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, framework,
                SpeedWorkload.fixedConcurrency(1024, 128, 8), ServingSetup.defaults()), E, true);
    }

    static SimulationSpec spec(ReplicaSetup rs, SchedulerPolicy policy, double kvTokens, Arrivals arrivals, int n,
                               boolean all, int in, int out) {
        return new SimulationSpec(rs.physics(), policy, kvTokens, arrivals, n, all, LengthDistribution.fixed(in),
                LengthDistribution.fixed(out), 0, E.requestOverheadSeconds(), 1);
    }

    @Nested
    class OneRequestAlone {
        /**
         * One request of 1024 in / 128 out: TTFT = request overhead + the prompt's step (1024 tokens ≤ the 8192 budget);
         * then 127 decode steps at contexts 1025 … 1151, each A + B × context (A the context-free part of a one-sequence
         * step, B the cost per context token), so TPOT = A + B × (1024 + 128/2) exactly.
         */
        @Test
        void ttftIsOverheadPlusPrefillAndTpotTheMeanDecodeStep() {
            ReplicaSetup rs = replica("vllm");
            StepPhysics ph = rs.physics();
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.closedLoop(1), 1, true,
                    1024, 128));
            double prefill = ph.stepSeconds(0, 0, 1024, StepPhysics.attentionPairs(1024, 0));
            assertEquals(0.010 + prefill, r.ttft().mean(), 1e-12);
            double tpot = ph.decodeConstantSeconds(1) + ph.decodeSecondsPerContextToken() * (1024 + 64);
            assertEquals(tpot, r.tpot().mean(), 1e-12);
            assertEquals(0.010 + prefill + 127 * tpot, r.e2eLatency().mean(), 1e-9);
        }

        /** A prompt longer than the budget is chunked: 10,000 tokens in steps of 8192 and 1808. */
        @Test
        void aLongPromptIsPrefilledInBudgetSizedChunks() {
            ReplicaSetup rs = replica("vllm");
            StepPhysics ph = rs.physics();
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.closedLoop(1), 1, true,
                    10_000, 2));
            double expected = 0.010 + ph.stepSeconds(0, 0, 8192, StepPhysics.attentionPairs(8192, 0))
                    + ph.stepSeconds(0, 0, 1808, StepPhysics.attentionPairs(1808, 8192));
            assertEquals(expected, r.ttft().mean(), 1e-12);
        }
    }

    @Nested
    class Batching {
        /**
         * Eight requests queued at once, 512 in / 64 out: one mixed step carries all 8 × 512 prompts (4096 ≤ 8192);
         * every request's first token comes at its end; then 63 decode steps of 8 sequences at summed contexts
         * 8 × (513 … 575). The fast-forwarded stretch must equal that sum step by step.
         */
        @Test
        void aDecodeStretchSumsItsStepsExactly() {
            ReplicaSetup rs = replica("vllm");
            StepPhysics ph = rs.physics();
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.allAtOnce(), 8, true,
                    512, 64));
            double prefill = ph.stepSeconds(0, 0, 8 * 512, 8 * StepPhysics.attentionPairs(512, 0));
            double decode = 0;
            for (int j = 1; j <= 63; j++) {
                decode += ph.stepSeconds(8, 8.0 * (512 + j), 0, 0);
            }
            assertEquals(0.010 + prefill, r.ttft().p99(), 1e-12);
            assertEquals(0.010 + prefill + decode, r.e2eLatency().mean(), 1e-9);
            assertEquals(decode / 63, r.tpot().mean(), 1e-12);
            // time-averaged batch: 8 during the decode steps, 0 during the prefill step
            assertEquals(8 * decode / (prefill + decode), r.meanBatchSize(), 1e-9);
        }

        /** Closed loop, no think time: Little's law, throughput × time in system = clients. */
        @Test
        void aClosedLoopObeysLittlesLaw() {
            ReplicaSetup rs = replica("vllm");
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.closedLoop(32), 2000,
                    false, 1024, 128));
            assertEquals(32, r.requestsPerSecond() * r.e2eLatency().mean(), 32 * 0.03);
        }

        /**
         * llama.cpp with 2 slots and 4 clients: never more than 2 decode together; the other two wait a whole request,
         * so the mean TTFT exceeds half a request's service time.
         */
        @Test
        void slotsCapTheBatchAndTheRestQueue() {
            ReplicaSetup rs = ReplicaSetup.of(plan("llama-3.1-8b", "gguf-q4_k_m", "fp16", "rtx-4090", 1, "llama.cpp",
                    SpeedWorkload.fixedConcurrency(512, 128, 4), ServingSetup.defaults().withSlots(2, 4096)), E, true);
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 2 * 4096, Arrivals.closedLoop(4), 400,
                    false, 512, 128));
            assertTrue(r.meanBatchSize() <= 2.0 + 1e-9, "batch " + r.meanBatchSize());
            double service = r.e2eLatency().mean() - r.queueWait().mean();
            assertTrue(r.queueWait().mean() > 0.5 * service, r.queueWait().mean() + " vs service " + service);
        }
    }

    @Nested
    class KvPressure {
        /** KV for ~3 full requests, 8 clients: on-demand allocation overcommits and preempts; reservation never does. */
        @Test
        void onDemandPreemptsWhereReservationWaits() {
            ReplicaSetup vllm = replica("vllm");
            double kv = 3.2 * (1024 + 1024);
            SimulationResult v = ServingSimulator.run(spec(vllm, vllm.policy(), kv, Arrivals.closedLoop(8), 200,
                    false, 1024, 1024));
            assertTrue(v.preemptions() > 0, "vLLM preemptions " + v.preemptions());
            ReplicaSetup trt = replica("tensorrt-llm");
            SimulationResult t = ServingSimulator.run(spec(trt, trt.policy(), kv, Arrivals.closedLoop(8), 200,
                    false, 1024, 1024));
            assertEquals(0, t.preemptions());
            assertTrue(t.meanBatchSize() <= 3.0 + 1e-9, "reserved batch " + t.meanBatchSize());
            assertTrue(v.meanKvOccupancyFraction() <= 1.0 + 1e-9 && t.meanKvOccupancyFraction() <= 1.0 + 1e-9);
        }
    }

    @Nested
    class Policies {
        /**
         * Requests streaming in at 4 req/s of 2048 in / 256 out: where prefills run alone (SGLang's default) every
         * arrival stalls all decodes for a prefill step; mixed into decode steps (vLLM V1) the stall is only the chunk's
         * extra compute. The worst gaps between tokens (ITL p99) show it.
         */
        @Test
        void prefillFirstStallsDecodesMoreThanMixedSteps() {
            ReplicaSetup rs = replica("vllm");
            SchedulerPolicy mixed = rs.policy();
            SchedulerPolicy first = io.inferplan.engine.speed.policy.Policies.of(new PolicyInputs("sglang", null,
                    mixed.maxRunningSequences(), 8192, false, 1, false, 131072));
            SimulationResult m = ServingSimulator.run(spec(rs, mixed, 1e6, Arrivals.poisson(4), 1000, false, 2048,
                    256));
            SimulationResult f = ServingSimulator.run(spec(rs, first, 1e6, Arrivals.poisson(4), 1000, false, 2048,
                    256));
            assertTrue(f.interTokenLatency().p99() > m.interTokenLatency().p99(),
                    f.interTokenLatency().p99() + " vs " + m.interTokenLatency().p99());
        }
    }

    @Nested
    class OpenArrivals {
        /** At 0.2 req/s a request waits at most for the step in progress (a prefill step, the longest) to end. */
        @Test
        void farBelowCapacityTheQueueIsEmptyAndStable() {
            ReplicaSetup rs = replica("vllm");
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.poisson(0.2), 500, false,
                    1024, 128));
            double prefillStep = rs.physics().stepSeconds(1, 1100, 1024, StepPhysics.attentionPairs(1024, 0));
            assertTrue(r.queueWait().p99() <= prefillStep, r.queueWait().p99() + " vs " + prefillStep);
            assertEquals(0, r.backlogGrowthPerSecond(), 0.01);
        }

        /**
         * At twice the saturated rate (measured on an offline run of the same requests) the requests in the system
         * keep growing: by at least 40 % of that capacity per second over the second half of the arrivals (the batch
         * itself is still filling then, so the growth is not exactly arrival − capacity).
         */
        @Test
        void aboveCapacityTheBacklogGrows() {
            ReplicaSetup rs = replica("vllm");
            SimulationResult sat = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.allAtOnce(), 2000, true,
                    1024, 128));
            double capacity = sat.requestsPerSecond();
            SimulationResult r = ServingSimulator.run(spec(rs, rs.policy(), 1e6, Arrivals.poisson(2 * capacity), 2000,
                    false, 1024, 128));
            assertTrue(r.backlogGrowthPerSecond() > 0.4 * capacity, r.backlogGrowthPerSecond() + " vs " + capacity);
        }

        @Test
        void theSameSeedGivesTheSameRunAndSpreadsWidenTheTail() {
            ReplicaSetup rs = replica("vllm");
            SimulationSpec s = new SimulationSpec(rs.physics(), rs.policy(), 1e6, Arrivals.poisson(5), 1000, false,
                    new LengthDistribution(LengthDistribution.Shape.UNIFORM, 1024, 400),
                    new LengthDistribution(LengthDistribution.Shape.LOGNORMAL, 128, 128), 0, 0.01, 7);
            SimulationResult a = ServingSimulator.run(s);
            assertEquals(a, ServingSimulator.run(s));
            assertTrue(a.tpot().p99() > a.tpot().p50() && a.ttft().p99() > 1.2 * a.ttft().p50());
        }
    }
}
