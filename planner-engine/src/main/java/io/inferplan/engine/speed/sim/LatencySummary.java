package io.inferplan.engine.speed.sim;

import java.util.Arrays;

/** Mean and percentiles of one latency over the measured requests, seconds (NaN when there were none). */
public record LatencySummary(int count, double mean, double p50, double p90, double p95, double p99) {

    public static final LatencySummary NONE = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** Summarises the first {@code n} values (sorted in place); percentiles by linear interpolation (numpy's default). */
    static LatencySummary of(double[] values, int n) {
        if (n == 0) {
            return NONE;
        }
        Arrays.sort(values, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return new LatencySummary(n, sum / n, quantile(values, n, 0.5), quantile(values, n, 0.9),
                quantile(values, n, 0.95), quantile(values, n, 0.99));
    }

    static double quantile(double[] sorted, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

}
