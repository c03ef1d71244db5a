package io.inferplan.engine.speed.policy;

/**
 * How one framework's scheduler builds each step: the mechanisms the simulator steps through. Differences
 * between frameworks belong here, not in fitted efficiencies (engine.md "Lessons from the first engine"). Each
 * framework's class ({@link VllmPolicy}, {@link SglangPolicy}, …) builds one of these from its documented defaults
 * and cites them.
 *
 * @param description           human-readable name, e.g. "vLLM V1 scheduler (chunked prefill mixed with decodes)"
 * @param stepKind              mixed, prefill-first or static batching
 * @param maxRunningSequences   scheduler cap on requests running at once (or llama.cpp/Ollama slots)
 * @param tokenBudgetPerStep    tokens one step may carry (mixed: decodes + prefill chunks; prefill-first: the
 *                              prefill batch)
 * @param chunkedPrefill        a prompt longer than the remaining budget is split across steps; otherwise it
 *                              waits for a step with room for all of it (alone, it may exceed the budget)
 * @param kvAdmission           how admission and growth use the KV cache
 * @param kvBlockTokens         KV block / page size, tokens (the allocation granularity)
 * @param prefixCache           how shared prefixes are reused
 * @param microBatchTokens      physical micro-batch that re-reads the weights (llama.cpp ubatch), 0 = none
 * @param newTokenRatio         SGLang's output reservation ratio (start, floor, decay per decode step); zeros elsewhere
 */
public record SchedulerPolicy(String description, StepKind stepKind, int maxRunningSequences, int tokenBudgetPerStep,
                              boolean chunkedPrefill, KvAdmission kvAdmission, int kvBlockTokens,
                              PrefixCacheKind prefixCache, int microBatchTokens, NewTokenRatio newTokenRatio) {

    public SchedulerPolicy {
        if (maxRunningSequences < 1 || tokenBudgetPerStep < 1 || kvBlockTokens < 1 || microBatchTokens < 0) {
            throw new IllegalArgumentException("policy: caps must be >= 1 (running " + maxRunningSequences
                    + ", budget " + tokenBudgetPerStep + ", block " + kvBlockTokens + ")");
        }
        newTokenRatio = newTokenRatio == null ? NewTokenRatio.NONE : newTokenRatio;
    }

    /** What a step may carry. */
    public enum StepKind {
        /** Decodes and prefill chunks share one step under one token budget (vLLM V1, TensorRT-LLM IFB, LMDeploy, llama.cpp). */
        MIXED,
        /** When prefill work can be scheduled, a prefill-only step runs and the decodes wait (SGLang, TGI, MAX, MLC). */
        PREFILL_FIRST,
        /** A batch is prefilled together and decoded to the end before the next one starts. */
        STATIC
    }

    /** How requests claim KV-cache memory. */
    public enum KvAdmission {
        /** Blocks allocated as tokens are computed; when the cache is full the newest request is preempted and recomputed later. */
        ON_DEMAND,
        /** A request is admitted only when the KV of its whole input + output can be reserved; nothing is evicted. */
        RESERVE_FULL,
        /** Admission reserves input + ratio × remaining output for every request (SGLang); retract when it runs out. */
        RESERVE_ESTIMATE
    }

    /** Prefix reuse: none, whole blocks only (hashed blocks), or any prefix length (radix tree). */
    public enum PrefixCacheKind { NONE, BLOCKS, RADIX }

    /** SGLang's reservation ratio: starts at {@code start}, falls by {@code decayPerStep} per decode step to {@code floor}. */
    public record NewTokenRatio(double start, double floor, double decayPerStep) {
        public static final NewTokenRatio NONE = new NewTokenRatio(0, 0, 0);
    }

    /** Prompt tokens a request finds in the cache when {@code sharedPrefixTokens} are shared and cached. */
    public int cachedTokens(int sharedPrefixTokens, int inputTokens) {
        int usable = Math.min(sharedPrefixTokens, inputTokens - 1); // the last prompt token is always computed
        switch (prefixCache) {
            case RADIX:
                return Math.max(0, usable);
            case BLOCKS:
                return Math.max(0, usable / kvBlockTokens * kvBlockTokens);
            default:
                return 0;
        }
    }
}
