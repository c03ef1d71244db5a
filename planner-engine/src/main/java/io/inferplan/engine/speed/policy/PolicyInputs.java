package io.inferplan.engine.speed.policy;

/**
 * The resolved serving setup a policy is built from (the memory model's {@code ResolvedServing}: the user's values,
 * else the framework's documented default for its version, each with its source).
 *
 * @param framework              framework id
 * @param frameworkVersion       version whose behaviour applies (null = the current default)
 * @param maxRunningSequences    scheduler cap (vLLM max_num_seqs, TensorRT-LLM max_batch_size, slots…)
 * @param tokensPerStep          vLLM max_num_batched_tokens, SGLang chunked_prefill_size, TensorRT-LLM max_num_tokens…
 * @param prefixCaching          prefix caching on
 * @param kvBlockTokens          KV block / page size
 * @param staticBatching         the run batches statically (stated by the source or the user)
 * @param maxModelLengthTokens   the model's context length as served (decides vLLM V0's chunking and budget)
 */
public record PolicyInputs(String framework, String frameworkVersion, int maxRunningSequences, int tokensPerStep,
                           boolean prefixCaching, int kvBlockTokens, boolean staticBatching,
                           int maxModelLengthTokens) {

    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** "0.6.5" → {0,6,5}; null when absent or not a version number. */
    public int[] version() {
        if (frameworkVersion == null) {
            return null;
        }
        java.util.regex.Matcher m = VERSION.matcher(frameworkVersion);
        if (!m.find()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }

    /** True when the version is known and older than major.minor. */
    public boolean olderThan(int major, int minor) {
        int[] v = version();
        return v != null && (v[0] < major || (v[0] == major && v[1] < minor));
    }

    SchedulerPolicy.PrefixCacheKind prefix(SchedulerPolicy.PrefixCacheKind kind) {
        return prefixCaching ? kind : SchedulerPolicy.PrefixCacheKind.NONE;
    }
}
