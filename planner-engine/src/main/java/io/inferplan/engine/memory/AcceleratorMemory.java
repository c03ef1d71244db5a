package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;

/**
 * Device memory capacity. {@link AcceleratorSpec#memoryBytes()} holds the marketed figure as decimal GB × 10^9.
 * Device DRAM is sold in JEDEC "GB", which are binary: an "80 GB" H100 or A100 has 80 GiB (nvidia-smi shows
 * 81,559 MiB usable on H100), a "32 GB" RTX-50-class card reports "total 31.84 GiB" to TensorRT-LLM
 * (reference/memory.csv M073, https://github.com/NVIDIA/TensorRT-LLM/issues/4275). Reading the marketed number as
 * 10^9 bytes would understate every card by 7.4 % (80 GB → 74.5 GiB) and, e.g., make Llama-3.1-70B FP8 miss a
 * single 80 GB card on which vLLM runs it with a 4k context (memory.csv M075). So:
 * <pre>capacity bytes = marketed GB × 2^30 = memoryBytes / 10^9 × 2^30</pre>
 * What drivers reserve below that is covered by the CUDA-context term of {@link RuntimeOverhead}.
 */
public final class AcceleratorMemory {

    private AcceleratorMemory() {
    }

    /** Marketed GB, read back from memoryBytes: memoryBytes / 10^9. */
    public static double marketedGB(AcceleratorSpec acc) {
        return acc.memoryBytes() / Units.BYTES_PER_GB;
    }

    /** marketed GB × 2^30 (JEDEC binary GB). */
    public static double capacityBytes(AcceleratorSpec acc) {
        return marketedGB(acc) * Units.BYTES_PER_GIB;
    }

    public static double capacityGiB(AcceleratorSpec acc) {
        return Units.gib(capacityBytes(acc));
    }
}
