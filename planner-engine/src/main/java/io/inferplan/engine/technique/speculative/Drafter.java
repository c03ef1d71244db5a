package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.memory.KvCacheModel;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.physics.StepPhysics;

/**
 * What proposes the drafts, as a model the step physics can time and the memory answer can count.
 * <ul>
 * <li>draft-model: the named catalog model, in the target's weight format, on the target's tensor-parallel group
 *     (vLLM's {@code draft_tensor_parallel_size} defaults to the target's);</li>
 * <li>eagle and mtp: one decoder layer of the target's shape plus an output head of vocab × hidden (EAGLE's draft
 *     head; DeepSeek's MTP module is one transformer block with the shared head, run k times EAGLE-style —
 *     TensorRT-LLM tech blog 2). Its weights are the target's per-layer average; its KV one layer;</li>
 * <li>ngram: no model (prompt lookup on the CPU or a small kernel).</li>
 * </ul>
 * Draft steps run inside one engine iteration, so they pay the fitted bandwidth, compute and all-reduce terms but not
 * the per-iteration scheduling and per-sequence CPU overheads, which the target's verification step pays once. Where
 * the draft loop is not captured in a CUDA graph — llama.cpp and Ollama draft with one {@code llama_decode} call per
 * token (llama.cpp common/speculative.cpp) — each draft pass also pays the fitted per-step overhead.
 *
 * @param model           the draft model or head (null for ngram)
 * @param weightBytes     draft weights in one replica (one copy, split over its tensor-parallel ranks)
 * @param kvBytesPerToken draft KV bytes per token, whole draft (all its layers)
 */
public record Drafter(ModelSpec model, double weightBytes, double kvBytesPerToken) {

    public static final Drafter NONE = new Drafter(null, 0, 0);
    /** Frameworks that run each draft pass as its own decode call (no graph capture of the draft loop). */
    static final java.util.Set<String> UNGRAPHED_DRAFTS = java.util.Set.of("llama.cpp", "ollama");

    /** The drafter for a method: the catalog draft model, the head built from the target, or none. */
    public static Drafter of(SpeculativeMethod method, ModelSpec target, ModelSpec draftModel, double bitsPerWeight,
                             NumberFormatSpec kvFormat) {
        switch (method) {
            case DRAFT_MODEL:
                return new Drafter(draftModel, draftModel.totalParameters() * bitsPerWeight / 8.0,
                        KvCacheModel.bytesPerToken(draftModel, kvFormat));
            case EAGLE:
            case MTP: {
                ModelSpec head = head(target);
                return new Drafter(head, head.totalParameters() * bitsPerWeight / 8.0,
                        KvCacheModel.bytesPerToken(target, kvFormat) / target.kvLayers());
            }
            default:
                return NONE;
        }
    }

    /**
     * One decoder layer of the target (its non-embedding parameters ÷ layers, total and active) plus an output head
     * of vocab × hidden parameters read every draft step.
     */
    static ModelSpec head(ModelSpec m) {
        double embedding = (double) m.vocabSize() * m.hiddenSize();
        double embeddings = embedding * (m.tiedEmbeddings() ? 1 : 2);
        double perLayer = Math.max(0, m.totalParameters() - embeddings) / m.layers();
        double activePerLayer = m.activeParameters() > embeddings
                ? (m.activeParameters() - embeddings) / m.layers() : perLayer * m.activeParameters() / m.totalParameters();
        return new ModelSpec(m.id() + "-draft-head", perLayer + embedding, Math.min(perLayer, activePerLayer) + embedding,
                1, 1, m.hiddenSize(), m.intermediateSize(), m.attentionHeads(), m.kvHeads(), m.headDim(),
                m.vocabSize(), m.maxContextTokens(), m.attention(), m.mlaKvLoraRank(), m.mlaQkRopeHeadDim(), 0, 0,
                m.experts(), m.expertsPerToken(), false);
    }

    public boolean runs() {
        return model != null;
    }

    /**
     * The draft's step physics on the replica's accelerators, tensor-parallel group and link, with the target's
     * fitted efficiencies minus the per-iteration overheads (see the class comment).
     */
    public StepPhysics physics(ReplicaSetup rs, double bitsPerWeight) {
        Efficiency e = rs.efficiency();
        boolean separateCalls = UNGRAPHED_DRAFTS.contains(rs.input().framework().id());
        Efficiency inner = new Efficiency(e.bandwidthFraction(), e.decodeComputeFraction(), e.prefillComputeFraction(),
                separateCalls ? e.stepOverheadSeconds() : 0, 0, e.allReduceLatencyNvlinkSeconds(),
                e.allReduceLatencyPcieSeconds(), e.linkFraction(), e.substituteFlopsPerByte(), 0, e.pcieLinkFraction(),
                e.eagerLayerOverheadSeconds(), 0);
        var in = rs.input();
        return new StepPhysics(model, bitsPerWeight, kvBytesPerToken, in.accelerator(),
                ReplicaSetup.peakFlops(in.accelerator(), FormatClass.of(in.weightFormat())),
                in.serving().linkOverride() != null ? in.serving().linkOverride() : in.accelerator().interconnect(),
                in.tensorParallel(), 1, inner, rs.policy().microBatchTokens(),
                !Boolean.FALSE.equals(in.serving().cudaGraphs()), false);
    }
}
