package io.inferplan.engine.speed;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The deployment's setup facts that move speed (the contract's {@code serving} block). An empty value means
 * "the framework's documented default" ({@link SchedulerDefaults}); the estimate echoes what was used.
 *
 * @param frameworkVersion       e.g. "0.11" or "0.6.5"; decides version-dependent defaults (Ollama's parallelism)
 * @param memoryFraction         the framework's memory fraction (its own base: total or free-after-weights)
 * @param maxConcurrentSequences scheduler cap (vLLM {@code max_num_seqs}, TensorRT-LLM max batch size)
 * @param maxBatchedTokens       tokens per scheduler step (chunked-prefill chunk)
 * @param prefixCaching          reuse of a shared prefix's KV
 * @param parallelSlots          llama.cpp {@code -np} / Ollama {@code OLLAMA_NUM_PARALLEL}
 * @param contextPerSlotTokens   llama.cpp / Ollama context per slot
 * @param requestCount           requests an offline benchmark submits at once (decides TTFT in max-throughput)
 * @param staticBatching         the run batches statically (whole batch prefilled, then decoded to the end)
 * @param linkOverride           the real device link when it differs from the catalog's (e.g. PCIe cards)
 * @param variableLengths        the benchmark's requests vary in length (ShareGPT): a finite run ends with a
 *                               tail of long requests decoding at small batch
 * @param cudaGraphs             false when the run disables CUDA graphs ({@code --enforce-eager},
 *                               {@code --disable-cuda-graph}): every step pays the per-layer launch overhead; null = the
 *                               framework's default
 * @param inProcess              the run drives the engine in-process (trtllm-bench, llama-bench, MLPerf LoadGen,
 *                               vLLM's offline scripts): no HTTP server, no tokenizer round trip per request
 */
public record ServingFacts(String frameworkVersion, OptionalDouble memoryFraction, OptionalInt maxConcurrentSequences,
                           OptionalInt maxBatchedTokens, Boolean prefixCaching, OptionalInt parallelSlots,
                           OptionalInt contextPerSlotTokens, OptionalInt requestCount, boolean staticBatching,
                           io.inferplan.engine.spec.AcceleratorSpec.Interconnect linkOverride,
                           boolean variableLengths, Boolean cudaGraphs,
                           boolean inProcess) {

    public static final ServingFacts DEFAULTS = new ServingFacts(null, OptionalDouble.empty(), OptionalInt.empty(),
            OptionalInt.empty(), null, OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), false, null, false, null,
            false);

    public ServingFacts {
        memoryFraction = memoryFraction == null ? OptionalDouble.empty() : memoryFraction;
        maxConcurrentSequences = maxConcurrentSequences == null ? OptionalInt.empty() : maxConcurrentSequences;
        maxBatchedTokens = maxBatchedTokens == null ? OptionalInt.empty() : maxBatchedTokens;
        parallelSlots = parallelSlots == null ? OptionalInt.empty() : parallelSlots;
        contextPerSlotTokens = contextPerSlotTokens == null ? OptionalInt.empty() : contextPerSlotTokens;
        requestCount = requestCount == null ? OptionalInt.empty() : requestCount;
        SpeedWorkload.require(memoryFraction.isEmpty()
                || (memoryFraction.getAsDouble() > 0 && memoryFraction.getAsDouble() <= 1), "memoryFraction",
                "must be in (0, 1]");
        SpeedWorkload.require(maxConcurrentSequences.isEmpty() || maxConcurrentSequences.getAsInt() >= 1,
                "maxConcurrentSequences", "must be >= 1");
        SpeedWorkload.require(parallelSlots.isEmpty() || parallelSlots.getAsInt() >= 1, "parallelSlots", "must be >= 1");
        SpeedWorkload.require(requestCount.isEmpty() || requestCount.getAsInt() >= 1, "requestCount", "must be >= 1");
    }

    public ServingFacts withFrameworkVersion(String v) {
        return new ServingFacts(v, memoryFraction, maxConcurrentSequences, maxBatchedTokens, prefixCaching,
                parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withMemoryFraction(double f) {
        return new ServingFacts(frameworkVersion, OptionalDouble.of(f), maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withMaxConcurrentSequences(int n) {
        return new ServingFacts(frameworkVersion, memoryFraction, OptionalInt.of(n), maxBatchedTokens, prefixCaching,
                parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withPrefixCaching(boolean on) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens, on,
                parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withParallelSlots(int n) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, OptionalInt.of(n), contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withRequestCount(int n) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, OptionalInt.of(n), staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withStaticBatching(boolean on) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, on, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withVariableLengths(boolean on) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                on, cudaGraphs, inProcess);
    }

    public ServingFacts withLink(io.inferplan.engine.spec.AcceleratorSpec.Interconnect link) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, link,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withMaxBatchedTokens(int n) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, OptionalInt.of(n),
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, inProcess);
    }

    public ServingFacts withCudaGraphs(Boolean on) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, on, inProcess);
    }

    public ServingFacts withInProcess(boolean on) {
        return new ServingFacts(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens,
                prefixCaching, parallelSlots, contextPerSlotTokens, requestCount, staticBatching, linkOverride,
                variableLengths, cudaGraphs, on);
    }
}
