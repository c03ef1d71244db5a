package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.ON_DEMAND;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.RADIX;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.PREFILL_FIRST;

/**
 * Hugging Face TGI (v3): the router runs a prefill batch of waiting requests up to {@code max_batch_prefill_tokens}
 * (4096) while the running batch waits, then concatenates it into the decoding batch; v3 chunks long prompts and keeps
 * a prefix cache (radix trie). {@code max_concurrent_requests} 128. In maintenance mode since 2025.
 */
public final class TgiPolicy {
    private TgiPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("TGI router (prefill batch first, then concatenated into the decode batch)",
                PREFILL_FIRST, in.maxRunningSequences(), in.tokensPerStep(), true, ON_DEMAND, in.kvBlockTokens(),
                in.prefix(RADIX), 0, null);
    }
}
