package io.inferplan.engine.day;

/**
 * How long a new replica takes before it serves: its weights cross the network from the model store, are read from
 * the node's storage into accelerator memory, then the serving engine starts (graph capture, compilation, warm-up).
 *
 * <p>seconds = weightsBytes ÷ network bytes/s + weightsBytes ÷ storage read bytes/s + engineStartSeconds. The legs
 * add up (download, then load: vLLM's default of fetching a checkpoint to local disk before loading it); a leg that
 * is absent is skipped: weights already on the node (no network leg) or streamed straight from the network into
 * accelerator memory (no storage leg).
 *
 * @param networkGBps        model store → node, 10^9 bytes per second; null = the weights are already on the node
 * @param storageReadGBps    node storage → accelerators, 10^9 bytes per second; null = streamed, no storage leg
 * @param engineStartSeconds the serving engine's own start (process, compilation, CUDA graphs, warm-up), seconds
 */
public record ColdStart(Double networkGBps, Double storageReadGBps, double engineStartSeconds) {

    private static final double BYTES_PER_GB = 1e9;

    public ColdStart {
        if (networkGBps == null && storageReadGBps == null) {
            throw new IllegalArgumentException("storage: give a storage or a network leg (the weights come from somewhere)");
        }
        positive("network", networkGBps);
        positive("storage", storageReadGBps);
        if (!(engineStartSeconds >= 0) || !Double.isFinite(engineStartSeconds)) {
            throw new IllegalArgumentException("engineStartSeconds: must be a number >= 0");
        }
    }

    private static void positive(String name, Double gbps) {
        if (gbps != null && !(gbps > 0 && Double.isFinite(gbps))) {
            throw new IllegalArgumentException(name + ": bandwidth must be > 0 GB/s");
        }
    }

    /** Time on the network leg: bytes ÷ (GB/s × 10^9); 0 without one. */
    public double networkSeconds(double weightsBytes) {
        return networkGBps == null ? 0 : weightsBytes / (networkGBps * BYTES_PER_GB);
    }

    /** Time on the storage leg: bytes ÷ (GB/s × 10^9); 0 without one. */
    public double storageSeconds(double weightsBytes) {
        return storageReadGBps == null ? 0 : weightsBytes / (storageReadGBps * BYTES_PER_GB);
    }

    /** The whole cold start: both legs and the engine start, seconds. */
    public double seconds(double weightsBytes) {
        if (!(weightsBytes > 0)) {
            throw new IllegalArgumentException("weightsBytes: must be > 0");
        }
        return networkSeconds(weightsBytes) + storageSeconds(weightsBytes) + engineStartSeconds;
    }
}
