package io.inferplan.plan.capacity;

import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Request bodies of the fleet, optimizer and model-mix endpoints (the advisor's is {@code advisor.AdviseRequest}). */
public final class CapacityRequests {

    private CapacityRequests() {
    }

    /**
     * Traffic to serve: a request rate or a daily token volume, with its peak.
     *
     * @param requestsPerSecond average request rate, requests/s (or give tokensPerDay)
     * @param tokensPerDay      average input + output tokens per day
     * @param peakToAverage     peak rate ÷ average rate (≥ 1; 1 when absent)
     */
    @Serdeable
    public record Traffic(@Nullable Double requestsPerSecond, @Nullable Double tokensPerDay, @Nullable Double peakToAverage,
                          @Nullable Integer inputTokens, @Nullable Integer outputTokens, @Nullable Integer sharedPrefixTokens) {
    }

    /**
     * Latency objectives, ms: p95 time to first token, mean time per output token and p95 time per output token (the
     * percentiles from the step-level simulation).
     */
    @Serdeable
    public record Slo(@Nullable Double ttftP95Ms, @Nullable Double tpotMs, @Nullable Double tpotP95Ms) {

        @Creator
        public Slo {
        }

        public Slo(Double ttftP95Ms, Double tpotMs) {
            this(ttftP95Ms, tpotMs, null);
        }
    }

    /**
     * Fleet sizing for one configuration (acceleratorsPerReplica absent: the fewest that fit).
     *
     * @param pricing        its grid ({@code gridRegion} or {@code gridIntensityGCo2ePerKWh}) and power overrides
     *                       ({@code energy}) set the fleet's energy and carbon figures
     * @param disaggregation true: also size prefill and decode pools (xPyD) for the traffic and SLO and compare them
     *                       with the colocated fleet
     * @param kvLink         the link between the pools (absent: InfiniBand NDR 400, one NIC per GPU)
     */
    @Serdeable
    public record FleetRequest(@Nullable String model, @Nullable String weightFormat, @Nullable String kvCacheFormat,
                               @Nullable String accelerator, @Nullable Integer acceleratorsPerReplica,
                               @Nullable String framework, @Nullable PlanRequest.ServingInput serving,
                               @Nullable Traffic traffic, @Nullable Slo slo, @Nullable PlanRequest.PricingInput pricing,
                               @Nullable Boolean disaggregation, @Nullable String kvLink) {

        @Creator
        public FleetRequest {
        }

        /** Colocated replicas only. */
        public FleetRequest(String model, String weightFormat, String kvCacheFormat, String accelerator,
                            Integer acceleratorsPerReplica, String framework, PlanRequest.ServingInput serving,
                            Traffic traffic, Slo slo, PlanRequest.PricingInput pricing) {
            this(model, weightFormat, kvCacheFormat, accelerator, acceleratorsPerReplica, framework, serving, traffic, slo,
                    pricing, null, null);
        }

        public FleetRequest(String model, String weightFormat, String kvCacheFormat, String accelerator,
                            Integer acceleratorsPerReplica, String framework, PlanRequest.ServingInput serving,
                            Traffic traffic, Slo slo) {
            this(model, weightFormat, kvCacheFormat, accelerator, acceleratorsPerReplica, framework, serving, traffic, slo, null);
        }
    }

    /**
     * The cheapest configurations that meet an SLO.
     *
     * @param minWeightBits  quality floor: no weight format below this many effective bits per weight
     * @param accelerators   accelerator ids to search (absent: every accelerator with a catalog rental price)
     * @param frameworks     framework ids to search (absent: every engine)
     * @param limit          how many ranked configurations to return (default 20, at most 200)
     * @param objective      what "best" means: cost (USD per million output tokens, the default), energy (kWh per
     *                       million output tokens) or carbon (gCO2e per million output tokens on the plan's grid)
     * @param pricing        the grid and power overrides of every evaluated configuration (as for evaluate)
     * @param maxQualityLossPercent quality floor: at most this many percent below the same model in 16 bits, by the
     *                       published quality deltas (weights and KV added); a configuration without a published
     *                       figure cannot show it meets the floor and is left out when one is given
     * @param disaggregation true: also rank disaggregated configurations (rate-matched prefill and decode pools of the
     *                       same accelerators) where the framework supports them
     */
    @Serdeable
    public record OptimizeRequest(@Nullable String model, @Nullable PlanRequest.WorkloadInput workload, @Nullable Slo slo,
                                  @Nullable Double minWeightBits, @Nullable List<String> accelerators,
                                  @Nullable List<String> frameworks, @Nullable Integer limit, @Nullable String objective,
                                  @Nullable PlanRequest.PricingInput pricing, @Nullable Double maxQualityLossPercent,
                                  @Nullable Boolean disaggregation) {

        @Creator
        public OptimizeRequest {
        }

        /** Colocated configurations, no quality floor. */
        public OptimizeRequest(String model, PlanRequest.WorkloadInput workload, Slo slo, Double minWeightBits,
                               List<String> accelerators, List<String> frameworks, Integer limit, String objective,
                               PlanRequest.PricingInput pricing) {
            this(model, workload, slo, minWeightBits, accelerators, frameworks, limit, objective, pricing, null, null);
        }

        /** Colocated configurations. */
        public OptimizeRequest(String model, PlanRequest.WorkloadInput workload, Slo slo, Double minWeightBits,
                               List<String> accelerators, List<String> frameworks, Integer limit, String objective,
                               PlanRequest.PricingInput pricing, Double maxQualityLossPercent) {
            this(model, workload, slo, minWeightBits, accelerators, frameworks, limit, objective, pricing,
                    maxQualityLossPercent, null);
        }

        public OptimizeRequest(String model, PlanRequest.WorkloadInput workload, Slo slo, Double minWeightBits,
                               List<String> accelerators, List<String> frameworks, Integer limit) {
            this(model, workload, slo, minWeightBits, accelerators, frameworks, limit, null, null, null, null);
        }
    }

    /** Several models in one plan: each route takes a share of the requests. */
    @Serdeable
    public record MixRequest(@Nullable List<Route> routes) {
    }

    /** @param requestShare share of all requests sent to this plan (the shares add up to 1) */
    @Serdeable
    public record Route(@Nullable String name, @Nullable Double requestShare, @Nullable PlanRequest plan) {
    }
}
