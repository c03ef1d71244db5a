package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.ON_DEMAND;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.BLOCKS;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.MIXED;

/**
 * LMDeploy TurboMind: "persistent batch (a.k.a. continuous batching), blocked KV cache, dynamic split&fuse"
 * (InternLM/lmdeploy README): prompts are split into chunks of {@code max_prefill_token_num} (8192) and fused with
 * the running decodes; KV blocks of {@code cache_block_seq_len} 64 tokens; prefix caching off by default.
 */
public final class LmdeployPolicy {
    private LmdeployPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("LMDeploy TurboMind (persistent batch, dynamic split&fuse)", MIXED,
                in.maxRunningSequences(), in.tokensPerStep(), true, ON_DEMAND, in.kvBlockTokens(), in.prefix(BLOCKS),
                0, null);
    }
}
