package io.inferplan.engine.speed;

import java.util.List;

/**
 * The speed model's point prediction in engine units (seconds, tokens/s), before error bands. NaN marks a value
 * that has no meaning for the case (e.g. TTFT beyond capacity, or a percentile the analytic path does not give).
 *
 * @param unsupportedReason              non-null when the combination cannot run (then every number is NaN)
 * @param batchSize                      requests decoding together per replica (time average when simulated)
 * @param ttft                           time to first token, queueing included
 * @param tpot                           time per output token of a request
 * @param e2eLatency                     arrival → last token
 * @param interTokenLatency              every gap between two tokens (simulated only)
 * @param outputTokensPerSecond          whole deployment (all replicas)
 * @param requestsPerSecond              completed requests per second, whole deployment
 * @param saturatedOutputTokensPerSecond max-throughput capacity for these lengths, whole deployment (analytic)
 * @param utilisationFraction            arrival rate ÷ capacity (arrival-rate mode), else NaN
 * @param meanQueueWaitSeconds           arrival → admission, mean
 * @param queueingModel                  what produced the latencies under load (simulator or named formulas)
 */
public record RawPrediction(String unsupportedReason, double batchSize, Percentiles ttft, Percentiles tpot,
                            Percentiles e2eLatency, Percentiles interTokenLatency, double prefillTokensPerSecond,
                            double outputTokensPerSecondPerRequest, double outputTokensPerSecond,
                            double requestsPerSecond, double saturatedOutputTokensPerSecond, boolean exceedsCapacity,
                            double utilisationFraction, double meanQueueWaitSeconds, String queueingModel,
                            int schedulerCap, int kvCap, boolean flopsSubstituted, SimulationFacts simulation,
                            List<String> warnings) {

    public RawPrediction {
        warnings = List.copyOf(warnings);
    }

    /** A combination a serving technique cannot run, and why (every number NaN). */
    public static RawPrediction unsupportedBecause(String reason) {
        return unsupported(reason);
    }

    static RawPrediction unsupported(String reason) {
        double n = Double.NaN;
        Percentiles p = Percentiles.NONE;
        return new RawPrediction(reason, n, p, p, p, p, n, n, n, n, n, false, n, n, null, 0, 0, false, null,
                List.of(reason));
    }

    public boolean supported() {
        return unsupportedReason == null;
    }

    /** Mean TTFT, seconds. */
    public double ttftSeconds() {
        return ttft.mean();
    }

    /** Mean TPOT, seconds. */
    public double tpotSeconds() {
        return tpot.mean();
    }
}
