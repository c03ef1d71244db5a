package io.inferplan.catalog.model;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;

import java.time.LocalDate;
import java.util.Map;

/**
 * Derives a model entry from a Hugging Face {@code config.json}: dense, GQA/MQA, MoE (Mixtral, Qwen-MoE,
 * DeepSeek) and MLA (DeepSeek-V2/V3) fields. Multimodal configs are read from their {@code text_config}.
 * Parameter counts are computed from the tensor shapes (embeddings, attention projections, FFN or experts,
 * router), norms and biases left out (under 0.1 % of any catalog model).
 */
public final class HfConfigImport {

    private HfConfigImport() {
    }

    public static ModelEntry toEntry(String id, String sourceUrl, Map<String, Object> config, LocalDate today) {
        Map<String, Object> c = config;
        if (config.get("text_config") instanceof Map<?, ?> text && !config.containsKey("num_hidden_layers")) {
            @SuppressWarnings("unchecked") Map<String, Object> t = (Map<String, Object>) text;
            c = t;
        }
        FieldChecks checks = new FieldChecks("config");
        Integer layers = integer(c, "num_hidden_layers", checks, true);
        Integer hidden = integer(c, "hidden_size", checks, true);
        Integer heads = integer(c, "num_attention_heads", checks, true);
        Integer vocab = integer(c, "vocab_size", checks, true);
        Integer kvHeads = integer(c, "num_key_value_heads", checks, false);
        Integer headDim = integer(c, "head_dim", checks, false);
        Integer maxContext = integer(c, "max_position_embeddings", checks, true);
        Integer kvLoraRank = integer(c, "kv_lora_rank", checks, false);
        Integer ropeDim = integer(c, "qk_rope_head_dim", checks, false);
        Integer experts = firstInteger(c, checks, "num_local_experts", "n_routed_experts", "num_experts");
        Integer perToken = integer(c, "num_experts_per_tok", checks, false);
        Integer moeIntermediate = integer(c, "moe_intermediate_size", checks, false);
        Integer intermediate = integer(c, "intermediate_size", checks, moeIntermediate == null);
        checks.check(heads == null || heads > 0, "num_attention_heads", "must be at least 1 (the head width divides by it)");
        checks.throwIfAny();

        if (kvHeads == null) {
            kvHeads = heads; // transformers' default: no num_key_value_heads means MHA
        }
        boolean mla = kvLoraRank != null && kvLoraRank > 0;
        if (headDim == null) {
            headDim = mla ? integer(c, "qk_nope_head_dim", checks, true) + (ropeDim == null ? 0 : ropeDim) : hidden / heads;
        }
        String attention = mla ? "mla" : kvHeads.equals(heads) ? "mha" : kvHeads == 1 ? "mqa" : "gqa";
        if (experts != null && experts <= 1) {
            experts = null;
        }
        boolean tied = Boolean.TRUE.equals(c.get("tie_word_embeddings")) || Boolean.TRUE.equals(config.get("tie_word_embeddings"));

        Integer window = null;
        Integer windowLayers = 0;
        Object sw = c.get("sliding_window");
        boolean swEnabled = !Boolean.FALSE.equals(c.get("use_sliding_window"));
        if (sw instanceof Number n && swEnabled && n.intValue() > 0 && n.intValue() < maxContext) {
            window = n.intValue();
            windowLayers = slidingLayers(c, layers);
        }

        int expertWidth = moeIntermediate != null ? moeIntermediate : intermediate;
        double[] params = parameters(c, layers, hidden, intermediate == null ? expertWidth : intermediate, heads, kvHeads,
                headDim, vocab, mla, experts, perToken, expertWidth, tied, checks);
        checks.throwIfAny();
        return new ModelEntry(id, null, null, round(params[0] / 1e9), experts == null ? null : round(params[1] / 1e9),
                layers, layers, hidden, experts == null ? intermediate : expertWidth, heads, kvHeads, headDim, vocab, maxContext,
                attention, mla ? kvLoraRank : null, mla ? ropeDim : null, window, window == null ? 0 : windowLayers,
                window == null ? null : "from config.json sliding_window / layer_types", experts, experts == null ? null : perToken,
                tied, null, null, null, null, null, null, null, null, sourceUrl, null, today, "Imported from a Hugging Face config.json; parameter counts derived from tensor shapes.",
                true);
    }

    /** Layers with sliding attention: {@code layer_types} when given, else all of them (Mistral-style SWA). */
    private static int slidingLayers(Map<String, Object> c, int layers) {
        if (c.get("layer_types") instanceof java.util.List<?> types) {
            return (int) types.stream().filter(t -> String.valueOf(t).contains("sliding")).count();
        }
        return layers;
    }

    /** [total, active] parameter counts from tensor shapes. */
    private static double[] parameters(Map<String, Object> c, int layers, int hidden, int intermediate, int heads,
                                       int kvHeads, int headDim, int vocab, boolean mla, Integer experts, Integer perToken,
                                       int expertWidth, boolean tied, FieldChecks checks) {
        double embeddings = (double) vocab * hidden * (tied ? 1 : 2);
        double attention;
        if (mla) {
            int rope = intOr(c, "qk_rope_head_dim", 0);
            int nope = intOr(c, "qk_nope_head_dim", headDim - rope);
            int vDim = intOr(c, "v_head_dim", nope);
            int kvRank = intOr(c, "kv_lora_rank", 0);
            int qRank = intOr(c, "q_lora_rank", 0);
            double q = qRank > 0 ? (double) hidden * qRank + (double) qRank * heads * (nope + rope) : (double) hidden * heads * (nope + rope);
            double kv = (double) hidden * (kvRank + rope) + (double) kvRank * heads * (nope + vDim);
            attention = q + kv + (double) heads * vDim * hidden;
        } else {
            attention = (double) hidden * headDim * (heads + 2.0 * kvHeads) + (double) heads * headDim * hidden;
        }
        double denseFfn = 3.0 * hidden * intermediate;
        if (experts == null) {
            double total = embeddings + layers * (attention + denseFfn);
            return new double[] {total, total};
        }
        if (perToken == null || perToken < 1 || perToken > experts) {
            checks.fail("num_experts_per_tok", "must be between 1 and the number of experts (" + experts + ")");
            return new double[] {1, 1};
        }
        int denseLayers = Math.min(layers, intOr(c, "first_k_dense_replace", 0));
        int shared = intOr(c, "n_shared_experts", 0);
        int sharedWidth = intOr(c, "shared_expert_intermediate_size", shared * expertWidth);
        double expert = 3.0 * hidden * expertWidth;
        double sharedFfn = 3.0 * hidden * sharedWidth;
        double router = (double) hidden * experts;
        int moeLayers = layers - denseLayers;
        double total = embeddings + layers * attention + denseLayers * denseFfn
                + moeLayers * (experts * expert + sharedFfn + router);
        double active = total - moeLayers * (double) (experts - perToken) * expert;
        return new double[] {total, active};
    }

    private static Integer firstInteger(Map<String, Object> c, FieldChecks checks, String... keys) {
        for (String k : keys) {
            Integer v = integer(c, k, checks, false);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static int intOr(Map<String, Object> c, String key, int fallback) {
        return c.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    private static Integer integer(Map<String, Object> c, String key, FieldChecks checks, boolean required) {
        Object v = c.get(key);
        if (v == null) {
            if (required) {
                checks.fail(key, "is required in config.json");
            }
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 0
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        checks.fail(key, "must be a non-negative whole number");
        return null;
    }

    private static double round(double billions) {
        return Math.round(billions * 1000.0) / 1000.0;
    }

    static ProblemException notAnObject() {
        return ProblemException.badRequest("body", "must be a config.json object");
    }
}
