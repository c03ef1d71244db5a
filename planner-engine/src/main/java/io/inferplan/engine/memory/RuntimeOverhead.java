package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.ModelSpec;

import java.util.List;

/**
 * Memory outside weights and KV: CUDA context, activation workspace for the largest prefill chunk, CUDA graphs.
 */
public final class RuntimeOverhead {

    /** FP32 logits: 4 bytes per vocabulary entry. */
    public static final double LOGIT_BYTES = 4.0;

    private RuntimeOverhead() {
    }

    /**
     * CUDA/driver context and framework runtime per accelerator: {@code cuda_context_mib} (an engine assumption,
     * flagged in the warnings: no published figure in reference/).
     */
    public static double cudaContextBytes(List<NamedParameter> used) {
        FrameworkDefaults.Row r = FrameworkDefaults.bundled().require("*", "cuda_context_mib", null, null, 1);
        used.add(r.named());
        return Units.bytesFromMiB(r.asDouble());
    }

    /**
     * Activation workspace of one forward pass over a chunk of {@code chunkTokens} tokens (vLLM profiles exactly
     * this: a dummy forward of max_num_batched_tokens): the live intermediates of one layer (PyTorch frees them
     * layer by layer) plus fp32 logits of the sequences sampled in that step.
     * <pre>
     * elements per token = 3 × hidden (residual, normed input, projection output)
     *                    + (heads + 2 × kvHeads) × headDim / TP (q, k, v) + heads × headDim / TP (attention output)
     *                    + 3 × ffnWidth / TP (gate, up, activation), ffnWidth = intermediate × (MoE: experts per token)
     * bytes = chunkTokens × elements × activation bytes + min(sequences, chunkTokens) × vocab × 4 B
     * </pre>
     * An engine estimate (no framework publishes a closed form); the activation byte width is a flagged default.
     */
    public static double activationBytes(ModelSpec m, int chunkTokens, int sequences, int tensorParallel,
                                         List<NamedParameter> used) {
        FrameworkDefaults.Row r = FrameworkDefaults.bundled().require("*", "activation_bytes_per_element", null, null, 1);
        used.add(r.named());
        double ffnWidth = (double) m.intermediateSize() * (m.isMoe() ? m.expertsPerToken() : 1);
        double perToken = 3.0 * m.hiddenSize()
                + ((double) m.attentionHeads() + 2.0 * m.kvHeads()) * m.headDim() / tensorParallel
                + (double) m.attentionHeads() * m.headDim() / tensorParallel
                + 3.0 * ffnWidth / tensorParallel;
        double logits = Math.min(sequences, chunkTokens) * (double) m.vocabSize() * LOGIT_BYTES;
        return chunkTokens * perToken * r.asDouble() + logits;
    }

    /**
     * Largest batch captured as a CUDA graph: vLLM min(max_num_seqs × 2, 512, max_num_batched_tokens)
     * (vllm/config/vllm.py _set_cudagraph_sizes); SGLang cuda_graph_max_bs; TensorRT-LLM 128; TGI 32.
     */
    public static int cudaGraphMaxBatch(ResolvedServing s, AcceleratorSpec acc, int tensorParallel,
                                        List<NamedParameter> used) {
        FrameworkDefaults d = FrameworkDefaults.bundled();
        return switch (s.framework()) {
            case "vllm" -> {
                FrameworkDefaults.Row r = d.require("vllm", "max_cudagraph_capture_size", s.frameworkVersion(), acc,
                        tensorParallel);
                used.add(r.named());
                yield Math.min(Math.min(s.maxConcurrentSequences() * 2, r.asInt()), s.maxBatchedTokens());
            }
            case "sglang" -> {
                FrameworkDefaults.Row r = d.require("sglang", "cuda_graph_max_bs", s.frameworkVersion(), acc,
                        tensorParallel);
                used.add(r.named());
                yield r.asInt();
            }
            default -> d.find(s.framework(), "max_cudagraph_capture_size", s.frameworkVersion(), acc, tensorParallel)
                    .map(r -> {
                        used.add(r.named());
                        return r.asInt();
                    }).orElse(0);
        };
    }

    /**
     * CUDA graph memory: largest captured batch × {@code cuda_graph_mib_per_batch_slot} (2 MiB, SGLang's reserve
     * rule; the other frameworks publish no size). 0 when graphs are off.
     */
    public static double cudaGraphBytes(ResolvedServing s, AcceleratorSpec acc, int tensorParallel,
                                        List<NamedParameter> used) {
        if (!s.cudaGraphs()) {
            return 0;
        }
        int maxBatch = cudaGraphMaxBatch(s, acc, tensorParallel, used);
        FrameworkDefaults.Row r = FrameworkDefaults.bundled().require("*", "cuda_graph_mib_per_batch_slot", null, null, 1);
        used.add(r.named());
        return maxBatch * Units.bytesFromMiB(r.asDouble());
    }
}
