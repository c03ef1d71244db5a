package io.inferplan.engine.spec;

/**
 * A model card's documented context extension by rope scaling (e.g. Qwen3: YaRN, factor up to 4 over the
 * 32,768-token original context, 131,072 tokens at most). Serving frameworks enable it by a flag
 * ({@code --rope-scaling} in vLLM, {@code --json-model-override-args} in SGLang, {@code --rope-scaling yarn} in
 * llama.cpp); it is off by default.
 *
 * @param method                 rope-scaling type the card documents ({@code yarn})
 * @param originalContextTokens  original_max_position_embeddings the factor multiplies
 * @param maxContextTokens       the longest context the card documents with scaling
 */
public record ContextExtension(String method, int originalContextTokens, int maxContextTokens) {

    public ContextExtension {
        ModelSpec.require(method != null && !method.isBlank(), "ropeScalingMethod", "is required");
        ModelSpec.require(originalContextTokens > 0, "ropeOriginalContextTokens", "must be > 0 tokens");
        ModelSpec.require(maxContextTokens >= originalContextTokens, "ropeScaledMaxContextTokens",
                "must be >= the original context");
    }

    /** The largest factor the card documents: maxContextTokens / originalContextTokens. */
    public double maxFactor() {
        return (double) maxContextTokens / originalContextTokens;
    }
}
