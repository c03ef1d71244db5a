package io.inferplan.engine.spec;

/**
 * A model architecture as the engine sees it (counts, not billions; no catalog row types).
 *
 * @param totalParameters        every parameter resident in memory (all MoE experts), count
 * @param activeParameters       parameters read per token (MoE: shared + experts per token), count
 * @param layers                 transformer blocks (num_hidden_layers)
 * @param kvLayers               layers that keep a KV cache growing with context (hybrid Mamba models and
 *                               vision cross-attention layers have fewer than {@code layers})
 * @param slidingWindowTokens    window of sliding-window / chunked-local layers, 0 when none
 * @param slidingWindowLayers    how many of the {@code kvLayers} use that window
 * @param experts                routed experts per MoE layer, 0 for a dense model
 * @param recurrentState         layers with a constant per-sequence state instead of KV (hybrid Mamba /
 *                               linear-attention models), null when none
 * @param contextExtension       rope scaling the model card documents beyond {@code maxContextTokens}, null when none
 */
public record ModelSpec(
        String id,
        double totalParameters,
        double activeParameters,
        int layers,
        int kvLayers,
        int hiddenSize,
        int intermediateSize,
        int attentionHeads,
        int kvHeads,
        int headDim,
        int vocabSize,
        int maxContextTokens,
        AttentionKind attention,
        int mlaKvLoraRank,
        int mlaQkRopeHeadDim,
        int slidingWindowTokens,
        int slidingWindowLayers,
        int experts,
        int expertsPerToken,
        boolean tiedEmbeddings,
        RecurrentState recurrentState,
        ContextExtension contextExtension) {

    public ModelSpec {
        require(totalParameters > 0, "totalParameters", "must be > 0");
        require(activeParameters > 0 && activeParameters <= totalParameters, "activeParameters",
                "must be > 0 and at most totalParameters");
        require(layers > 0, "layers", "must be > 0");
        require(kvLayers > 0 && kvLayers <= layers, "kvLayers", "must be between 1 and layers");
        require(hiddenSize > 0, "hiddenSize", "must be > 0");
        require(attentionHeads > 0, "attentionHeads", "must be > 0");
        require(kvHeads > 0 && attentionHeads % kvHeads == 0, "kvHeads", "must be > 0 and divide attentionHeads");
        require(headDim > 0, "headDim", "must be > 0");
        require(vocabSize > 0, "vocabSize", "must be > 0");
        require(maxContextTokens > 0, "maxContextTokens", "must be > 0");
        require(attention != AttentionKind.MLA || (mlaKvLoraRank > 0 && mlaQkRopeHeadDim >= 0),
                "mlaKvLoraRank", "must be > 0 for MLA attention");
        require(slidingWindowTokens >= 0, "slidingWindowTokens", "must be >= 0");
        require(slidingWindowLayers >= 0 && slidingWindowLayers <= kvLayers, "slidingWindowLayers",
                "must be between 0 and kvLayers");
        require(experts >= 0, "experts", "must be >= 0");
        require(experts == 0 || (expertsPerToken > 0 && expertsPerToken <= experts), "expertsPerToken",
                "must be between 1 and experts for an MoE model");
        require(recurrentState == null || recurrentState.layers() <= layers, "recurrentLayers", "must be at most layers");
    }

    /** A model whose every KV layer is attention and whose card documents no context extension. */
    public ModelSpec(String id, double totalParameters, double activeParameters, int layers, int kvLayers, int hiddenSize,
                     int intermediateSize, int attentionHeads, int kvHeads, int headDim, int vocabSize,
                     int maxContextTokens, AttentionKind attention, int mlaKvLoraRank, int mlaQkRopeHeadDim,
                     int slidingWindowTokens, int slidingWindowLayers, int experts, int expertsPerToken,
                     boolean tiedEmbeddings) {
        this(id, totalParameters, activeParameters, layers, kvLayers, hiddenSize, intermediateSize, attentionHeads,
                kvHeads, headDim, vocabSize, maxContextTokens, attention, mlaKvLoraRank, mlaQkRopeHeadDim,
                slidingWindowTokens, slidingWindowLayers, experts, expertsPerToken, tiedEmbeddings, null, null);
    }

    /** The same model served with a longer context window (rope scaling enabled). */
    public ModelSpec withMaxContextTokens(int tokens) {
        return new ModelSpec(id, totalParameters, activeParameters, layers, kvLayers, hiddenSize, intermediateSize,
                attentionHeads, kvHeads, headDim, vocabSize, tokens, attention, mlaKvLoraRank, mlaQkRopeHeadDim,
                slidingWindowTokens, slidingWindowLayers, experts, expertsPerToken, tiedEmbeddings, recurrentState,
                contextExtension);
    }

    public boolean isMoe() {
        return experts > 0;
    }

    /** Throws IllegalArgumentException naming the field when {@code value} is null. */
    public static void requireNonNull(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": is required");
        }
    }

    /** Throws IllegalArgumentException "field: message" unless {@code ok}. */
    public static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
