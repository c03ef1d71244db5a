package io.inferplan.plan.evaluate;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.inferplan.plan.technique.TechniqueInputs;

import java.util.List;

/**
 * The body of {@code POST /api/v1/plans/evaluate} (contract names). Only the ids, the workload's mode and its
 * token counts are required; everything else defaults to the framework's documented defaults.
 *
 * @param kvCacheFormat      KV-cache format id; absent = the framework's default (the model's 16-bit dtype)
 * @param acceleratorCount   accelerators in the deployment; absent = the fewest that fit
 * @param calibrationProfile name of a calibration profile to take efficiencies from; absent = the bundled fit
 * @param pricing            the user's prices and ownership assumptions; absent = the catalog's cheapest on-demand price
 * @param host               CPU-only plans: the host RAM the CPU runs from (required for CPUs); unified-memory SoCs:
 *                           the memory of the chosen configuration
 */
@Serdeable
public record PlanRequest(
        @Nullable String model,
        @Nullable String weightFormat,
        @Nullable String kvCacheFormat,
        @Nullable String accelerator,
        @Nullable Integer acceleratorCount,
        @Nullable String framework,
        @Nullable WorkloadInput workload,
        @Nullable ServingInput serving,
        @Nullable ParallelismInput parallelism,
        @Nullable String calibrationProfile,
        @Nullable PricingInput pricing,
        @Nullable HostInput host,
        @Nullable TechniqueInputs.DisaggregationInput disaggregation) {

    @Creator
    public PlanRequest {
    }

    /** Without disaggregation (colocated replicas, the default). */
    public PlanRequest(String model, String weightFormat, String kvCacheFormat, String accelerator, Integer acceleratorCount,
                       String framework, WorkloadInput workload, ServingInput serving, ParallelismInput parallelism,
                       String calibrationProfile, PricingInput pricing, HostInput host) {
        this(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, workload, serving, parallelism,
                calibrationProfile, pricing, host, null);
    }

    /** Without a host block. */
    public PlanRequest(String model, String weightFormat, String kvCacheFormat, String accelerator, Integer acceleratorCount,
                       String framework, WorkloadInput workload, ServingInput serving, ParallelismInput parallelism,
                       String calibrationProfile, PricingInput pricing) {
        this(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, workload, serving, parallelism,
                calibrationProfile, pricing, null);
    }

    /** The same plan on another host RAM configuration. */
    public PlanRequest withHost(HostInput h) {
        return new PlanRequest(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, workload,
                serving, parallelism, calibrationProfile, pricing, h, disaggregation);
    }

    /**
     * The host RAM of a CPU-only plan (contract {@code host} block): a CPU's memory is the DIMMs the buyer installs.
     * Bandwidth = memoryChannels × memoryTransferRateMTps × 8 B; absent channels and rate take the platform's
     * (all channels populated at the rated speed). On a unified-memory SoC (Apple, Strix Halo, Raspberry Pi) only
     * {@code hostMemoryGB} applies: the memory of the configuration bought, at most the catalog's largest.
     *
     * @param hostMemoryGB           installed RAM, GB
     * @param memoryChannels         populated memory channels (at most the platform's)
     * @param memoryTransferRateMTps DIMM speed, MT/s (at most the platform's rated speed)
     */
    @Serdeable
    public record HostInput(
            @Nullable Double hostMemoryGB,
            @Nullable Integer memoryChannels,
            @Nullable Double memoryTransferRateMTps) {
    }

    /**
     * Rope scaling the deployment enables to serve beyond the model's own context (contract
     * {@code serving.ropeScaling}), bounded by the model card's documented maximum.
     *
     * @param type   the method (yarn)
     * @param factor how many times the original context it stretches to
     */
    @Serdeable
    public record RopeScalingInput(@Nullable String type, @Nullable Double factor) {
    }

    /** Without pricing overrides: the catalog's prices. */
    public PlanRequest(String model, String weightFormat, String kvCacheFormat, String accelerator, Integer acceleratorCount,
                       String framework, WorkloadInput workload, ServingInput serving, ParallelismInput parallelism,
                       String calibrationProfile) {
        this(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, workload, serving, parallelism,
                calibrationProfile, null);
    }

    /**
     * Prices for the cost block. Rented: {@code usdPerGpuHour} (the user's own price) wins over {@code gpuPriceId}
     * (one catalog price), which wins over the cheapest catalog price of {@code pricingType} (on-demand, reserved,
     * spot). Owned: the purchase and running costs of {@link OwnedInput}. {@code apiPrices}: catalog API price ids to
     * compare with besides the same model's hosted offers.
     *
     * @param gridIntensityGCo2ePerKWh the grid's carbon intensity, gCO2e per kWh (wins over {@code gridRegion})
     * @param gridRegion               a grid-intensity catalog id ({@code GET /api/v1/energy/grid-intensities}); absent
     *                                 with no intensity: {@code world}
     * @param apiCacheHitFraction      share of input tokens an API serves from its prompt cache; absent:
     *                                 sharedPrefixTokens ÷ inputTokens
     * @param energy                   power-draw overrides of the energy lens
     */
    @Serdeable
    public record PricingInput(
            @Nullable Double usdPerGpuHour,
            @Nullable String gpuPriceId,
            @Nullable String pricingType,
            @Nullable OwnedInput owned,
            @Nullable List<String> apiPrices,
            @Nullable Double gridIntensityGCo2ePerKWh,
            @Nullable String gridRegion,
            @Nullable Double apiCacheHitFraction,
            @Nullable EnergyInput energy) {

        @Creator
        public PricingInput {
        }

        /** Prices only: the catalog's energy defaults and the world-average grid. */
        public PricingInput(Double usdPerGpuHour, String gpuPriceId, String pricingType, OwnedInput owned,
                            List<String> apiPrices) {
            this(usdPerGpuHour, gpuPriceId, pricingType, owned, apiPrices, null, null, null, null);
        }
    }

    /**
     * Power-draw overrides for the energy lens; each absent value takes the catalog's sourced figure (idle draw
     * measured, busy = datasheet TDP, host per node, PUE survey average) or, for the busy share, the engine's utilisation.
     *
     * @param busyShareFraction share of time the accelerators run steps (0..1)
     */
    @Serdeable
    public record EnergyInput(
            @Nullable Double idleWattsPerAccelerator,
            @Nullable Double busyWattsPerAccelerator,
            @Nullable Double hostWattsPerNode,
            @Nullable Integer acceleratorsPerNode,
            @Nullable Double pue,
            @Nullable Double busyShareFraction) {
    }

    /**
     * Owning the hardware. Absent values take the defaults of {@link io.inferplan.engine.cost.OwnedHardware}'s
     * assumptions as listed in the answer's warnings; the purchase price defaults to the catalog's list price.
     *
     * @param usdPurchasePerAccelerator purchase price per accelerator, USD
     * @param amortisationYears         write-off period, years
     * @param costOfCapitalFraction     yearly cost of capital (0.08 = 8 %)
     * @param powerUtilisationFraction  read as the energy lens's busy share when {@code pricing.energy.busyShareFraction}
     *                                  is absent (kept for saved plans; the power bill now comes from {@code cost.energy})
     * @param pue                       data-centre power usage effectiveness
     * @param usdPerKWh                 electricity price, USD per kWh
     * @param usdHostingPerAcceleratorMonth hosting per accelerator per month, USD
     * @param usdOperationsPerMonth     operations staff per month, USD
     */
    @Serdeable
    public record OwnedInput(
            @Nullable Double usdPurchasePerAccelerator,
            @Nullable Double amortisationYears,
            @Nullable Double costOfCapitalFraction,
            @Nullable Double powerUtilisationFraction,
            @Nullable Double pue,
            @Nullable Double usdPerKWh,
            @Nullable Double usdHostingPerAcceleratorMonth,
            @Nullable Double usdOperationsPerMonth) {
    }

    /**
     * @param mode               single-stream, fixed-concurrency, arrival-rate or max-throughput
     * @param inputTokens        prompt tokens per request (≥ 1)
     * @param outputTokens       generated tokens per request (≥ 1)
     * @param concurrency        requests in flight (fixed-concurrency)
     * @param requestsPerSecond  Poisson arrival rate (arrival-rate), requests/s
     * @param sharedPrefixTokens leading prompt tokens identical across requests
     * @param batch              the requests could go to an API's batch endpoint (API comparison at batch prices)
     */
    @Serdeable
    public record WorkloadInput(
            @Nullable String mode,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens,
            @Nullable Integer concurrency,
            @Nullable Double requestsPerSecond,
            @Nullable Integer sharedPrefixTokens,
            @Nullable Boolean batch,
            @Nullable Double inputTokensSpread,
            @Nullable Double outputTokensSpread,
            @Nullable String lengthDistribution,
            @Nullable Double burstiness) {

        @Creator
        public WorkloadInput {
        }

        public WorkloadInput(String mode, Integer inputTokens, Integer outputTokens, Integer concurrency,
                             Double requestsPerSecond, Integer sharedPrefixTokens) {
            this(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, null);
        }

        public WorkloadInput(String mode, Integer inputTokens, Integer outputTokens, Integer concurrency,
                             Double requestsPerSecond, Integer sharedPrefixTokens, Boolean batch) {
            this(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, batch, null, null,
                    null, null);
        }
    }

    /** The deployment's setup facts (contract {@code serving} block); each absent value takes the framework's default. */
    @Serdeable
    public record ServingInput(
            @Nullable String frameworkVersion,
            @Nullable Double memoryFraction,
            @Nullable Integer maxConcurrentSequences,
            @Nullable Integer maxBatchedTokens,
            @Nullable Boolean cudaGraphs,
            @Nullable Boolean prefixCaching,
            @Nullable Integer parallelSlots,
            @Nullable Integer contextPerSlotTokens,
            @Nullable Integer requestCount,
            @Nullable RopeScalingInput ropeScaling,
            @Nullable TechniqueInputs.SpeculativeInput speculative,
            @Nullable TechniqueInputs.LoraInput lora) {

        @Creator
        public ServingInput {
        }

        /** Without serving techniques. */
        public ServingInput(String frameworkVersion, Double memoryFraction, Integer maxConcurrentSequences,
                            Integer maxBatchedTokens, Boolean cudaGraphs, Boolean prefixCaching, Integer parallelSlots,
                            Integer contextPerSlotTokens, Integer requestCount, RopeScalingInput ropeScaling) {
            this(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens, cudaGraphs, prefixCaching,
                    parallelSlots, contextPerSlotTokens, requestCount, ropeScaling, null, null);
        }

        /** Without rope scaling. */
        public ServingInput(String frameworkVersion, Double memoryFraction, Integer maxConcurrentSequences,
                            Integer maxBatchedTokens, Boolean cudaGraphs, Boolean prefixCaching, Integer parallelSlots,
                            Integer contextPerSlotTokens, Integer requestCount) {
            this(frameworkVersion, memoryFraction, maxConcurrentSequences, maxBatchedTokens, cudaGraphs, prefixCaching,
                    parallelSlots, contextPerSlotTokens, requestCount, null);
        }
    }

    /** tensorParallel × pipelineParallel × replicas = acceleratorCount. */
    @Serdeable
    public record ParallelismInput(
            @Nullable Integer tensorParallel,
            @Nullable Integer pipelineParallel,
            @Nullable Integer replicas) {
    }
}
