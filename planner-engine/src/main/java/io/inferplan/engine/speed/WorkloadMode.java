package io.inferplan.engine.speed;

/** The contract's {@code workload.mode}: how requests reach the deployment. */
public enum WorkloadMode {
    /** One request at a time (concurrency 1), as {@code llama-bench} or a lone user measures. */
    SINGLE_STREAM,
    /** A closed loop of {@code concurrency} clients, each sending its next request when the last one finishes. */
    FIXED_CONCURRENCY,
    /** Poisson arrivals at {@code requestsPerSecond}; the answer adds queueing. */
    ARRIVAL_RATE,
    /** Every request queued at once; the deployment saturated (trtllm-bench, {@code --request-rate inf}). */
    MAX_THROUGHPUT;

    public static WorkloadMode parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
