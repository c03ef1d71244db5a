package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.Parallelism;

/**
 * Weights on the most loaded accelerator of a replica. Tensor parallel splits every matrix (vocab-parallel
 * embedding and head included) across TP ranks; norms are replicated. Pipeline parallel gives each stage
 * ceil(layers / PP) layers; the first stage also holds the token embedding and the last the output head (with tied
 * embeddings the last stage holds its own copy of the embedding matrix as head).
 * <pre>
 * stage bytes = layer bytes × ceil(layers/PP)/layers + (first: embedding, last: head)   (PP = 1: everything)
 * per accelerator = max over stages of (stage bytes − norm bytes) / TP + norm bytes
 * </pre>
 */
public final class Sharding {

    private Sharding() {
    }

    public static double weightsBytesPerAccelerator(WeightBreakdown w, ModelSpec m, Parallelism p) {
        return weightsBytesPerAccelerator(Sums.of(w), m, p);
    }

    /**
     * The byte sums the split needs, worked out once per breakdown (the fewest-accelerators search tries several
     * splits of the same weights).
     *
     * @param outputHeadBytes the output head's own tensors (none when the embeddings are tied)
     */
    public record Sums(double totalBytes, double embeddingBytes, double outputHeadBytes, double normBytes) {
        public static Sums of(WeightBreakdown w) {
            return new Sums(w.totalBytes(), w.bytesOf(TensorGroup.Kind.EMBEDDING),
                    w.bytesOf(TensorGroup.Kind.OUTPUT_HEAD), w.bytesOf(TensorGroup.Kind.NORM));
        }
    }

    public static double weightsBytesPerAccelerator(Sums w, ModelSpec m, Parallelism p) {
        double embed = w.embeddingBytes();
        double head = m.tiedEmbeddings() ? embed : w.outputHeadBytes();
        double norms = w.normBytes();
        double layerBytes = w.totalBytes() - w.embeddingBytes() - w.outputHeadBytes() - norms;
        double stage;
        if (p.pipelineParallel() == 1) {
            stage = w.totalBytes() - norms;
        } else {
            double share = Math.ceil((double) m.layers() / p.pipelineParallel()) / m.layers();
            stage = layerBytes * share + Math.max(embed, head);
        }
        return stage / p.tensorParallel() + norms;
    }
}
