package io.inferplan.engine.speed;

import java.util.List;

/**
 * The contract's {@code performance} block (milliseconds at this boundary only). Low/High bound each throughput
 * and latency by the residual distribution of leave-one-source-out validation, wider where the framework ×
 * hardware pair was not calibrated. NaN = not meaningful for this case (e.g. TTFT when the arrival rate exceeds
 * capacity); {@code unsupportedReason} non-null = the combination cannot run.
 */
public record PerformanceEstimate(
        int acceleratorCount,
        double batchSize,
        double ttftMs, double ttftLowMs, double ttftHighMs,
        double tpotMs, double tpotLowMs, double tpotHighMs,
        double prefillTokensPerSecond,
        double outputTokensPerSecondPerRequest,
        double outputTokensPerSecond, double outputTokensPerSecondLow, double outputTokensPerSecondHigh,
        double requestsPerSecond,
        double maxThroughputOutputTokensPerSecond,
        QueueingEstimate queueing,
        int schedulerBatchCap,
        int kvBatchCap,
        String provenance,
        String unsupportedReason,
        List<String> warnings) {

    public PerformanceEstimate {
        warnings = List.copyOf(warnings);
    }

    /**
     * Arrival-rate answer: {@code model} names the queueing model; {@code exceedsCapacity} replaces TTFT and
     * latency numbers (NaN) when the rate is at or above what the deployment sustains.
     */
    public record QueueingEstimate(String model, double utilisationFraction, boolean exceedsCapacity,
                                   double meanWaitMs, double p50LatencyMs, double p95LatencyMs, double ttftP95Ms) {
    }
}
