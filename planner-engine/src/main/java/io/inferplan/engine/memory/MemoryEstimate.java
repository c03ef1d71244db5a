package io.inferplan.engine.memory;

import io.inferplan.engine.spec.Parallelism;

import java.util.List;

/**
 * The memory answer of one plan. The first seven fields are the contract's {@code memory} block.
 *
 * @param weightsGiB                  one copy of the model's weights, GiB (2^30 B)
 * @param kvCacheBytesPerToken        KV bytes one token occupies in the whole model (all KV layers, K and V, chosen
 *                                    KV format), rounded to whole bytes
 * @param kvCacheGiBPerRequest        KV of one request of inputTokens + outputTokens (sliding windows applied), GiB
 * @param totalGiBPerAccelerator      memory occupied on the most loaded accelerator (breakdown.usedBytes), GiB
 * @param capacityGiBPerAccelerator   accelerator memory: marketed decimal GB converted to GiB
 * @param fits                        weights + overheads fit and at least one request's KV fits
 * @param maxConcurrentRequests       requests of this workload that can run at once in the whole deployment
 *                                    (all replicas): min(KV fit under the framework's allocation, scheduler cap)
 * @param maxConcurrentRequestsPerReplica the same for one replica
 * @param parallelism                 the split used (the fewest accelerators that fit when none was given)
 * @param breakdownPerAccelerator     bytes on the most loaded accelerator by purpose
 * @param weights                     per-tensor weight breakdown of one model copy
 * @param serving                     the resolved serving setup with sources
 * @param kvBytesAvailablePerReplica  KV-cache bytes of one replica (sum over its accelerators)
 * @param kvTokensPerReplica          tokens (full-model, all layers) that fit that KV budget
 * @param concurrency                 naive vs paged vs shared-prefix concurrency at this workload's length
 * @param kvGrowth                    the KV-growth curve up to the model's max context
 * @param warnings                    assumptions and caveats the user should see
 */
public record MemoryEstimate(
        double weightsGiB,
        long kvCacheBytesPerToken,
        double kvCacheGiBPerRequest,
        double totalGiBPerAccelerator,
        double capacityGiBPerAccelerator,
        boolean fits,
        long maxConcurrentRequests,
        long maxConcurrentRequestsPerReplica,
        Parallelism parallelism,
        MemoryBreakdown breakdownPerAccelerator,
        WeightBreakdown weights,
        ResolvedServing serving,
        double kvBytesAvailablePerReplica,
        long kvTokensPerReplica,
        KvConcurrency concurrency,
        List<KvGrowthPoint> kvGrowth,
        List<String> warnings) {

    public MemoryEstimate {
        kvGrowth = List.copyOf(kvGrowth);
        warnings = List.copyOf(warnings);
    }
}
