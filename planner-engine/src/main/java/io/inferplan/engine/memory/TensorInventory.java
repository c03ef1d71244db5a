package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The weight tensors of a model, counted from its architecture fields (GGUF tensor names). Standard decoder
 * (Llama/Qwen/Mistral/Gemma/gpt-oss shape): per layer attn_q (hidden × heads·headDim), attn_k and attn_v
 * (hidden × kvHeads·headDim), attn_output (heads·headDim × hidden), a gated FFN of three hidden × intermediate
 * matrices (MoE: one such triple per routed expert plus a hidden × experts router), two RMSNorm vectors; then
 * token_embd and output (vocab × hidden; output absent when embeddings are tied) and the final norm.
 * MLA (DeepSeek-V3): attn_q hidden × heads·headDim, attn_kv_a_mqa hidden × (kv_lora_rank + rope),
 * attn_kv_b kv_lora_rank × heads·(2·(headDim − rope)), attn_output heads·(headDim − rope) × hidden
 * (q_lora, shared experts, dense first layers and MTP layers are not in ModelSpec: they end up in the
 * reconciliation remainder, see {@link WeightModel}).
 */
public final class TensorInventory {

    private TensorInventory() {
    }

    /**
     * One group of same-shaped tensors, before a storage type is chosen.
     *
     * @param rowLength ne[0] in GGUF terms: the input width, which must be a multiple of 256 for K-quants
     */
    public record Shape(String name, TensorGroup.Kind kind, int count, double parametersPerTensor, long rowLength) {
        public double parameters() {
            return count * parametersPerTensor;
        }
    }

    public static List<Shape> of(ModelSpec m) {
        List<Shape> s = new ArrayList<>();
        double h = m.hiddenSize();
        int n = m.layers();
        s.add(new Shape("token_embd", TensorGroup.Kind.EMBEDDING, 1, (double) m.vocabSize() * h, m.hiddenSize()));
        if (!m.tiedEmbeddings()) {
            s.add(new Shape("output", TensorGroup.Kind.OUTPUT_HEAD, 1, (double) m.vocabSize() * h, m.hiddenSize()));
        }
        long qWidth = (long) m.attentionHeads() * m.headDim();
        if (m.attention() == AttentionKind.MLA) {
            long vDim = (long) m.headDim() - m.mlaQkRopeHeadDim();
            s.add(new Shape("blk.attn_q", TensorGroup.Kind.ATTENTION, n, h * qWidth, m.hiddenSize()));
            s.add(new Shape("blk.attn_kv_a_mqa", TensorGroup.Kind.ATTENTION, n,
                    h * (m.mlaKvLoraRank() + m.mlaQkRopeHeadDim()), m.hiddenSize()));
            s.add(new Shape("blk.attn_kv_b", TensorGroup.Kind.ATTENTION, n,
                    (double) m.mlaKvLoraRank() * m.attentionHeads() * 2 * vDim, m.mlaKvLoraRank()));
            s.add(new Shape("blk.attn_output", TensorGroup.Kind.ATTENTION, n,
                    (double) m.attentionHeads() * vDim * h, m.attentionHeads() * vDim));
        } else {
            long kvWidth = (long) m.kvHeads() * m.headDim();
            s.add(new Shape("blk.attn_q", TensorGroup.Kind.ATTENTION, n, h * qWidth, m.hiddenSize()));
            s.add(new Shape("blk.attn_k", TensorGroup.Kind.ATTENTION, n, h * kvWidth, m.hiddenSize()));
            s.add(new Shape("blk.attn_v", TensorGroup.Kind.ATTENTION, n, h * kvWidth, m.hiddenSize()));
            s.add(new Shape("blk.attn_output", TensorGroup.Kind.ATTENTION, n, (double) qWidth * h, qWidth));
        }
        double ffn = h * m.intermediateSize();
        if (m.isMoe()) {
            s.add(new Shape("blk.ffn_gate_inp", TensorGroup.Kind.ROUTER, n, h * m.experts(), m.hiddenSize()));
            s.add(new Shape("blk.ffn_gate_exps", TensorGroup.Kind.EXPERT_FFN, n, ffn * m.experts(), m.hiddenSize()));
            s.add(new Shape("blk.ffn_up_exps", TensorGroup.Kind.EXPERT_FFN, n, ffn * m.experts(), m.hiddenSize()));
            s.add(new Shape("blk.ffn_down_exps", TensorGroup.Kind.EXPERT_FFN, n, ffn * m.experts(), m.intermediateSize()));
        } else {
            s.add(new Shape("blk.ffn_gate", TensorGroup.Kind.FFN, n, ffn, m.hiddenSize()));
            s.add(new Shape("blk.ffn_up", TensorGroup.Kind.FFN, n, ffn, m.hiddenSize()));
            s.add(new Shape("blk.ffn_down", TensorGroup.Kind.FFN, n, ffn, m.intermediateSize()));
        }
        s.add(new Shape("blk.norms", TensorGroup.Kind.NORM, n, 2 * h, m.hiddenSize()));
        s.add(new Shape("output_norm", TensorGroup.Kind.NORM, 1, h, m.hiddenSize()));
        return s;
    }

    /** Σ parameters of {@link #of}. */
    public static double derivedParameters(ModelSpec m) {
        return of(m).stream().mapToDouble(Shape::parameters).sum();
    }
}
