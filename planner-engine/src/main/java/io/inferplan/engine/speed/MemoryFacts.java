package io.inferplan.engine.speed;

import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.ResolvedServing;

import java.util.List;

/**
 * What the speed model takes from the memory model ({@code engine.memory}): the bytes a decode step reads and
 * the batch the KV memory and scheduler allow. Computed once per plan (it does not depend on efficiencies), so
 * {@link SpeedModel#predict} stays cheap.
 *
 * @param effectiveBitsPerWeight     whole-model bits per weight after the format's per-tensor mix (GGUF K-quants)
 * @param kvBytesPerToken            KV bytes per token in the whole model (all KV layers, chosen KV format)
 * @param maxConcurrentPerReplica    requests one replica can run at once: min(KV fit, scheduler cap)
 * @param kvFitRequestsPerReplica    requests of inputTokens + outputTokens each whose KV fits one replica at once,
 *                                   before the scheduler cap (paged, or shared-prefix when prefix caching is on)
 * @param schedulerCap               the scheduler's sequence cap (or the fixed slots of llama.cpp / Ollama)
 * @param maxBatchedTokens           tokens per scheduler step / prefill chunk
 * @param prefixCaching              shared prefixes stored and prefilled once
 * @param requestCount               offline benchmark's request count, or null
 * @param contextPerSlotTokens       llama.cpp / Ollama context per slot, or null for paged frameworks
 * @param kvTokensPerReplica         tokens (all layers) the replica's KV budget holds
 * @param kvBlockTokens              KV block / page size, tokens
 * @param fits                       the memory model says the deployment fits
 * @param warnings                   the memory model's caveats
 */
public record MemoryFacts(double effectiveBitsPerWeight, double kvBytesPerToken, int maxConcurrentPerReplica,
                          long kvFitRequestsPerReplica, int schedulerCap, int maxBatchedTokens, boolean prefixCaching, Integer requestCount,
                          Integer contextPerSlotTokens, long kvTokensPerReplica, int kvBlockTokens, boolean fits,
                          List<String> warnings) {

    public MemoryFacts {
        warnings = List.copyOf(warnings);
    }

    public static MemoryFacts from(MemoryEstimate e) {
        ResolvedServing s = e.serving();
        int cap = s.parallelSlots() != null ? s.parallelSlots() : s.maxConcurrentSequences();
        long perReplica = Math.max(1, Math.min(Integer.MAX_VALUE, e.maxConcurrentRequestsPerReplica()));
        long kvFit = e.concurrency() == null || !e.fits() ? perReplica
                : Math.max(perReplica, s.prefixCaching() ? e.concurrency().sharedPrefixRequests() : e.concurrency().pagedRequests());
        return new MemoryFacts(e.weights().effectiveBitsPerWeight(), e.kvCacheBytesPerToken(), (int) perReplica, kvFit,
                cap, s.maxBatchedTokens(), s.prefixCaching(), s.requestCount(), s.contextPerSlotTokens(),
                e.kvTokensPerReplica(), s.kvBlockTokens(), e.fits(), e.warnings());
    }
}
