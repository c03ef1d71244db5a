package io.inferplan.engine.spec;

/** How a model's attention stores keys and values, which decides the KV-cache size per token. */
public enum AttentionKind {
    /** Multi-head: one K and V head per query head. */
    MHA,
    /** Grouped-query: fewer KV heads than query heads. */
    GQA,
    /** Multi-query: a single KV head. */
    MQA,
    /** Multi-head latent (DeepSeek-V2/V3): one compressed latent per layer instead of K and V per head. */
    MLA;

    public static AttentionKind parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
