package io.inferplan.engine.spec;

/**
 * How the accelerators of a deployment are split (contract {@code parallelism} block).
 * tensorParallel × pipelineParallel × replicas = acceleratorCount.
 *
 * @param tensorParallel   accelerators that split every layer's weights and KV heads (TP degree)
 * @param pipelineParallel stages that split the layers (PP degree)
 * @param replicas         independent copies of the model, each with TP × PP accelerators
 */
public record Parallelism(int tensorParallel, int pipelineParallel, int replicas) {

    public Parallelism {
        ModelSpec.require(tensorParallel >= 1 && tensorParallel <= 1024, "tensorParallel", "must be between 1 and 1024 accelerators");
        ModelSpec.require(pipelineParallel >= 1 && pipelineParallel <= 1024, "pipelineParallel", "must be between 1 and 1024 stages");
        ModelSpec.require(replicas >= 1 && replicas <= 100_000, "replicas", "must be between 1 and 100000");
    }

    /** Accelerators of one replica: TP × PP. */
    public int acceleratorsPerReplica() {
        return tensorParallel * pipelineParallel;
    }

    /** All accelerators: TP × PP × replicas. */
    public int acceleratorCount() {
        return acceleratorsPerReplica() * replicas;
    }

    /** The contract's default: one replica with every accelerator in tensor parallel. */
    public static Parallelism tensorParallel(int acceleratorCount) {
        return new Parallelism(acceleratorCount, 1, 1);
    }

    public static Parallelism single() {
        return new Parallelism(1, 1, 1);
    }
}
