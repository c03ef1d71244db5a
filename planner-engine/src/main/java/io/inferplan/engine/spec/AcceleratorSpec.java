package io.inferplan.engine.spec;

/**
 * One accelerator in engine units (bytes, bytes per second, FLOP/s; converted once from the datasheet's GB,
 * GB/s and TFLOPS by the caller). A FLOPS figure of 0 means the datasheet gives none (not "unsupported").
 *
 * @param memoryBytes                  device memory (decimal GB as marketed × 10^9)
 * @param memoryBandwidthBytesPerSecond datasheet memory bandwidth
 * @param fp16FlopsPerSecond            dense FP16/BF16 tensor throughput, 0 if unknown
 * @param fp8FlopsPerSecond             dense FP8, 0 if unknown or unsupported
 * @param fp4FlopsPerSecond             dense FP4, 0 if unknown or unsupported
 * @param int8OpsPerSecond              dense INT8, 0 if unknown
 * @param interconnect                  how several of these talk to each other
 * @param linkBandwidthBytesPerSecond   one direction, per device, of that link
 * @param unifiedMemory                 memory shared with the host (Apple Silicon, GB10, CPUs)
 */
public record AcceleratorSpec(
        String id,
        Architecture architecture,
        double memoryBytes,
        double memoryBandwidthBytesPerSecond,
        double fp16FlopsPerSecond,
        double fp8FlopsPerSecond,
        double fp4FlopsPerSecond,
        double int8OpsPerSecond,
        double tdpWatts,
        Interconnect interconnect,
        double linkBandwidthBytesPerSecond,
        boolean unifiedMemory) {

    public AcceleratorSpec {
        ModelSpec.require(memoryBytes > 0, "memoryBytes", "must be > 0");
        ModelSpec.require(memoryBandwidthBytesPerSecond > 0, "memoryBandwidthBytesPerSecond", "must be > 0");
        ModelSpec.require(fp16FlopsPerSecond >= 0 && fp8FlopsPerSecond >= 0 && fp4FlopsPerSecond >= 0
                && int8OpsPerSecond >= 0, "flopsPerSecond", "must be >= 0");
        ModelSpec.require(linkBandwidthBytesPerSecond >= 0, "linkBandwidthBytesPerSecond", "must be >= 0");
    }

    /** Device-to-device link used by tensor-parallel all-reduce; ICI = Google TPU inter-chip interconnect. */
    public enum Interconnect { NVLINK, INFINITY_FABRIC, ICI, PCIE, NONE }
}
