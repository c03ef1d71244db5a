package io.inferplan.plan.day;

import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The body of {@code POST /api/v1/plans/day}: one replica's plan, the SLO, a day of traffic, the autoscaler and how
 * the replicas are bought.
 *
 * @param plan                    an evaluate body for one replica; its workload gives the request shape (inputTokens,
 *                                outputTokens, sharedPrefixTokens) — its mode and rate are replaced hour by hour
 * @param hourlyRequestsPerSecond the mean request rate of each hour (24 for a day; 1 to 168), requests/s
 * @param trafficCsv              instead: CSV text with the columns timestamp,requestsPerSecond (each rate holds until
 *                                the next timestamp; hours are time-weighted means)
 */
@Serdeable
public record DayRequest(@Nullable PlanRequest plan, @Nullable Slo slo, @Nullable List<Double> hourlyRequestsPerSecond,
                         @Nullable String trafficCsv, @Nullable Autoscaling autoscaling, @Nullable Purchase purchase) {

    /**
     * Latency objectives, each optional (at least one): p95 time to first token, p95 and mean time per output token.
     */
    @Serdeable
    public record Slo(@Nullable Double ttftP95Ms, @Nullable Double tpotP95Ms, @Nullable Double tpotMs) {
    }

    /**
     * The autoscaler. Cold start = weights ÷ network + weights ÷ storage + engine start, unless scaleUpDelaySeconds.
     *
     * @param minReplicas                       never fewer (default 1, Kubernetes HPA's default; 0 scales to zero)
     * @param maxReplicas                       never more (default: as many as the busiest hour needs)
     * @param targetRequestsPerSecondPerReplica the rate per replica it scales on (default: the highest rate one replica
     *                                          serves within the SLO, from the simulator)
     * @param storage                           node storage leg: an id of {@code GET /api/v1/cold-start} or "none"
     * @param storageReadGBps                   or its read bandwidth, 10^9 B/s (wins over storage)
     * @param network                           model store → node leg: an id or "none" (weights already on the node)
     * @param networkGBps                       or its bandwidth, 10^9 B/s (wins over network)
     * @param engineStartSeconds                the serving engine's own start (compilation, CUDA graphs, warm-up); default 0
     * @param scaleUpDelaySeconds               launch → serving, instead of the computed cold start
     * @param scaleDownDelaySeconds             demand drop → replica stopped (default: Kubernetes HPA's 300 s window)
     */
    @Serdeable
    public record Autoscaling(@Nullable Integer minReplicas, @Nullable Integer maxReplicas,
                              @Nullable Double targetRequestsPerSecondPerReplica, @Nullable String storage,
                              @Nullable Double storageReadGBps, @Nullable String network, @Nullable Double networkGBps,
                              @Nullable Double engineStartSeconds, @Nullable Double scaleUpDelaySeconds,
                              @Nullable Double scaleDownDelaySeconds) {
    }

    /**
     * How replicas are bought: reserved ones first (paid every hour, kept on), then up to spotReplicas spot ones,
     * then on-demand. Prices per accelerator-hour default to the catalog's cheapest of each type for the accelerator
     * (on-demand: plan.pricing.usdPerGpuHour when given).
     *
     * @param spotInterruptionRatePerHour expected interruptions per spot replica-hour (required with spot replicas)
     */
    @Serdeable
    public record Purchase(@Nullable Integer reservedReplicas, @Nullable Integer spotReplicas,
                           @Nullable Double spotInterruptionRatePerHour, @Nullable Double reservedUsdPerGpuHour,
                           @Nullable Double onDemandUsdPerGpuHour, @Nullable Double spotUsdPerGpuHour) {
    }
}
