package io.inferplan.engine.calibration.imports;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * llama.cpp's own names mapped to catalog ids. The file type names are {@code llama_model_ftype_name} in
 * llama.cpp {@code src/llama-model-loader.cpp} (commit 3074b500), which {@code llama-bench} prints at the end of
 * {@code model_type} ("qwen2 7B Q4_K - Medium"); only the types the weight-format catalog has are mapped.
 */
final class LlamaCppNames {

    /** ftype name → weight format id; longest names first so "Q4_K - Medium" wins over shorter matches. */
    private static final Map<String, String> FILE_TYPES = new LinkedHashMap<>();

    static {
        FILE_TYPES.put("Q4_K - Medium", "gguf-q4_k_m");
        FILE_TYPES.put("Q5_K - Medium", "gguf-q5_k_m");
        FILE_TYPES.put("Q3_K - Medium", "gguf-q3_k_m");
        FILE_TYPES.put("Q2_K - Medium", "gguf-q2_k");
        FILE_TYPES.put("IQ4_XS - 4.25 bpw", "gguf-iq4_xs");
        FILE_TYPES.put("MXFP4 MoE", "mxfp4");
        FILE_TYPES.put("Q6_K", "gguf-q6_k");
        FILE_TYPES.put("Q8_0", "gguf-q8_0");
        FILE_TYPES.put("Q4_0", "gguf-q4_0");
        FILE_TYPES.put("BF16", "bf16");
        FILE_TYPES.put("F16", "fp16");
    }

    /** ggml type names of the KV cache ({@code -ctk}) → KV-cache format ids. */
    private static final Map<String, String> KV_TYPES = Map.of("f16", "fp16", "bf16", "bf16", "q8_0", "q8_0",
            "q4_0", "q4_0");

    private LlamaCppNames() {
    }

    /** The weight format id for llama-bench's {@code model_type}, or null when its file type is not in the catalog. */
    static String weightFormat(String modelType) {
        if (modelType == null) {
            return null;
        }
        String t = modelType.replace(" (guessed)", "").trim();
        for (Map.Entry<String, String> e : FILE_TYPES.entrySet()) {
            if (t.endsWith(" " + e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The file-type part of {@code model_type} (after the architecture and size words), for messages. */
    static String fileType(String modelType) {
        if (modelType == null) {
            return null;
        }
        String[] words = modelType.trim().split("\\s+", 3);
        return words.length == 3 ? words[2] : modelType;
    }

    static String kvCacheFormat(String ggmlType) {
        return ggmlType == null ? null : KV_TYPES.get(ggmlType.toLowerCase(Locale.ROOT));
    }
}
