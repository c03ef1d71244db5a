package io.inferplan.plan.evaluate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/plans/evaluate} (contract names). Only the ids, the workload's mode and its
 * token counts are required; everything else defaults to the framework's documented defaults.
 *
 * @param kvCacheFormat      KV-cache format id; absent = the framework's default (the model's 16-bit dtype)
 * @param acceleratorCount   accelerators in the deployment; absent = the fewest that fit
 * @param calibrationProfile name of a calibration profile to take efficiencies from; absent = the bundled fit
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
        @Nullable String calibrationProfile) {

    /**
     * @param mode               single-stream, fixed-concurrency, arrival-rate or max-throughput
     * @param inputTokens        prompt tokens per request (≥ 1)
     * @param outputTokens       generated tokens per request (≥ 1)
     * @param concurrency        requests in flight (fixed-concurrency)
     * @param requestsPerSecond  Poisson arrival rate (arrival-rate), requests/s
     * @param sharedPrefixTokens leading prompt tokens identical across requests
     */
    @Serdeable
    public record WorkloadInput(
            @Nullable String mode,
            @Nullable Integer inputTokens,
            @Nullable Integer outputTokens,
            @Nullable Integer concurrency,
            @Nullable Double requestsPerSecond,
            @Nullable Integer sharedPrefixTokens) {
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
            @Nullable Integer requestCount) {
    }

    /** tensorParallel × pipelineParallel × replicas = acceleratorCount. */
    @Serdeable
    public record ParallelismInput(
            @Nullable Integer tensorParallel,
            @Nullable Integer pipelineParallel,
            @Nullable Integer replicas) {
    }
}
