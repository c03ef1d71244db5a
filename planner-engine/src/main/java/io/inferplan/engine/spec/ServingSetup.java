package io.inferplan.engine.spec;

/**
 * The deployment's setup facts as the user gave them (contract {@code serving} block). Every field is optional
 * (null = "use the framework's documented default for its version"); the engine resolves them and echoes the
 * values it used.
 *
 * @param frameworkVersion        e.g. "0.11" for vLLM, "0.6.7" for Ollama
 * @param memoryFraction          vLLM gpu_memory_utilization, SGLang mem_fraction_static, TensorRT-LLM
 *                                free_gpu_memory_fraction, LMDeploy cache_max_entry_count, … (0..1; its base
 *                                — total or free memory — is the framework's)
 * @param maxConcurrentSequences  scheduler cap (vLLM max_num_seqs, TensorRT-LLM max_batch_size, …), requests
 * @param maxBatchedTokens        tokens per scheduler step / prefill chunk (vLLM max_num_batched_tokens, …)
 * @param cudaGraphs              CUDA graphs captured
 * @param prefixCaching           shared prompt prefixes stored once
 * @param parallelSlots           llama.cpp -np / Ollama OLLAMA_NUM_PARALLEL, slots
 * @param contextPerSlotTokens    llama.cpp / Ollama context per slot (num_ctx), tokens
 * @param requestCount            requests of an offline benchmark run (used by the speed model)
 */
public record ServingSetup(
        String frameworkVersion,
        Double memoryFraction,
        Integer maxConcurrentSequences,
        Integer maxBatchedTokens,
        Boolean cudaGraphs,
        Boolean prefixCaching,
        Integer parallelSlots,
        Integer contextPerSlotTokens,
        Integer requestCount) {

    public ServingSetup {
        ModelSpec.require(memoryFraction == null || (memoryFraction > 0 && memoryFraction <= 1), "memoryFraction",
                "must be a fraction in (0, 1]");
        ModelSpec.require(maxConcurrentSequences == null || maxConcurrentSequences >= 1, "maxConcurrentSequences",
                "must be >= 1 sequence");
        ModelSpec.require(maxBatchedTokens == null || maxBatchedTokens >= 1, "maxBatchedTokens", "must be >= 1 token");
        ModelSpec.require(parallelSlots == null || parallelSlots >= 1, "parallelSlots", "must be >= 1 slot");
        ModelSpec.require(contextPerSlotTokens == null || contextPerSlotTokens >= 1, "contextPerSlotTokens",
                "must be >= 1 token");
        ModelSpec.require(requestCount == null || requestCount >= 1, "requestCount", "must be >= 1 request");
    }

    /** Nothing given: every value from the framework's defaults. */
    public static ServingSetup defaults() {
        return new ServingSetup(null, null, null, null, null, null, null, null, null);
    }

    public ServingSetup withFrameworkVersion(String version) {
        return new ServingSetup(version, memoryFraction, maxConcurrentSequences, maxBatchedTokens, cudaGraphs,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount);
    }

    public ServingSetup withMemoryFraction(Double fraction) {
        return new ServingSetup(frameworkVersion, fraction, maxConcurrentSequences, maxBatchedTokens, cudaGraphs,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount);
    }

    public ServingSetup withSlots(Integer slots, Integer contextPerSlot) {
        return new ServingSetup(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens, cudaGraphs,
                prefixCaching, slots, contextPerSlot, requestCount);
    }
}
