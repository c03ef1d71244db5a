package io.inferplan.engine.spec;

/**
 * The host RAM a CPU-only deployment runs from, as the buyer populates it (contract {@code host} block): a CPU's
 * "device memory" is the DIMMs in its channels. Peak bandwidth = channels × transfer rate × 8 bytes (each DDR channel
 * moves 64 bits per transfer; a DDR5 DIMM's two 32-bit subchannels make the same 64 bits).
 *
 * @param memoryGB          installed RAM, GB (decimal, as DIMMs are sold)
 * @param memoryChannels    populated memory channels
 * @param transferRateMTps  DIMM speed, megatransfers per second (DDR5-4800 = 4800)
 */
public record HostMemory(double memoryGB, int memoryChannels, double transferRateMTps) {

    /** Bytes one channel moves per transfer: 64 bits. */
    public static final double BYTES_PER_TRANSFER = 8.0;

    public HostMemory {
        ModelSpec.require(memoryGB > 0, "host.hostMemoryGB", "must be > 0 GB");
        ModelSpec.require(memoryChannels >= 1, "host.memoryChannels", "must be >= 1 channel");
        ModelSpec.require(transferRateMTps > 0, "host.memoryTransferRateMTps", "must be > 0 MT/s");
    }

    /** channels × MT/s × 10^6 × 8 B. */
    public double bandwidthBytesPerSecond() {
        return memoryChannels * transferRateMTps * 1e6 * BYTES_PER_TRANSFER;
    }

    /** The CPU with this RAM: its memory and its bandwidth replaced, everything else kept. */
    public AcceleratorSpec applyTo(AcceleratorSpec cpu) {
        return new AcceleratorSpec(cpu.id(), cpu.architecture(), memoryGB * 1e9, bandwidthBytesPerSecond(),
                cpu.fp16FlopsPerSecond(), cpu.fp8FlopsPerSecond(), cpu.fp4FlopsPerSecond(), cpu.int8OpsPerSecond(),
                cpu.tdpWatts(), cpu.interconnect(), cpu.linkBandwidthBytesPerSecond(), true);
    }
}
