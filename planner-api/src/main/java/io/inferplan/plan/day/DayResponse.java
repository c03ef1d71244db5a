package io.inferplan.plan.day;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/plans/day}: the day hour by hour, its totals, the month (730 h of the same
 * curve) and the cheapest reserved/on-demand split. Costs are null where a price is unknown (a warning says which
 * to give).
 */
@Serdeable
public record DayResponse(Replica plan, DayRequest.Slo slo, ColdStartBlock coldStart, AutoscalingBlock autoscaling,
                          PurchaseBlock purchase, List<Hour> hours, DayTotals day, MonthTotals month,
                          CheapestMix cheapestMix, List<String> assumptions, List<String> warnings, String catalogVersion) {

    /** One replica: the plan's deployment. */
    @Serdeable
    public record Replica(String model, String weightFormat, String accelerator, int acceleratorsPerReplica,
                          String framework, int inputTokens, int outputTokens, int sharedPrefixTokens, double weightsGiB,
                          double saturatedRequestsPerSecondPerReplica) {
    }

    /**
     * @param storage / network the legs the weights took (null: no such leg), each with its source
     * @param seconds           networkSeconds + storageSeconds + engineStartSeconds
     */
    @Serdeable
    public record ColdStartBlock(@Nullable Leg storage, @Nullable Leg network, double networkSeconds,
                                 double storageSeconds, double engineStartSeconds, double seconds) {
    }

    /** @param id a catalog id, or "given" */
    @Serdeable
    public record Leg(String id, String name, double readGBps, @Nullable String sourceUrl, @Nullable String asOf) {
    }

    /**
     * @param targetSource          where the per-replica target came from
     * @param scaleUpDelaySeconds   the cold start, or the given delay
     * @param scaleDownDelaySource  the autoscaler default (with its source) or "given"
     */
    @Serdeable
    public record AutoscalingBlock(int minReplicas, int maxReplicas, double targetRequestsPerSecondPerReplica,
                                   String targetSource, double scaleUpDelaySeconds, double scaleDownDelaySeconds,
                                   String scaleDownDelaySource) {
    }

    @Serdeable
    public record PurchaseBlock(int reservedReplicas, int spotReplicas, @Nullable Double spotInterruptionRatePerHour,
                                @Nullable Price reserved, @Nullable Price onDemand, @Nullable Price spot) {
    }

    /** An accelerator-hour price: a catalog row (id, provider, source, date) or "given". */
    @Serdeable
    public record Price(String id, String provider, double usdPerGpuHour, @Nullable String asOf, @Nullable String sourceUrl) {
    }

    /**
     * One hour.
     *
     * @param startTime                  the hour's start from the traffic CSV (null for hourly rates)
     * @param neededReplicas             ceil(rate ÷ target) within min/max
     * @param desiredReplicas            the autoscaler's count (the need, never below the reserved replicas)
     * @param replicas                   replicas serving at the hour's end
     * @param paidReplicaHours           serving, starting and draining replica-hours paid in the hour
     * @param secondsBelowDesired        seconds fewer replicas served than desired (a cold start under way)
     * @param utilisationFraction        rate per replica ÷ one replica's saturated rate, at the hour's end
     * @param busyFraction               the simulator's share of time a replica ran steps, at the hour's end
     * @param ttftP95Ms / tpotP95Ms      the simulator's p95 per replica at the hour's rate ÷ replicas (end of hour)
     * @param sloAttainmentFraction      share of the hour's requests that arrived while the serving replicas met the SLO
     * @param kWh / gCo2e                facility energy and its emissions in the hour
     */
    @Serdeable
    public record Hour(int hour, @Nullable String startTime, double requestsPerSecond, int neededReplicas,
                       int desiredReplicas, int replicas, double paidReplicaHours, double secondsBelowDesired,
                       @Nullable Double requestsPerSecondPerReplica, @Nullable Double utilisationFraction,
                       @Nullable Double busyFraction, @Nullable Double ttftP95Ms, @Nullable Double tpotP95Ms,
                       @Nullable Double tpotMs, @Nullable Boolean exceedsCapacity, @Nullable Double sloAttainmentFraction,
                       double expectedSpotInterruptions, double reservedReplicaHours, double onDemandReplicaHours,
                       double spotReplicaHours, double idleReservedReplicaHours, @Nullable Double usdReserved,
                       @Nullable Double usdOnDemand, @Nullable Double usdSpot, @Nullable Double usd, double kWh,
                       double gCo2e, double outputTokens) {
    }

    /** The whole curve (usually one day). */
    @Serdeable
    public record DayTotals(int hours, double requests, double outputTokens, int peakReplicas, double paidReplicaHours,
                            double idleReservedReplicaHours, @Nullable Double sloAttainmentFraction,
                            @Nullable Double usdReserved, @Nullable Double usdOnDemand, @Nullable Double usdSpot,
                            @Nullable Double usd, double kWh, double gCo2e) {
    }

    /**
     * The curve repeated over a month of 730 h (× 730 ÷ its hours).
     *
     * @param usdPerMillionOutputTokens  the month's cost ÷ its output tokens × 10^6
     * @param usdPerMillionBlendedTokens ÷ its input + output tokens
     */
    @Serdeable
    public record MonthTotals(double hours, @Nullable Double usd, @Nullable Double usdReserved, @Nullable Double usdOnDemand,
                              @Nullable Double usdSpot, @Nullable Double usdPerMillionOutputTokens,
                              @Nullable Double usdPerMillionBlendedTokens, double outputTokens,
                              double idleReservedReplicaHours, double paidReplicaHours, double kWh,
                              @Nullable Double kWhPerMillionOutputTokens, double gCo2e) {
    }

    /**
     * The cheapest number of reserved replicas for this curve, the rest on-demand (no spot).
     *
     * @param reason                        why there is none (a price missing), else null
     * @param breakEvenUtilisationFraction  reserved ÷ on-demand price
     * @param replicaUtilisationFractions   the k-th element: share of hours the k-th replica runs with none reserved
     * @param options                       every reserved count tried, with its monthly cost
     */
    @Serdeable
    public record CheapestMix(@Nullable Integer reservedReplicas, @Nullable Double usdPerMonth,
                              @Nullable Double allOnDemandUsdPerMonth, @Nullable Double usdSavedPerMonth,
                              @Nullable Double breakEvenUtilisationFraction, List<Double> replicaUtilisationFractions,
                              List<MixOption> options, @Nullable String reason) {
    }

    @Serdeable
    public record MixOption(int reservedReplicas, double reservedReplicaHoursPerMonth, double onDemandReplicaHoursPerMonth,
                            double usdPerMonth) {
    }
}
