package io.inferplan.engine.speed;

import io.inferplan.engine.speed.sim.LatencySummary;

/** Mean and percentiles of one latency, seconds; NaN where the path that answered has none. */
public record Percentiles(double mean, double p50, double p90, double p95, double p99) {

    public static final Percentiles NONE = new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Only a mean (the analytic path). */
    public static Percentiles meanOnly(double mean) {
        return new Percentiles(mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public static Percentiles of(LatencySummary s) {
        return s.count() == 0 ? NONE : new Percentiles(s.mean(), s.p50(), s.p90(), s.p95(), s.p99());
    }

    /** The statistic a measurement names: mean (or empty), median/p50, p90, p95, p99. */
    public double statistic(String name) {
        if (name == null || name.isBlank() || name.equals("mean")) {
            return mean;
        }
        switch (name) {
            case "median":
            case "p50":
                return p50;
            case "p90":
                return p90;
            case "p95":
                return p95;
            case "p99":
                return p99;
            default:
                throw new IllegalArgumentException("statistic: unknown '" + name + "' (mean, median, p90, p95, p99)");
        }
    }

    public Percentiles times(double factor) {
        return new Percentiles(mean * factor, p50 * factor, p90 * factor, p95 * factor, p99 * factor);
    }
}
