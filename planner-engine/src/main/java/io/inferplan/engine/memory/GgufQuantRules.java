package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * llama.cpp's per-tensor type choice for a GGUF file type ("ftype"): a K-quant mix is not one bit width. Transcribed
 * from {@code llama_tensor_get_type} in src/llama-quant.cpp (ggml-org/llama.cpp), for the non-imatrix-dependent
 * rules of the ftypes below:
 * <ul>
 * <li>output (or token_embd when embeddings are tied): Q6_K unless the ftype is Q8_0 (then Q8_0);</li>
 * <li>token_embd (untied): the ftype's default type;</li>
 * <li>attn_v: Q2_K → Q4_K if n_head/n_kv_head ≥ 4 else Q3_K; Q3_K_M → Q5_K for the first 2 layers else Q4_K;
 *     Q3_K_L → Q5_K; IQ4_XS with GQA ≥ 4 → Q5_K; Q4_K_M / Q5_K_M → Q6_K where use_more_bits(i, n);
 *     Q4_K_S → Q5_K for the first 4 layers; then 70B-class models (80 layers) lift Q3_K/Q4_K to Q5_K; 8-expert
 *     models (Mixtral) → Q8_0;</li>
 * <li>attn_k: 8-expert models → Q8_0;</li>
 * <li>ffn_down (and ffn_down_exps): Q2_K → Q3_K; Q3_K_M → Q5_K for i &lt; n/16 else Q4_K; Q3_K_L → Q5_K;
 *     Q4_K_M / Q5_K_M → Q6_K where use_more_bits(i, n); Q4_K_S, and IQ4_XS quantized without an importance
 *     matrix (assumed), → Q5_K for i &lt; n/8;</li>
 * <li>attn_output: 8-expert models with Q2_K, Q3_K_S, Q3_K_M, Q4_K_S, Q4_K_M, IQ4_XS → Q5_K; otherwise Q2_K → Q3_K,
 *     Q3_K_M → Q4_K, Q3_K_L → Q5_K;</li>
 * <li>1-D tensors (norms) and the MoE router (ffn_gate_inp) stay F32;</li>
 * <li>rows not a multiple of 256 fall back ({@link GgufType#fallbackForOddRows()}), and to F16 when the fallback's
 *     block does not divide the row either.</li>
 * </ul>
 * Checked against the stored text of llama-quant.cpp ({@code llama_tensor_get_type}); not modelled: fused attn_qkv
 * tensors (Phi-3: Q4_K_M → Q5_K), Falcon's variants, the IQ1/IQ2/IQ3 types, MXFP4_MOE, and the importance-matrix
 * variants (IQ4_XS is assumed quantized without one, which reproduces the published Llama-3.1-8B file exactly).
 * <ul>
 * </ul>
 * use_more_bits(i, n) = i &lt; n/8 || i ≥ 7n/8 || (i − n/8) mod 3 == 2 (integer division): half the layers.
 */
public final class GgufQuantRules {

    private GgufQuantRules() {
    }

    /** llama.cpp file types this model knows, each with its default (bulk) tensor type. */
    public enum FileType {
        F16(GgufType.F16), BF16(GgufType.BF16), Q8_0(GgufType.Q8_0), Q6_K(GgufType.Q6_K),
        Q5_K_S(GgufType.Q5_K), Q5_K_M(GgufType.Q5_K), Q4_K_S(GgufType.Q4_K), Q4_K_M(GgufType.Q4_K),
        Q4_0(GgufType.Q4_0), Q3_K_S(GgufType.Q3_K), Q3_K_M(GgufType.Q3_K), Q3_K_L(GgufType.Q3_K),
        Q2_K(GgufType.Q2_K), IQ4_XS(GgufType.IQ4_XS);

        private final GgufType defaultType;

        FileType(GgufType defaultType) {
            this.defaultType = defaultType;
        }

        public GgufType defaultType() {
            return defaultType;
        }

        public boolean quantized() {
            return this != F16 && this != BF16;
        }

        /** "gguf-q4_k_m" → Q4_K_M; "gguf-f16" → F16; empty when llama.cpp rules for it are not transcribed. */
        public static Optional<FileType> fromFormatId(String formatId) {
            String s = formatId.trim().toUpperCase(Locale.ROOT).replaceFirst("^GGUF[-_]", "");
            for (FileType t : values()) {
                if (t.name().equals(s)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** use_more_bits(i, n) of llama-quant.cpp. */
    public static boolean useMoreBits(int i, int n) {
        return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2;
    }

    /**
     * The storage type llama.cpp gives tensor {@code shape} of layer {@code layer} (0 for non-layer tensors).
     */
    public static GgufType typeFor(FileType ft, TensorInventory.Shape shape, int layer, ModelSpec m) {
        if (shape.kind() == TensorGroup.Kind.NORM || shape.kind() == TensorGroup.Kind.ROUTER) {
            return GgufType.F32;
        }
        if (!ft.quantized()) {
            return ft.defaultType();
        }
        GgufType t = chosen(ft, shape, layer, m);
        if (t.needsSuperBlockRows() && shape.rowLength() % 256 != 0) {
            t = t.fallbackForOddRows();
            if (shape.rowLength() % t.blockWeights() != 0) {
                t = GgufType.F16;
            }
        }
        return t;
    }

    private static GgufType chosen(FileType ft, TensorInventory.Shape shape, int i, ModelSpec m) {
        int n = m.layers();
        boolean eightExperts = m.experts() == 8;
        int gqa = m.attentionHeads() / m.kvHeads();
        String name = shape.name();
        boolean isOutput = shape.kind() == TensorGroup.Kind.OUTPUT_HEAD
                || (shape.kind() == TensorGroup.Kind.EMBEDDING && m.tiedEmbeddings());
        if (isOutput) {
            return ft == FileType.Q8_0 ? GgufType.Q8_0 : GgufType.Q6_K;
        }
        if (shape.kind() == TensorGroup.Kind.EMBEDDING) {
            return ft.defaultType();
        }
        GgufType t = ft.defaultType();
        switch (name) {
            case "blk.attn_v" -> {
                switch (ft) {
                    case Q2_K -> t = gqa >= 4 ? GgufType.Q4_K : GgufType.Q3_K;
                    case Q3_K_M -> t = i < 2 ? GgufType.Q5_K : GgufType.Q4_K;
                    case Q3_K_L -> t = GgufType.Q5_K;
                    case IQ4_XS -> t = gqa >= 4 ? GgufType.Q5_K : t;
                    case Q4_K_M, Q5_K_M -> t = useMoreBits(i, n) ? GgufType.Q6_K : t;
                    case Q4_K_S -> t = i < 4 ? GgufType.Q5_K : t;
                    default -> { }
                }
                if (n == 80 && (t == GgufType.Q3_K || t == GgufType.Q4_K)) {
                    t = GgufType.Q5_K; // LLM_TYPE_70B: attn_v is 8x smaller than attn_q, so more bits are cheap
                }
                if (eightExperts) {
                    t = GgufType.Q8_0;
                }
            }
            case "blk.attn_k" -> {
                if (eightExperts) {
                    t = GgufType.Q8_0;
                }
            }
            case "blk.ffn_down", "blk.ffn_down_exps" -> {
                switch (ft) {
                    case Q2_K -> t = GgufType.Q3_K;
                    case Q3_K_M -> t = i < n / 16 ? GgufType.Q5_K : GgufType.Q4_K;
                    case Q3_K_L -> t = GgufType.Q5_K;
                    case Q4_K_M, Q5_K_M -> t = useMoreBits(i, n) ? GgufType.Q6_K : t;
                    case Q4_K_S -> t = i < n / 8 ? GgufType.Q5_K : t;
                    case IQ4_XS -> t = i < n / 8 ? GgufType.Q5_K : t; // without an importance matrix
                    default -> { }
                }
            }
            case "blk.attn_output" -> {
                if (eightExperts) {
                    switch (ft) {
                        case Q2_K, Q3_K_S, Q3_K_M, Q4_K_S, Q4_K_M, IQ4_XS -> t = GgufType.Q5_K;
                        default -> { }
                    }
                } else {
                    switch (ft) {
                        case Q2_K -> t = GgufType.Q3_K;
                        case Q3_K_M -> t = GgufType.Q4_K;
                        case Q3_K_L -> t = GgufType.Q5_K;
                        default -> { }
                    }
                }
            }
            default -> { }
        }
        return t;
    }
}
