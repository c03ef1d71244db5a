package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.ON_DEMAND;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.BLOCKS;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.MIXED;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.PREFILL_FIRST;

/**
 * vLLM.
 * <ul>
 * <li>V1 engine (default from 0.8.0, the only engine from 0.11): one token budget per step
 *     ({@code max_num_batched_tokens}); running requests (decodes, then unfinished prefill chunks) are scheduled
 *     first and waiting requests fill what is left, a prompt split at the budget — chunked prefill is always on
 *     (vllm/v1/core/sched/scheduler.py; docs.vllm.ai "Optimization and Tuning": "In vLLM V1, chunked prefill is
 *     always enabled by default").</li>
 * <li>V0 (before 0.8): prefills first, unchunked, with {@code max_num_batched_tokens = max(max_model_len, 2048)};
 *     chunked prefill (decode-first, mixed) only by default for a max_model_len above 32K (engine/arg_utils.py, 0.6).</li>
 * <li>KV: paged blocks of 16 tokens allocated as tokens are computed; when the cache is full the scheduler preempts
 *     the most recently admitted running request and recomputes it later (preemption mode RECOMPUTE).</li>
 * <li>Prefix caching: hashed full blocks (automatic prefix caching, on by default in V1).</li>
 * </ul>
 */
public final class VllmPolicy {
    private VllmPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        if (in.olderThan(0, 8)) {
            boolean chunked = in.maxModelLengthTokens() > 32_768;
            int budget = chunked ? in.tokensPerStep() : Math.max(in.maxModelLengthTokens(), 2048);
            return new SchedulerPolicy("vLLM V0 scheduler (" + (chunked ? "chunked prefill mixed with decodes"
                    : "prefills first, unchunked") + ")", chunked ? MIXED : PREFILL_FIRST, in.maxRunningSequences(),
                    budget, chunked, ON_DEMAND, in.kvBlockTokens(), in.prefix(BLOCKS), 0, null);
        }
        return new SchedulerPolicy("vLLM V1 scheduler (chunked prefill mixed with decodes)", MIXED,
                in.maxRunningSequences(), in.tokensPerStep(), true, ON_DEMAND, in.kvBlockTokens(), in.prefix(BLOCKS),
                0, null);
    }
}
