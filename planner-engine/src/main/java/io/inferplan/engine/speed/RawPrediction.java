package io.inferplan.engine.speed;

import java.util.List;

/**
 * The speed model's point prediction in engine units (seconds, tokens/s), before error bands. NaN marks a value
 * that has no meaning for the case (e.g. TTFT beyond capacity).
 *
 * @param unsupportedReason       non-null when the combination cannot run (then every number is NaN)
 * @param batchSize               requests decoding together per replica in the steady state
 * @param outputTokensPerSecond   whole deployment (all replicas)
 * @param requestsPerSecond       completed requests per second, whole deployment
 * @param saturatedOutputTokensPerSecond  max-throughput capacity for these lengths, whole deployment
 * @param utilisationFraction     arrival rate ÷ capacity (arrival-rate mode), else NaN
 */
public record RawPrediction(String unsupportedReason, double batchSize, double ttftSeconds, double tpotSeconds,
                            double prefillTokensPerSecond, double outputTokensPerSecondPerRequest,
                            double outputTokensPerSecond, double requestsPerSecond,
                            double saturatedOutputTokensPerSecond, boolean exceedsCapacity,
                            double utilisationFraction, double meanWaitSeconds, double p50LatencySeconds,
                            double p95LatencySeconds, double ttftP95Seconds, int schedulerCap, int kvCap,
                            boolean flopsSubstituted, List<String> warnings) {

    static RawPrediction unsupported(String reason) {
        double n = Double.NaN;
        return new RawPrediction(reason, n, n, n, n, n, n, n, n, false, n, n, n, n, n, 0, 0, false, List.of(reason));
    }

    public boolean supported() {
        return unsupportedReason == null;
    }
}
