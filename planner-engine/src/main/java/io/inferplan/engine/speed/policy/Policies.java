package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_FULL;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.NONE;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.STATIC;

/** The policy of a framework id, and static batching when a run states it. */
public final class Policies {
    private Policies() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        if (in.staticBatching()) {
            return new SchedulerPolicy(in.framework() + " with static batching (batch prefilled together, decoded "
                    + "to the end; KV reserved for the whole batch)", STATIC, in.maxRunningSequences(),
                    Math.max(in.tokensPerStep(), 1), true, RESERVE_FULL, in.kvBlockTokens(), NONE, 0, null);
        }
        switch (in.framework()) {
            case "vllm":
                return VllmPolicy.of(in);
            case "sglang":
                return SglangPolicy.of(in);
            case "tensorrt-llm":
                return TensorRtLlmPolicy.of(in);
            case "lmdeploy":
                return LmdeployPolicy.of(in);
            case "tgi":
                return TgiPolicy.of(in);
            case "max":
                return MaxPolicy.of(in);
            case "mlc-llm":
                return MlcLlmPolicy.of(in);
            case "llama.cpp":
                return LlamaCppPolicy.of(in);
            case "ollama":
                return OllamaPolicy.of(in);
            default:
                // an engine the catalog knows but no policy describes: the most common design (vLLM V1's)
                return VllmPolicy.of(new PolicyInputs(in.framework(), null, in.maxRunningSequences(),
                        in.tokensPerStep(), in.prefixCaching(), in.kvBlockTokens(), false, in.maxModelLengthTokens()));
        }
    }
}
