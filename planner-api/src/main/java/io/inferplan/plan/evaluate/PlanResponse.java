package io.inferplan.plan.evaluate;

import io.inferplan.engine.memory.KvConcurrency;
import io.inferplan.engine.memory.MemoryBreakdown;
import io.inferplan.engine.memory.ResolvedServing;
import io.inferplan.engine.memory.TensorGroup;
import io.inferplan.engine.spec.Parallelism;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer of {@code evaluate} (contract names; fields may be added, never renamed). Engine records are
 * serialised as they are ({@link SerdeImport}), so their unit-named fields reach the API unchanged.
 *
 * @param catalogVersion the catalog version the plan was computed against
 * @param plan           the inputs as resolved (defaults filled in)
 * @param techniques     what the serving techniques the plan asked for change (null when it asked for none)
 */
@Serdeable
public record PlanResponse(
        ResolvedPlan plan,
        MemoryBlock memory,
        @Nullable PerformanceBlock performance,
        @Nullable CostBlock cost,
        List<String> warnings,
        String catalogVersion,
        @Nullable io.inferplan.plan.technique.TechniquesBlock techniques) {

    /** The inputs after defaults: what the numbers below were computed for. */
    @Serdeable
    public record ResolvedPlan(
            String model,
            String weightFormat,
            String kvCacheFormat,
            String accelerator,
            int acceleratorCount,
            String framework,
            PlanRequest.WorkloadInput workload,
            Parallelism parallelism,
            ResolvedServing serving,
            int maxContextTokens,
            @Nullable HostEcho host) {
    }

    /**
     * The host RAM a CPU-only (or unified-memory) plan ran with, and the bandwidth it gives.
     *
     * @param hostMemoryGB        installed RAM, GB
     * @param memoryBandwidthGBps peak bandwidth used by the plan, GB/s (channels × MT/s × 8 B for DIMMs)
     */
    @Serdeable
    public record HostEcho(double hostMemoryGB, double memoryBandwidthGBps) {
        static HostEcho of(PlanRequest.HostInput host, io.inferplan.engine.spec.AcceleratorSpec accelerator) {
            return host == null ? null : new HostEcho(accelerator.memoryBytes() / 1e9,
                    accelerator.memoryBandwidthBytesPerSecond() / 1e9);
        }
    }

    /**
     * The contract's memory block plus its breakdown.
     *
     * @param weightsGiB                  one copy of the weights, GiB
     * @param kvCacheBytesPerToken        KV bytes of one token, whole model, chosen KV format
     * @param kvCacheGiBPerRequest        KV of one request of inputTokens + outputTokens, GiB
     * @param totalGiBPerAccelerator      memory in use on the most loaded accelerator, GiB
     * @param capacityGiBPerAccelerator   accelerator memory, GiB
     * @param fits                        the deployment holds the weights, overheads and at least one request
     * @param maxConcurrentRequests       requests of this workload that fit at once, whole deployment
     * @param kvCacheGiBAvailablePerReplica KV-cache budget of one replica after weights and overheads, GiB
     * @param breakdownPerAccelerator     bytes on the most loaded accelerator by purpose
     * @param concurrency                 naive (max-context reservation) vs paged vs shared-prefix concurrency
     */
    @Serdeable
    public record MemoryBlock(
            double weightsGiB,
            long kvCacheBytesPerToken,
            double kvCacheGiBPerRequest,
            double totalGiBPerAccelerator,
            double capacityGiBPerAccelerator,
            boolean fits,
            long maxConcurrentRequests,
            long maxConcurrentRequestsPerReplica,
            double kvCacheGiBAvailablePerReplica,
            long kvCacheTokensPerReplica,
            MemoryBreakdown breakdownPerAccelerator,
            KvConcurrency concurrency,
            List<TensorGroup> weightTensors) {
    }

    /**
     * The contract's performance block; with an arrival rate beyond capacity the TTFT fields are null and
     * {@code exceedsCapacity} is true (a TTFT there would depend on the benchmark client, not the deployment).
     * Means and percentiles (p50, p90, p95, p99) of TTFT, TPOT (per request: (last − first token) ÷ (output − 1)),
     * end-to-end latency and the gaps between tokens come from the step-level simulation under load
     * ({@code simulation.method = "simulation"}); one request alone is answered in closed form, where every request
     * is alike and the percentiles equal the mean.
     */
    @Serdeable
    public record PerformanceBlock(
            int acceleratorCount,
            double batchSize,
            @Nullable Double ttftMs,
            @Nullable Double ttftMsLow,
            @Nullable Double ttftMsHigh,
            @Nullable Double tpotMs,
            @Nullable Double tpotMsLow,
            @Nullable Double tpotMsHigh,
            @Nullable Double prefillTokensPerSecond,
            @Nullable Double outputTokensPerSecondPerRequest,
            @Nullable Double outputTokensPerSecond,
            @Nullable Double outputTokensPerSecondLow,
            @Nullable Double outputTokensPerSecondHigh,
            @Nullable Double ttftP95Ms,
            @Nullable Double e2eLatencyP50Ms,
            @Nullable Double e2eLatencyP95Ms,
            @Nullable Double queueWaitMs,
            @Nullable Double utilisationFraction,
            @Nullable Boolean exceedsCapacity,
            @Nullable String queueingModel,
            String provenance,
            @Nullable Double ttftP50Ms,
            @Nullable Double ttftP90Ms,
            @Nullable Double ttftP99Ms,
            @Nullable Double tpotP50Ms,
            @Nullable Double tpotP90Ms,
            @Nullable Double tpotP95Ms,
            @Nullable Double tpotP99Ms,
            @Nullable Double e2eLatencyMs,
            @Nullable Double e2eLatencyP90Ms,
            @Nullable Double e2eLatencyP99Ms,
            @Nullable Double interTokenLatencyP50Ms,
            @Nullable Double interTokenLatencyP99Ms,
            @Nullable SimulationBlock simulation) {
    }

    /**
     * How the performance answer was computed: {@code method} "simulation" (the framework's scheduler stepped
     * request by request, per replica) or "analytic" (closed form), with what the simulation saw.
     */
    @Serdeable
    public record SimulationBlock(
            String method,
            String scheduler,
            int requestsSimulatedPerReplica,
            int requestsMeasuredPerReplica,
            long seed,
            @Nullable Double meanBatchSize,
            @Nullable Double meanKvOccupancyFraction,
            @Nullable Double busyFraction,
            long preemptions) {
    }

    /**
     * The contract's cost block, for rented accelerators at the cheapest catalog rental price.
     *
     * @param usdPerHour                 GPU-hour price × accelerators
     * @param usdPerMillionInputTokens   usdPerHour over the deployment's prefill throughput (all GPU time charged to input)
     * @param usdPerMillionOutputTokens  usdPerHour over the deployment's output throughput (all GPU time charged to output)
     * @param usdPerMillionBlendedTokens cost per request over its input + output tokens
     * @param usdPerMonth                usdPerHour × 730 h, running around the clock
     * @param gpuPrice                   the rental price used, with its source and date
     * @param rentalOptions              every catalog rental price of the accelerator (on-demand, reserved, spot, …,
     *                                   per provider), cheapest first, each applied to this deployment
     * @param cheapestByPricingType      the cheapest of {@code rentalOptions} per pricing type (one CSV column set each)
     * @param energy                     facility energy of the deployment and per output token
     * @param carbon                     that energy's emissions on the chosen grid
     */
    @Serdeable
    public record CostBlock(
            @Nullable Double usdPerHour,
            @Nullable Double usdPerMillionInputTokens,
            @Nullable Double usdPerMillionOutputTokens,
            @Nullable Double usdPerMillionBlendedTokens,
            @Nullable Double usdPerMonth,
            @Nullable GpuPrice gpuPrice,
            List<ApiComparison> apiComparison,
            @Nullable OwnedCost owned,
            List<RentalOption> rentalOptions,
            CheapestByPricingType cheapestByPricingType,
            @Nullable EnergyBlock energy,
            @Nullable CarbonBlock carbon) {
    }

    /**
     * Energy of the deployment: facility power = ((idle + busyShare × (busy − idle)) × accelerators + host × nodes) × PUE.
     *
     * @param kWhPerMillionOutputTokens facility energy per million delivered output tokens
     * @param joulesPerOutputToken      facility energy per delivered output token
     * @param kWhPerHour                facility energy of one hour at this load
     * @param facilityWatts             mean facility power, W
     * @param busyShareFraction         share of time the accelerators run steps (see assumptions for where it came from)
     * @param idleWattsPerAccelerator   idle draw used, W (measured, given, or = busy when no measurement exists)
     * @param busyWattsPerAccelerator   busy draw used, W (datasheet TDP / board power, or given)
     * @param hostWattsPerNode          host power per server used, W (0 when no published figure)
     * @param assumptions               where each input came from, with its source
     */
    @Serdeable
    public record EnergyBlock(@Nullable Double kWhPerMillionOutputTokens, @Nullable Double joulesPerOutputToken,
                              double kWhPerHour, double facilityWatts, double busyShareFraction,
                              double idleWattsPerAccelerator, double busyWattsPerAccelerator, double hostWattsPerNode,
                              int nodes, double pue, List<String> assumptions) {
    }

    /**
     * Emissions of the deployment's energy on one grid (location-based: the grid's average intensity).
     *
     * @param gCo2ePerMillionOutputTokens kWhPerMillionOutputTokens × gridIntensityGCo2ePerKWh
     * @param gCo2ePerHour                kWhPerHour × gridIntensityGCo2ePerKWh
     * @param gridRegion                  the catalog region used ("user" for a given intensity)
     */
    @Serdeable
    public record CarbonBlock(@Nullable Double gCo2ePerMillionOutputTokens, double gCo2ePerHour,
                              double gridIntensityGCo2ePerKWh, String gridRegion, @Nullable String gridName,
                              @Nullable Integer gridYear, @Nullable String gridSourceUrl) {
    }

    /**
     * One catalog rental price applied to a deployment: the rented lens at that provider and pricing type.
     *
     * @param usdPerGpuHour              the catalog price of one accelerator-hour
     * @param usdPerHour                 usdPerGpuHour × accelerators
     * @param usdPerMillionOutputTokens  usdPerHour over the output throughput
     * @param usdPerMillionBlendedTokens usdPerHour over the requests served, per input + output token
     * @param usdPerMonth                usdPerHour × 730 h
     * @param chosen                     this is the price behind the cost block's (or fleet's) own figures
     */
    @Serdeable
    public record RentalOption(String id, String provider, @Nullable String instance, String pricingType,
                               double usdPerGpuHour, double usdPerHour, @Nullable Double usdPerMillionOutputTokens,
                               @Nullable Double usdPerMillionBlendedTokens, double usdPerMonth, @Nullable String asOf,
                               String sourceUrl, boolean chosen) {
    }

    /**
     * The cheapest rental option of each pricing type (null where the catalog has none); the same price
     * {@code pricing.pricingType} of that name would choose.
     */
    @Serdeable
    public record CheapestByPricingType(@Nullable RentalOption onDemand, @Nullable RentalOption reserved,
                                        @Nullable RentalOption spot) {
    }

    /**
     * The owned-hardware lens: the same deployment bought, powered, hosted and operated.
     *
     * @param assumptions the ownership inputs used, each marked as given by the user or assumed
     */
    @Serdeable
    public record OwnedCost(double usdPerHour, double capitalUsdPerHour, double powerUsdPerHour, double overheadUsdPerHour,
                            @Nullable Double usdPerMillionOutputTokens, @Nullable Double usdPerMillionBlendedTokens,
                            double usdPerMonth, double usdThreeYears, List<String> assumptions) {
    }

    /** The GPU rental price used: a catalog row (with its source and date) or the user's own ({@code id} "user"). */
    @Serdeable
    public record GpuPrice(String id, String provider, @Nullable String instance, String pricingType,
                           double usdPerGpuHour, @Nullable String asOf, String sourceUrl) {
    }

    /**
     * A hosted API serving the same model, billed as the provider bills this workload.
     *
     * @param usdPerMillionInputTokens   list price of an input token
     * @param usdPerMillionOutputTokens  list price of an output token
     * @param usdPerMillionBlendedTokens the API's bill for this workload's input/output mix, per million tokens, after
     *                                   prompt-cache hits, batch discount and long-context tier ({@code billing})
     * @param listUsdPerMillionBlendedTokens the same mix at list prices
     * @param costRatio                  self-hosted blended cost ÷ API billed blended price (below 1: self-hosting is cheaper)
     * @param breakEvenTokensPerMonth    monthly volume at which the deployment's monthly cost equals the API bill
     * @param billing                    which billing rules were applied and the effective prices
     * @param kWhPerMillionOutputTokens  the provider's published energy figure, null = unknown
     * @param gCo2ePerMillionOutputTokens the provider's published carbon figure, null = unknown
     * @param energyNote                 what the provider's figure covers, or that none is published
     */
    @Serdeable
    public record ApiComparison(String id, String provider, String model, double usdPerMillionInputTokens,
                                double usdPerMillionOutputTokens, double usdPerMillionBlendedTokens,
                                double listUsdPerMillionBlendedTokens, @Nullable Double costRatio,
                                @Nullable Double breakEvenTokensPerMonth, @Nullable String asOf, String sourceUrl,
                                ApiBillingApplied billing, @Nullable Double kWhPerMillionOutputTokens,
                                @Nullable Double gCo2ePerMillionOutputTokens, String energyNote,
                                @Nullable String energySourceUrl) {
    }

    /**
     * The billing rules applied to one API comparison.
     *
     * @param effectiveUsdPerMillionInputTokens  input price after cache hits, tier and batch discount
     * @param effectiveUsdPerMillionOutputTokens output price after tier and batch discount
     * @param cacheHitFraction                   share of input billed at the cached price
     * @param applied                            the rules applied, in words
     * @param notApplied                         rules the workload asked for without a catalog price
     */
    @Serdeable
    public record ApiBillingApplied(double effectiveUsdPerMillionInputTokens, double effectiveUsdPerMillionOutputTokens,
                                    double cacheHitFraction, boolean longContextTier, boolean batch,
                                    List<String> applied, List<String> notApplied) {
    }
}
