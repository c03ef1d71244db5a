package io.inferplan.engine.speed;

/**
 * The workload the speed model answers for (the contract's {@code workload} block, engine units).
 *
 * @param inputTokens        prompt tokens per request, at least 1
 * @param outputTokens       generated tokens per request, at least 1
 * @param concurrency        requests in flight for {@link WorkloadMode#FIXED_CONCURRENCY}; 1 for single-stream
 * @param requestsPerSecond  Poisson arrival rate for {@link WorkloadMode#ARRIVAL_RATE}, else 0
 * @param sharedPrefixTokens leading prompt tokens identical across requests (system prompt), 0..inputTokens
 */
public record SpeedWorkload(WorkloadMode mode, int inputTokens, int outputTokens, int concurrency,
                            double requestsPerSecond, int sharedPrefixTokens) {

    public SpeedWorkload {
        require(mode != null, "mode", "must be given");
        require(inputTokens >= 1, "inputTokens", "must be >= 1 token");
        require(outputTokens >= 1, "outputTokens", "must be >= 1 token");
        require(concurrency >= 1, "concurrency", "must be >= 1 request");
        require(requestsPerSecond >= 0 && Double.isFinite(requestsPerSecond), "requestsPerSecond",
                "must be a finite rate >= 0 requests/s");
        require(mode != WorkloadMode.ARRIVAL_RATE || requestsPerSecond > 0, "requestsPerSecond",
                "must be > 0 requests/s in arrival-rate mode");
        require(sharedPrefixTokens >= 0 && sharedPrefixTokens <= inputTokens, "sharedPrefixTokens",
                "must be between 0 and inputTokens");
        if (mode == WorkloadMode.SINGLE_STREAM) {
            concurrency = 1;
        }
    }

    public static SpeedWorkload singleStream(int in, int out) {
        return new SpeedWorkload(WorkloadMode.SINGLE_STREAM, in, out, 1, 0, 0);
    }

    public static SpeedWorkload fixedConcurrency(int in, int out, int concurrency) {
        return new SpeedWorkload(WorkloadMode.FIXED_CONCURRENCY, in, out, concurrency, 0, 0);
    }

    public static SpeedWorkload arrivalRate(int in, int out, double requestsPerSecond) {
        return new SpeedWorkload(WorkloadMode.ARRIVAL_RATE, in, out, 1, requestsPerSecond, 0);
    }

    public static SpeedWorkload maxThroughput(int in, int out) {
        return new SpeedWorkload(WorkloadMode.MAX_THROUGHPUT, in, out, 1, 0, 0);
    }

    /** From the shared {@code spec.Workload} record (the contract's workload block). */
    public static SpeedWorkload from(io.inferplan.engine.spec.Workload w) {
        return new SpeedWorkload(WorkloadMode.valueOf(w.mode().name()), w.inputTokens(), w.outputTokens(),
                w.concurrency() == null ? 1 : w.concurrency(),
                w.requestsPerSecond() == null ? 0 : w.requestsPerSecond(), w.sharedPrefixTokens());
    }

    /** To the shared {@code spec.Workload} record. */
    public io.inferplan.engine.spec.Workload toSpec() {
        return new io.inferplan.engine.spec.Workload(
                io.inferplan.engine.spec.Workload.Mode.valueOf(mode.name()), inputTokens, outputTokens,
                mode == WorkloadMode.FIXED_CONCURRENCY || mode == WorkloadMode.SINGLE_STREAM ? concurrency : null,
                mode == WorkloadMode.ARRIVAL_RATE ? requestsPerSecond : null, sharedPrefixTokens);
    }

    public SpeedWorkload withSharedPrefix(int tokens) {
        return new SpeedWorkload(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, tokens);
    }

    static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
