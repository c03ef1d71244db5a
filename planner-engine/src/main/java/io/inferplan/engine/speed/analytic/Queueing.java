package io.inferplan.engine.speed.analytic;

/**
 * Named queueing approximations, times in seconds.
 *
 * <ul>
 * <li>Admission to c decode slots with a near-deterministic service time S: M/D/c by the Allen–Cunneen
 *     approximation, Wq ≈ (c_a² + c_s²)/2 × Wq(M/M/c) = ½ × ErlangC(c, a) × S / (c − a), a = λS (Poisson
 *     arrivals c_a² = 1, deterministic service c_s² = 0).</li>
 * <li>The prefill stage in front of a continuous-batching decode loop: M/D/1 Pollaczek–Khinchine,
 *     Wq = λ S² / (2 (1 − λ S)).</li>
 * <li>Waiting-time tail: P(W > t) ≈ P(wait) × exp(−t × P(wait) / Wq), i.e. an exponential conditional wait
 *     with the approximation's mean (exact for M/M/c).</li>
 * </ul>
 */
public final class Queueing {
    public static final String MODEL_NAME = "M/D/c admission (Allen-Cunneen approximation of Erlang C) "
            + "+ M/D/1 prefill stage (Pollaczek-Khinchine)";

    private Queueing() {
    }

    /**
     * Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ (erlangs), via the
     * stable Erlang-B recursion B(k) = a B(k−1) / (k + a B(k−1)). Returns 1 when a ≥ c.
     */
    public static double erlangC(int c, double a) {
        if (a <= 0) {
            return 0;
        }
        if (a >= c) {
            return 1;
        }
        if (c > 30 && a < c - 8 * Math.sqrt(c)) {
            return 0; // far below saturation: the Erlang-C probability is < 1e-12 (normal approximation)
        }
        double b = 1.0;
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        double rho = a / c;
        return b / (1 - rho * (1 - b));
    }

    /** Mean M/D/c wait (Allen–Cunneen), seconds; +∞ when λS ≥ c. */
    public static double mdcMeanWaitSeconds(int c, double arrivalsPerSecond, double serviceSeconds) {
        double a = arrivalsPerSecond * serviceSeconds;
        if (a >= c) {
            return Double.POSITIVE_INFINITY;
        }
        return 0.5 * erlangC(c, a) * serviceSeconds / (c - a);
    }

    /** Mean M/D/1 wait (Pollaczek–Khinchine), seconds; +∞ when λS ≥ 1. */
    public static double md1MeanWaitSeconds(double arrivalsPerSecond, double serviceSeconds) {
        double rho = arrivalsPerSecond * serviceSeconds;
        if (rho >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return arrivalsPerSecond * serviceSeconds * serviceSeconds / (2 * (1 - rho));
    }

    /**
     * Waiting-time quantile q (e.g. 0.95) given the probability of waiting and the mean wait: 0 when
     * P(wait) ≤ 1 − q, else (Wq / P(wait)) × ln(P(wait) / (1 − q)).
     */
    public static double waitQuantileSeconds(double probabilityOfWaiting, double meanWaitSeconds, double q) {
        double tail = 1 - q;
        if (probabilityOfWaiting <= tail || meanWaitSeconds <= 0) {
            return 0;
        }
        return meanWaitSeconds / probabilityOfWaiting * Math.log(probabilityOfWaiting / tail);
    }
}
