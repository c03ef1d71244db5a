package io.inferplan.engine.memory;

import java.util.List;

/**
 * The serving setup actually used: the user's values where given, the framework's documented default for its
 * version otherwise. Echoed in the answer.
 *
 * @param framework              framework id
 * @param frameworkVersion       version whose defaults apply
 * @param kvSizingRule           how the framework sizes its KV cache
 * @param memoryFraction         the memory fraction on the rule's base (NaN for {@link KvSizingRule#CONTEXT_TIMES_SLOTS})
 * @param maxConcurrentSequences scheduler cap on running requests
 * @param maxBatchedTokens       tokens per step / prefill chunk (sizes the activation workspace)
 * @param cudaGraphs             CUDA graphs captured
 * @param prefixCaching          shared prefixes stored once
 * @param parallelSlots          llama.cpp/Ollama slots, or null for paged frameworks
 * @param contextPerSlotTokens   llama.cpp/Ollama context per slot, or null for paged frameworks
 * @param requestCount           offline-benchmark request count, or null
 * @param kvBlockTokens          KV block / page size, tokens (1 = token granularity)
 * @param parameters             every value above with its source
 */
public record ResolvedServing(
        String framework,
        String frameworkVersion,
        KvSizingRule kvSizingRule,
        double memoryFraction,
        int maxConcurrentSequences,
        int maxBatchedTokens,
        boolean cudaGraphs,
        boolean prefixCaching,
        Integer parallelSlots,
        Integer contextPerSlotTokens,
        Integer requestCount,
        int kvBlockTokens,
        List<NamedParameter> parameters) {

    public ResolvedServing {
        parameters = List.copyOf(parameters);
    }
}
