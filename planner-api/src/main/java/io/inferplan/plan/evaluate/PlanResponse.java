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
 */
@Serdeable
public record PlanResponse(
        ResolvedPlan plan,
        MemoryBlock memory,
        @Nullable PerformanceBlock performance,
        @Nullable CostBlock cost,
        List<String> warnings,
        String catalogVersion) {

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
            String provenance) {
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
            CheapestByPricingType cheapestByPricingType) {
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
     * A hosted API serving the same model, at its list price.
     *
     * @param usdPerMillionBlendedTokens the API's price for this workload's input/output mix
     * @param costRatio                  self-hosted blended cost ÷ API blended price (below 1: self-hosting is cheaper)
     * @param breakEvenTokensPerMonth    monthly volume at which the deployment's monthly cost equals the API bill
     */
    @Serdeable
    public record ApiComparison(String provider, String model, double usdPerMillionInputTokens,
                                double usdPerMillionOutputTokens, double usdPerMillionBlendedTokens,
                                @Nullable Double costRatio, @Nullable Double breakEvenTokensPerMonth,
                                @Nullable String asOf, String sourceUrl) {
    }
}
