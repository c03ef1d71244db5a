package io.inferplan.plan.saved;

import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The key numbers of an evaluate answer, stored with a saved plan so a later re-evaluation can say what changed.
 * Names as in the evaluate answer; performance and cost values are null until those blocks are computed.
 *
 * @param acceleratorCount          accelerators in the deployment
 * @param weightsGiB                one copy of the weights, GiB
 * @param kvCacheBytesPerToken      KV bytes of one token, whole model
 * @param kvCacheGiBPerRequest      KV of one request, GiB
 * @param totalGiBPerAccelerator    memory in use on the most loaded accelerator, GiB
 * @param fits                      the deployment holds the plan
 * @param maxConcurrentRequests     requests that fit at once, whole deployment
 * @param ttftMs                    mean time to first token, ms
 * @param tpotMs                    mean time per output token, ms
 * @param outputTokensPerSecond     output tokens per second, whole deployment
 * @param usdPerHour                deployment cost, USD per hour
 * @param usdPerMillionInputTokens  USD per million input tokens
 * @param usdPerMillionOutputTokens USD per million output tokens
 */
@Serdeable
public record PlanSummary(
        int acceleratorCount,
        double weightsGiB,
        long kvCacheBytesPerToken,
        double kvCacheGiBPerRequest,
        double totalGiBPerAccelerator,
        boolean fits,
        long maxConcurrentRequests,
        @Nullable Double ttftMs,
        @Nullable Double tpotMs,
        @Nullable Double outputTokensPerSecond,
        @Nullable Double usdPerHour,
        @Nullable Double usdPerMillionInputTokens,
        @Nullable Double usdPerMillionOutputTokens) {

    public static PlanSummary from(PlanResponse r) {
        var m = r.memory();
        var p = r.performance();
        var c = r.cost();
        return new PlanSummary(r.plan().acceleratorCount(), m.weightsGiB(), m.kvCacheBytesPerToken(),
                m.kvCacheGiBPerRequest(), m.totalGiBPerAccelerator(), m.fits(), m.maxConcurrentRequests(),
                p == null ? null : p.ttftMs(), p == null ? null : p.tpotMs(), p == null ? null : p.outputTokensPerSecond(),
                c == null ? null : c.usdPerHour(), c == null ? null : c.usdPerMillionInputTokens(),
                c == null ? null : c.usdPerMillionOutputTokens());
    }
}
