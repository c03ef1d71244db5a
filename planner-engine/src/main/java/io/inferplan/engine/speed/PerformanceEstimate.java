package io.inferplan.engine.speed;

import java.util.List;

/**
 * The contract's {@code performance} block (milliseconds at this boundary only). Low/High bound each throughput
 * and mean latency by the residual distribution of held-out validation, wider where the framework × hardware pair
 * was not calibrated. NaN = not meaningful for this case (e.g. TTFT when the arrival rate exceeds capacity);
 * {@code unsupportedReason} non-null = the combination cannot run.
 *
 * @param ttftMs          mean, p50, p90, p95, p99 time to first token, ms
 * @param tpotMs          the same for time per output token
 * @param e2eLatencyMs    the same for arrival → last token
 * @param interTokenLatencyMs the same over every gap between two tokens
 * @param simulation      how the answer was computed and what the simulator saw
 */
public record PerformanceEstimate(
        int acceleratorCount,
        double batchSize,
        Percentiles ttftMs, double ttftLowMs, double ttftHighMs,
        Percentiles tpotMs, double tpotLowMs, double tpotHighMs,
        Percentiles e2eLatencyMs,
        Percentiles interTokenLatencyMs,
        double prefillTokensPerSecond,
        double outputTokensPerSecondPerRequest,
        double outputTokensPerSecond, double outputTokensPerSecondLow, double outputTokensPerSecondHigh,
        double requestsPerSecond,
        double maxThroughputOutputTokensPerSecond,
        QueueingEstimate queueing,
        SimulationFacts simulation,
        int schedulerBatchCap,
        int kvBatchCap,
        String provenance,
        String unsupportedReason,
        List<String> warnings) {

    public PerformanceEstimate {
        warnings = List.copyOf(warnings);
    }

    /**
     * Answer under open arrivals: {@code model} names what produced the latencies; {@code exceedsCapacity} replaces
     * TTFT and latency numbers (NaN) when the rate is at or above what the deployment sustains.
     */
    public record QueueingEstimate(String model, double utilisationFraction, boolean exceedsCapacity,
                                   double meanWaitMs) {
    }
}
