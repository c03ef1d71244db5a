package io.inferplan.engine.technique.speculative;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How drafts are proposed; the contract's {@code serving.speculative.method} values. */
public enum SpeculativeMethod {
    /** A smaller model of the same tokenizer family drafts k tokens autoregressively (vLLM draft_model). */
    DRAFT_MODEL("draft-model"),
    /** A trained one-layer head on the target's hidden states (EAGLE, EAGLE-2/3; vLLM eagle/eagle3). */
    EAGLE("eagle"),
    /** The model's own multi-token-prediction module (DeepSeek-V3/R1 MTP, run EAGLE-style k times). */
    MTP("mtp"),
    /** Prompt lookup: drafts copied from earlier n-grams of the context; no model runs (vLLM/TensorRT-LLM ngram). */
    NGRAM("ngram");

    private final String id;

    SpeculativeMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<SpeculativeMethod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.id.equals(t)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(SpeculativeMethod::id).toList());
    }
}
