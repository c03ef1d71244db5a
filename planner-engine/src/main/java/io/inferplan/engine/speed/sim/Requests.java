package io.inferplan.engine.speed.sim;

import java.util.SplittableRandom;

/**
 * The simulated requests as parallel arrays (one index per request, in arrival order): their lengths drawn from
 * the workload's distributions with the run's seed, and their progress.
 */
final class Requests {
    final int n;
    final int[] in;
    final int[] out;
    final double[] arrival;
    final double[] admittedAt;
    final double[] firstTokenAt;
    final double[] finishAt;
    final int[] state;
    /** Prompt tokens found in the prefix cache (not computed, not held by the request). */
    final int[] cached;
    /** Prompt tokens whose KV exists (cached ones included). */
    final int[] computed;
    final int[] generated;
    final long[] baseTick;
    final int[] baseGenerated;
    /** Tokens to prefill again after a preemption (prompt + output so far), 0 otherwise. */
    final int[] recompute;
    /** KV tokens reserved at admission (reserve-to-completion schedulers). */
    final double[] reserved;
    final int[] epoch;
    final long[] admission;
    private final int blockTokens;
    private final boolean reserves;
    /** Output tokens a decoding request gains per step (1; the expected accepted tokens under speculation). */
    private final double tokensPerStep;

    Requests(SimulationSpec spec) {
        n = spec.requestCount();
        in = new int[n];
        out = new int[n];
        arrival = new double[n];
        admittedAt = new double[n];
        firstTokenAt = new double[n];
        finishAt = new double[n];
        state = new int[n];
        cached = new int[n];
        computed = new int[n];
        generated = new int[n];
        baseTick = new long[n];
        baseGenerated = new int[n];
        recompute = new int[n];
        reserved = new double[n];
        epoch = new int[n];
        admission = new long[n];
        blockTokens = spec.policy().kvBlockTokens();
        reserves = spec.policy().kvAdmission() == io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_FULL;
        tokensPerStep = spec.physics().tokensPerDecodeStep();
        SplittableRandom lengths = new SplittableRandom(spec.seed());
        for (int i = 0; i < n; i++) {
            in[i] = Math.max(1, spec.inputTokens().draw(lengths));
            out[i] = Math.max(1, spec.outputTokens().draw(lengths));
        }
    }

    /** Prompt tokens still to prefill. */
    int toCompute(int id) {
        return (recompute[id] > 0 ? recompute[id] : in[id]) - computed[id];
    }

    /** Output tokens a decoding request has at a tick (fractional under speculation: an expectation). */
    double generatedAt(int id, long tick) {
        return baseGenerated[id] + (tick - baseTick[id]) * tokensPerStep;
    }

    /** Decode steps that produce {@code tokens} more output tokens. */
    long stepsFor(int tokens) {
        return tokensPerStep == 1 ? tokens : (long) Math.ceil(tokens / tokensPerStep - 1e-9);
    }

    /** Tokens in a decoding request's context at a tick. */
    double context(int id, long tick) {
        return in[id] + generatedAt(id, tick);
    }

    /** KV tokens the request holds (what it adds to the replica's KV use). */
    double held(int id, long tick) {
        if (reserves) {
            return reserved[id];
        }
        double gen = state[id] == 2 ? generatedAt(id, tick) : generated[id];
        return computed[id] - cached[id] + gen;
    }

    /** Reservation for the rest of a request: its prompt still to compute + its output still to come, in whole blocks. */
    double reserveFor(int id, int promptTokens) {
        double tokens = promptTokens + out[id] - generated[id];
        return Math.ceil(tokens / blockTokens) * blockTokens;
    }
}
