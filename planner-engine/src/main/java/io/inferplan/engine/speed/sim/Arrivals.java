package io.inferplan.engine.speed.sim;

import java.util.random.RandomGenerator;

/**
 * How requests arrive at one replica.
 * <ul>
 * <li>{@code CLOSED_LOOP}: {@code clients} clients each send a request, wait for its last token and send the next
 *     (a fixed-concurrency benchmark); all start together.</li>
 * <li>{@code OPEN}: requests at {@code requestsPerSecond}; inter-arrival times are gamma distributed with shape
 *     {@code burstiness} and mean 1/rate — burstiness 1 is a Poisson process, below 1 burstier (as
 *     {@code vllm bench serve --burstiness} draws them).</li>
 * <li>{@code ALL_AT_ONCE}: every request queued at time 0 (an offline benchmark).</li>
 * </ul>
 */
public record Arrivals(Kind kind, int clients, double requestsPerSecond, double burstiness) {

    public enum Kind { CLOSED_LOOP, OPEN, ALL_AT_ONCE }

    public Arrivals {
        if (kind == Kind.CLOSED_LOOP && clients < 1) {
            throw new IllegalArgumentException("clients: must be >= 1");
        }
        if (kind == Kind.OPEN && !(requestsPerSecond > 0 && burstiness > 0)) {
            throw new IllegalArgumentException("requestsPerSecond and burstiness: must be > 0");
        }
    }

    public static Arrivals closedLoop(int clients) {
        return new Arrivals(Kind.CLOSED_LOOP, clients, 0, 1);
    }

    public static Arrivals poisson(double requestsPerSecond) {
        return new Arrivals(Kind.OPEN, 0, requestsPerSecond, 1);
    }

    public static Arrivals allAtOnce() {
        return new Arrivals(Kind.ALL_AT_ONCE, 0, 0, 1);
    }

    /** One inter-arrival gap of unit mean (scaled by 1/rate by the caller, so rates share one random path). */
    static double unitGap(RandomGenerator rng, double shape) {
        if (shape == 1) {
            return -Math.log(1 - rng.nextDouble());
        }
        return gamma(rng, shape) / shape;
    }

    /** Gamma(shape, 1) by Marsaglia–Tsang (with the shape + 1 boost below 1). */
    static double gamma(RandomGenerator rng, double shape) {
        if (shape < 1) {
            return gamma(rng, shape + 1) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
