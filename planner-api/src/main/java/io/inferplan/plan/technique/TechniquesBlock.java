package io.inferplan.plan.technique;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The answer's {@code techniques} block: what each serving technique the plan asked for changes. Null blocks are
 * techniques not asked for. Scalars are CSV columns ({@code techniques.speculative.tpotMsWithout}); the curves are JSON.
 */
@Serdeable
public record TechniquesBlock(@Nullable Speculative speculative, @Nullable Lora lora,
                              @Nullable Disaggregation disaggregation) {

    /**
     * Speculative decoding. The plan's {@code performance} block is the answer WITH speculation; the {@code …Without}
     * fields are the same plan without it.
     *
     * @param acceptanceRateSource  "given", or the published figure and URL the default came from
     * @param expectedTokensPerStep (1 − α^(k+1)) ÷ (1 − α)
     * @param draftMsPerStep        the drafter's part of a one-sequence step at the plan's mean context
     * @param verifyMsPerStep       the target verifying k + 1 tokens in that step
     * @param plainStepMs           the same step without speculation
     * @param breakEvenConcurrency  deployment-wide concurrency from which speculation no longer raises throughput; null
     *                              when it pays over the whole curve (then {@code breakEvenNote} says up to where)
     * @param curve                 with and without at 1, 2, 4 … concurrent requests (fixed concurrency)
     */
    @Serdeable
    public record Speculative(String method, @Nullable String draftModel, int numSpeculativeTokens, double acceptanceRate,
                              String acceptanceRateSource, double expectedTokensPerStep, double draftMsPerStep,
                              double verifyMsPerStep, double plainStepMs, double draftWeightsGiB,
                              long draftKvCacheBytesPerToken, long kvCacheTokensPerReplica,
                              long kvCacheTokensPerReplicaWithout, long maxConcurrentRequestsPerReplica,
                              long maxConcurrentRequestsPerReplicaWithout, @Nullable Double ttftMsWithout,
                              @Nullable Double tpotMsWithout, @Nullable Double tpotP95MsWithout,
                              @Nullable Double outputTokensPerSecondWithout, @Nullable Double tpotSpeedup,
                              @Nullable Double throughputSpeedup, @Nullable Integer breakEvenConcurrency,
                              String breakEvenNote, List<SpeculativePoint> curve) {
    }

    /** One concurrency with and without speculation. */
    @Serdeable
    public record SpeculativePoint(int concurrency, @Nullable Double outputTokensPerSecondWith,
                                   @Nullable Double outputTokensPerSecondWithout, @Nullable Double tpotMsWith,
                                   @Nullable Double tpotMsWithout, @Nullable Double tpotP95MsWith,
                                   @Nullable Double tpotP95MsWithout, @Nullable Double ttftMsWith,
                                   @Nullable Double ttftMsWithout, boolean pays) {
    }

    /**
     * Many LoRA adapters. The plan's {@code performance} block is the answer with {@code adapters} adapters in use.
     *
     * @param adaptersThatFitOnAccelerators adapters that would fit if all KV memory but one request's held adapters
     * @param swapMsPerAdapter              one adapter's load over the host link
     * @param missFraction                  share of requests whose adapter is loaded before its prompt
     * @param maxConcurrentRequestsFromSlots batch the adapter slots allow in arrival order (null: not limited)
     * @param curve                         throughput with 1, 2, 4 … adapters in use
     */
    @Serdeable
    public record Lora(int adapters, int rank, List<String> targetModules, int maxLorasPerBatch, int maxCpuLoras,
                       String defaultsSource, long adapterParameters, double adapterMiB, double acceleratorAdaptersGiB,
                       double hostAdaptersGiB, long adaptersThatFitOnAccelerators, long kvCacheTokensPerReplica,
                       String hostLink, double swapMsPerAdapter, double missFraction,
                       @Nullable Integer maxConcurrentRequestsFromSlots, @Nullable Double outputTokensPerSecondWithout,
                       @Nullable Double tpotMsWithout, @Nullable Double ttftMsWithout, List<LoraPoint> curve) {
    }

    /** The plan with {@code activeAdapters} adapters in use. */
    @Serdeable
    public record LoraPoint(int activeAdapters, @Nullable Double outputTokensPerSecond, @Nullable Double tpotMs,
                            @Nullable Double ttftMs, double missFraction,
                            @Nullable Integer maxConcurrentRequestsFromSlots) {
    }

    /**
     * Prefill/decode disaggregation. The plan's {@code performance} block is the whole deployment's answer; the memory
     * block is one decode instance's.
     *
     * @param ratio               "xPyD"
     * @param kvTransferMs        one prompt's KV over the link (not overlapped with the prefill: an upper bound)
     * @param bindingPool         the pool that saturates first
     * @param poolSizesByTraffic  instances each pool needs to stay below its capacity at ¼, ½, 1, 2 and 4 × the
     *                            rate these pools complete together (no latency target: the fleet sizer with
     *                            {@code disaggregation: true} sizes for an SLO)
     */
    @Serdeable
    public record Disaggregation(String ratio, Pool prefill, Pool decode, String kvLink, double kvLinkGBps,
                                 @Nullable Double kvLinkLatencyUs, String kvLinkSourceUrl, double kvTransferMs,
                                 double kvTransferMiBPerRequest, String bindingPool, int acceleratorCount,
                                 @Nullable Double usdPerHour, List<PoolSizes> poolSizesByTraffic) {
    }

    /**
     * One pool.
     *
     * @param saturatedRequestsPerSecond what the whole pool completes when saturated
     * @param ttftMs                     its own TTFT (prefill: queue + prompt + first token; decode: wait for the first step)
     */
    @Serdeable
    public record Pool(String accelerator, int tensorParallel, int instances, int acceleratorCount,
                       double saturatedRequestsPerSecond, @Nullable Double utilisationFraction, @Nullable Double ttftMs,
                       @Nullable Double ttftP95Ms, @Nullable Double tpotMs, @Nullable Double meanBatchSize,
                       long maxConcurrentRequestsPerInstance, double totalGiBPerAccelerator, @Nullable Double usdPerHour) {
    }

    /** Pool sizes at one traffic level. */
    @Serdeable
    public record PoolSizes(double requestsPerSecond, int prefillInstances, int decodeInstances,
                            @Nullable Integer colocatedReplicas) {
    }
}
