package io.inferplan.engine.speed.policy;

import static io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission.RESERVE_FULL;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind.NONE;
import static io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind.MIXED;

/**
 * Ollama: one llama.cpp-based runner per model with {@code OLLAMA_NUM_PARALLEL} slots (4 in v0.2.0–v0.6.6, 2 in
 * v0.6.7–v0.9.x, 1 from v0.10.0: envconfig history; resolved by the memory model) and {@code num_batch} 512; requests
 * beyond the slots wait in Ollama's queue ({@code OLLAMA_MAX_QUEUE} 512). Each slot reserves its {@code num_ctx}.
 */
public final class OllamaPolicy {
    private OllamaPolicy() {
    }

    public static SchedulerPolicy of(PolicyInputs in) {
        int batch = Math.max(1, in.tokensPerStep());
        return new SchedulerPolicy("Ollama runner (" + in.maxRunningSequences() + " parallel, queue beyond)", MIXED,
                in.maxRunningSequences(), batch, true, RESERVE_FULL, 1, NONE, batch, null);
    }
}
