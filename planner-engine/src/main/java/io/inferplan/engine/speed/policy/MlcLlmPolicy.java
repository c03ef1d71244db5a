package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.ON_DEMAND;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.RADIX;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.PREFILL_FIRST;

/**
 * MLC-LLM serve engine: a new-request prefill action (chunks of {@code prefill_chunk_size}) runs before the batch
 * decode action; paged KV of 16-token pages; mode "local" runs at most 4 sequences ({@code max_num_sequence}).
 */
public final class MlcLlmPolicy {
    private MlcLlmPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("MLC-LLM engine (prefill action before batch decode)", PREFILL_FIRST,
                in.maxRunningSequences(), in.tokensPerStep(), true, ON_DEMAND, in.kvBlockTokens(), in.prefix(RADIX),
                0, null);
    }
}
