package io.inferplan.engine.speed.analytic;

/**
 * What {@link AnalyticKernel} writes: the analytic path's numbers as plain fields, so a caller evaluating many
 * workloads reuses one instance and nothing is allocated per evaluation. Seconds and tokens per second, whole
 * deployment where {@link io.inferplan.engine.speed.RawPrediction} says so; NaN where the analytic path has no value
 * (percentiles of a mean-only answer, TTFT of an unbounded offline run or beyond capacity).
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class AnalyticAnswer {
    public final Latency ttft = new Latency();
    public final Latency tpot = new Latency();
    public final Latency e2e = new Latency();
    public double batchSize;
    public double prefillTokensPerSecond;
    public double outputTokensPerSecondPerRequest;
    public double outputTokensPerSecond;
    public double requestsPerSecond;
    public double saturatedOutputTokensPerSecond;
    public boolean exceedsCapacity;
    /** Arrival rate ÷ capacity in arrival-rate mode, else NaN. */
    public double utilisationFraction;
    /** Mean wait before admission in arrival-rate mode (NaN elsewhere and beyond capacity). */
    public double meanQueueWaitSeconds;
    /** Max-throughput without a request count: TTFT is undefined (the product warns). */
    public boolean ttftNeedsRequestCount;
    public int schedulerCap;
    public int kvCap;

    /** Mean and percentiles of one latency, seconds. */
    public static final class Latency {
        public double mean;
        public double p50;
        public double p90;
        public double p95;
        public double p99;

        /** A mean-only value (percentiles NaN), or one every request shares (all equal). */
        void set(double value, boolean alike) {
            mean = value;
            double p = alike ? value : Double.NaN;
            p50 = p;
            p90 = p;
            p95 = p;
            p99 = p;
        }
    }
}
