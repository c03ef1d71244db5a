package io.inferplan.engine.memory;

/**
 * How a framework decides the size of its KV cache; the frameworks differ in kind, not just value
 * (reference/framework-defaults.csv header).
 */
public enum KvSizingRule {
    /**
     * KV = total × fraction − weights − activations − other (vLLM gpu_memory_utilization, SGLang mem_fraction_static,
     * TGI wiggle room, MLC gpu_memory_utilization).
     */
    FRACTION_OF_TOTAL,
    /** KV = fraction × (memory free after weights and buffers) (TensorRT-LLM, LMDeploy). */
    FRACTION_OF_FREE_AFTER_WEIGHTS,
    /** KV = fraction × (memory free at start-up) − weights (Modular MAX device_memory_utilization). */
    FRACTION_OF_FREE_AT_START,
    /** KV allocated up front for context × parallel slots (llama.cpp, Ollama). */
    CONTEXT_TIMES_SLOTS
}
