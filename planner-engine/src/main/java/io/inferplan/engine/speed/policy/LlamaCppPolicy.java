package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_FULL;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.NONE;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.MIXED;

/**
 * llama.cpp server (tools/server): a fixed number of slots ({@code -np}, 4 by default since b7079, PR #16736); each
 * update builds one batch of one token per generating slot plus prompt tokens of slots still reading their prompt,
 * up to {@code n_batch} 2048 tokens, run as physical micro-batches of {@code n_ubatch} 512 tokens — each of which
 * reads the weights again. Requests beyond the slots wait. A slot's KV holds its whole context (reserved).
 * Prompt caching reuses a slot's own previous prompt only, so a shared prefix across requests is not modelled as cached.
 */
public final class LlamaCppPolicy {
    /** llama-server's default logical batch ({@code -b}, n_batch). */
    static final int N_BATCH = 2048;

    private LlamaCppPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("llama.cpp server (" + in.maxRunningSequences() + " slots, one batch per update)",
                MIXED, in.maxRunningSequences(), N_BATCH, true, RESERVE_FULL, 1, NONE, in.tokensPerStep(), null);
    }
}
