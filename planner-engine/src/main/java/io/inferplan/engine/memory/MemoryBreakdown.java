package io.inferplan.engine.memory;

/**
 * Memory of the most loaded accelerator of a replica, in bytes.
 *
 * @param weightsBytes        this accelerator's shard of the weights
 * @param kvCacheBytes        KV cache the framework allocates on it (a pool for paged frameworks, context × slots
 *                            for llama.cpp/Ollama)
 * @param activationBytes     activation workspace for the largest prefill chunk (+ logits)
 * @param cudaGraphBytes      memory held by captured CUDA graphs
 * @param cudaContextBytes    CUDA/driver context and framework runtime outside the tensors
 * @param reservedUnusedBytes capacity the framework deliberately leaves unused (1 − memory fraction, …);
 *                            0 when the deployment does not fit
 */
public record MemoryBreakdown(double weightsBytes, double kvCacheBytes, double activationBytes,
                              double cudaGraphBytes, double cudaContextBytes, double reservedUnusedBytes) {

    /** Memory the deployment occupies: weights + KV + activations + graphs + context (reserved-unused excluded). */
    public double usedBytes() {
        return weightsBytes + kvCacheBytes + activationBytes + cudaGraphBytes + cudaContextBytes;
    }
}
