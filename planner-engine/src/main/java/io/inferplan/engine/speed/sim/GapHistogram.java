package io.inferplan.engine.speed.sim;

/**
 * Weighted histogram of inter-token gaps on log-spaced bins (1 % wide, 1 µs to ~1,000 s). A fast-forwarded stretch
 * of decode steps whose durations rise linearly adds its range spread evenly over the bins it covers, so no step
 * is ever enumerated.
 */
final class GapHistogram {
    private static final double MIN_SECONDS = 1e-6;
    private static final double LOG_STEP = Math.log(1.01);
    private static final int BINS = (int) Math.ceil(Math.log(1e9) / LOG_STEP) + 1;
    private final double[] weight = new double[BINS];
    private double total;
    private double weightedSum;

    /** {@code count} gaps of exactly {@code seconds}. */
    void add(double seconds, double count) {
        if (count <= 0) {
            return;
        }
        weight[bin(seconds)] += count;
        total += count;
        weightedSum += seconds * count;
    }

    /** {@code count} gaps spread evenly between {@code from} and {@code to} seconds. */
    void addRange(double from, double to, double count) {
        if (count <= 0) {
            return;
        }
        int b0 = bin(from);
        int b1 = bin(to);
        if (b0 == b1) {
            weight[b0] += count;
        } else {
            double per = count / (b1 - b0 + 1);
            for (int b = b0; b <= b1; b++) {
                weight[b] += per;
            }
        }
        total += count;
        weightedSum += (from + to) / 2 * count;
    }

    LatencySummary summary() {
        if (total <= 0) {
            return LatencySummary.NONE;
        }
        return new LatencySummary((int) Math.min(Integer.MAX_VALUE, Math.round(total)), weightedSum / total,
                quantile(0.5), quantile(0.9), quantile(0.95), quantile(0.99));
    }

    private double quantile(double q) {
        double target = q * total;
        double run = 0;
        for (int b = 0; b < BINS; b++) {
            run += weight[b];
            if (run >= target && weight[b] > 0) {
                return MIN_SECONDS * Math.exp((b + 0.5) * LOG_STEP);
            }
        }
        return MIN_SECONDS * Math.exp(BINS * LOG_STEP);
    }

    private static int bin(double seconds) {
        if (!(seconds > MIN_SECONDS)) {
            return 0;
        }
        return (int) Math.min(BINS - 1, Math.floor(Math.log(seconds / MIN_SECONDS) / LOG_STEP));
    }
}
