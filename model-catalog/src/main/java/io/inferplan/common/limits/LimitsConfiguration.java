package io.inferplan.common.limits;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.List;

/**
 * Abuse limits, per replica ({@code inferplan.limits.*}; environment variables {@code INFERPLAN_LIMITS_…}). A route
 * pattern is {@code [METHOD ]/path} with Ant wildcards ({@code *} within a segment, {@code **} across segments);
 * without a method it matches every method.
 */
@ConfigurationProperties("inferplan.limits")
public class LimitsConfiguration {

    /** Routes that run many engine evaluations (optimizer, fleet sizing, sweeps, refits, simulations, day plans). */
    public static final List<String> DEFAULT_EXPENSIVE_ROUTES = List.of(
            "/api/v1/plans/optimize*", "/api/v1/plans/fleet*", "/api/v1/plans/sweep*", "/api/v1/plans/simulat*",
            "/api/v1/plans/day*", "POST /api/v1/calibration/profiles", "POST /api/v1/admin/import",
            "/optimize", "/optimize/**", "/fleet", "POST /calibrate");

    /** POST routes that only compute an answer and store nothing: not counted as writes. */
    public static final List<String> DEFAULT_COMPUTING_ROUTES = List.of(
            "POST /api/v1/plans/evaluate*", "POST /api/v1/plans/fleet*", "POST /api/v1/plans/optimize*",
            "POST /api/v1/plans/advise*", "POST /api/v1/plans/mix*", "POST /api/v1/plans/simulat*",
            "POST /api/v1/plans/day*");

    private int expensiveConcurrency = 4;
    private int expensiveRetryAfterSeconds = 2;
    private List<String> expensiveRoutes = DEFAULT_EXPENSIVE_ROUTES;
    private int writesPerMinute = 60;
    private int writeBurst = 20;
    private List<String> computingRoutes = DEFAULT_COMPUTING_ROUTES;

    /** Expensive requests running at once in this replica; the next one is a 503 with Retry-After. 0 = no limit. */
    public int getExpensiveConcurrency() {
        return expensiveConcurrency;
    }

    public void setExpensiveConcurrency(int expensiveConcurrency) {
        this.expensiveConcurrency = expensiveConcurrency;
    }

    /** Retry-After of that 503, seconds. */
    public int getExpensiveRetryAfterSeconds() {
        return expensiveRetryAfterSeconds;
    }

    public void setExpensiveRetryAfterSeconds(int expensiveRetryAfterSeconds) {
        this.expensiveRetryAfterSeconds = expensiveRetryAfterSeconds;
    }

    public List<String> getExpensiveRoutes() {
        return expensiveRoutes;
    }

    public void setExpensiveRoutes(List<String> expensiveRoutes) {
        this.expensiveRoutes = List.copyOf(expensiveRoutes);
    }

    /** Writes (POST, PUT, PATCH, DELETE outside the computing routes) one client may make per minute. 0 = no limit. */
    public int getWritesPerMinute() {
        return writesPerMinute;
    }

    public void setWritesPerMinute(int writesPerMinute) {
        this.writesPerMinute = writesPerMinute;
    }

    /** Writes a client may make at once before the per-minute rate applies. */
    public int getWriteBurst() {
        return writeBurst;
    }

    public void setWriteBurst(int writeBurst) {
        this.writeBurst = writeBurst;
    }

    public List<String> getComputingRoutes() {
        return computingRoutes;
    }

    public void setComputingRoutes(List<String> computingRoutes) {
        this.computingRoutes = List.copyOf(computingRoutes);
    }
}
