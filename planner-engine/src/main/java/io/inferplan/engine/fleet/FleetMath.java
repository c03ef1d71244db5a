package io.inferplan.engine.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The arithmetic of sizing a fleet of identical replicas for a traffic target. */
public final class FleetMath {

    public static final double SECONDS_PER_DAY = 86_400.0;

    private FleetMath() {
    }

    /** Average request rate from a daily token volume: tokensPerDay ÷ 86,400 s ÷ (input + output tokens per request). */
    public static double requestsPerSecondFromTokensPerDay(double tokensPerDay, int inputTokens, int outputTokens) {
        return tokensPerDay / SECONDS_PER_DAY / (inputTokens + outputTokens);
    }

    /** Peak rate the fleet must absorb: average × peak-to-average factor (≥ 1). */
    public static double peakRequestsPerSecond(double averageRequestsPerSecond, double peakToAverage) {
        if (peakToAverage < 1) {
            throw new IllegalArgumentException("peakToAverage: must be >= 1");
        }
        return averageRequestsPerSecond * peakToAverage;
    }

    /** Replicas = ceil(peak rate ÷ the rate one replica sustains within the SLO); at least 1. */
    public static int replicas(double peakRequestsPerSecond, double requestsPerSecondPerReplica) {
        if (!(requestsPerSecondPerReplica > 0)) {
            throw new IllegalArgumentException("requestsPerSecondPerReplica: must be > 0");
        }
        return Math.max(1, (int) Math.ceil(peakRequestsPerSecond / requestsPerSecondPerReplica - 1e-9));
    }

    /** Utilisation at peak: peak rate ÷ (replicas × saturated rate of one replica). */
    public static double utilisationAtPeak(double peakRequestsPerSecond, int replicas, double saturatedRequestsPerSecondPerReplica) {
        return peakRequestsPerSecond / (replicas * saturatedRequestsPerSecondPerReplica);
    }

    /**
     * The largest x in [0, upper] for which {@code ok(x)} holds, assuming ok is monotone (true below a threshold,
     * false above it), by bisection to a relative tolerance. Returns 0 when even a tiny x fails.
     */
    public static double largestPassing(java.util.function.DoublePredicate ok, double upper, double relativeTolerance,
                                        int maxSteps) {
        if (ok.test(upper)) {
            return upper;
        }
        double lo = 0;
        double hi = upper;
        for (int i = 0; i < maxSteps && (hi - lo) > relativeTolerance * hi; i++) {
            double mid = (lo + hi) / 2;
            if (ok.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The Pareto front of items minimising both objectives: an item stays unless another is at least as good on
     * both and strictly better on one. Returned in ascending order of the first objective.
     */
    public static <T> List<T> paretoFront(List<T> items, ToDoubleFunction<T> first, ToDoubleFunction<T> second) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(first).thenComparingDouble(second));
        List<T> front = new ArrayList<>();
        double bestSecond = Double.POSITIVE_INFINITY;
        for (T t : sorted) {
            double s = second.applyAsDouble(t);
            if (s < bestSecond) {
                front.add(t);
                bestSecond = s;
            }
        }
        return front;
    }
    /**
     * The Pareto front of items minimising every objective: an item stays unless another is at least as good on all
     * of them and strictly better on one. Items with a non-finite objective value are left out (nothing is known
     * about them on that axis). Returned in ascending order of the first objective, then the next.
     */
    @SafeVarargs
    public static <T> List<T> paretoFront(List<T> items, ToDoubleFunction<T>... objectives) {
        List<T> known = items.stream()
                .filter(t -> java.util.Arrays.stream(objectives).allMatch(o -> Double.isFinite(o.applyAsDouble(t)))).toList();
        List<T> front = new ArrayList<>();
        for (T t : known) {
            boolean dominated = known.stream().anyMatch(u -> u != t && dominates(u, t, objectives));
            if (!dominated) {
                front.add(t);
            }
        }
        Comparator<T> order = Comparator.comparingDouble(objectives[0]);
        for (int i = 1; i < objectives.length; i++) {
            order = order.thenComparingDouble(objectives[i]);
        }
        front.sort(order);
        return front;
    }

    private static <T> boolean dominates(T a, T b, ToDoubleFunction<T>[] objectives) {
        boolean strictly = false;
        for (ToDoubleFunction<T> o : objectives) {
            double x = o.applyAsDouble(a);
            double y = o.applyAsDouble(b);
            if (x > y) {
                return false;
            }
            strictly |= x < y;
        }
        return strictly;
    }
}
