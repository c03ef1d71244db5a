package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_FULL;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.BLOCKS;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.MIXED;

/**
 * TensorRT-LLM.
 * <ul>
 * <li>In-flight batching: context-phase and generation-phase sequences run in the same step under
 *     {@code max_num_tokens} (docs "Paged Attention, IFB, and Request Scheduling").</li>
 * <li>{@code enable_chunked_prefill = False} by default (tensorrt_llm/llmapi/llm_args.py): a prompt is scheduled
 *     whole.</li>
 * <li>Capacity scheduler {@code GUARANTEED_NO_EVICT} by default: a request starts only when the KV blocks for its
 *     whole input + output can be reserved; nothing is evicted.</li>
 * <li>KV block reuse (prefix caching) over blocks of {@code tokens_per_block} 32.</li>
 * </ul>
 */
public final class TensorRtLlmPolicy {
    private TensorRtLlmPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        return new SchedulerPolicy("TensorRT-LLM in-flight batching (context and generation in one step, "
                + "GUARANTEED_NO_EVICT)", MIXED, in.maxRunningSequences(), in.tokensPerStep(), false, RESERVE_FULL,
                in.kvBlockTokens(), in.prefix(BLOCKS), 0, null);
    }
}
