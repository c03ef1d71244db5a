package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_ESTIMATE;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.RADIX;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.PREFILL_FIRST;

/**
 * SGLang (python/sglang/srt/server_args.py, managers/scheduler.py, global_config.py).
 * <ul>
 * <li>Prefill first: when new requests can be admitted the scheduler runs a prefill batch and the running decodes
 *     wait; {@code enable_mixed_chunk = False} by default. Prompts are chunked at {@code chunked_prefill_size}
 *     (2048–16384 by GPU memory).</li>
 * <li>Admission reserves, for every running and new request, its input plus {@code new_token_ratio} × its
 *     remaining output; the ratio starts at {@code SGLANG_INIT_NEW_TOKEN_RATIO} 0.7 (× schedule_conservativeness
 *     1.0) and falls over {@code SGLANG_NEW_TOKEN_RATIO_DECAY_STEPS} 600 decode steps to 0.7 × 0.14 = 0.098
 *     ({@code SGLANG_MIN_NEW_TOKEN_RATIO_FACTOR}); when decoding runs out of KV the scheduler retracts requests.</li>
 * <li>Radix-tree prefix cache on by default; page size 1 token.</li>
 * </ul>
 */
public final class SglangPolicy {
    static final SchedulerPolicy.NewTokenRatio RATIO = new SchedulerPolicy.NewTokenRatio(0.7, 0.7 * 0.14,
            (0.7 - 0.7 * 0.14) / 600);

    private SglangPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("SGLang scheduler (prefill batches first, chunked; output reserved by new-token ratio)",
                PREFILL_FIRST, in.maxRunningSequences(), in.tokensPerStep(), true, RESERVE_ESTIMATE,
                in.kvBlockTokens(), in.prefix(RADIX), 0, RATIO);
    }
}
