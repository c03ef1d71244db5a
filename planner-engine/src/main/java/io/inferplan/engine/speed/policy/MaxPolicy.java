package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.ON_DEMAND;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.BLOCKS;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.PREFILL_FIRST;

/**
 * Modular MAX serve: context-encoding (CE) batches of {@code target_tokens_per_batch_ce} 8192 tokens with
 * {@code enable_chunked_prefill = True}, and token-generation batches; {@code enable_in_flight_batching = False}
 * by default, so CE and TG run as separate steps (max/serve scheduler config). Paged KV of 128-token pages.
 */
public final class MaxPolicy {
    private MaxPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("MAX serve (context-encoding batches first, chunked)", PREFILL_FIRST,
                in.maxRunningSequences(), in.tokensPerStep(), true, ON_DEMAND, in.kvBlockTokens(), in.prefix(BLOCKS),
                0, null);
    }
}
