package io.inferplan.engine.memory;

/**
 * KV-cache bytes a framework gives itself on one accelerator, by its {@link KvSizingRule}. All arguments are bytes
 * on that accelerator: C capacity, W weight shard, X CUDA context, A activation workspace, G CUDA graphs; f the
 * memory fraction on the rule's base. Negative results mean "nothing left" and are clamped to 0.
 */
public final class KvBudget {

    private KvBudget() {
    }

    /**
     * KV = C × f − W − X − A (activations inside the fraction: vLLM's profiled peak, TGI's warm-up, MLC's workspaces;
     * vllm/config/cache.py) or C × f − W − X when activations and graphs come out of the remaining (1 − f) reserve
     * (SGLang: rest_memory = free_after_weights − C × (1 − mem_fraction_static)).
     */
    public static double fractionOfTotal(double c, double f, double w, double x, double a, boolean activationsInside) {
        return Math.max(0, c * f - w - x - (activationsInside ? a : 0));
    }

    /**
     * KV = f × (C − X − W − A − G): a share of what is free after the model and its buffers are loaded (TensorRT-LLM
     * free_gpu_memory_fraction, LMDeploy cache_max_entry_count).
     */
    public static double fractionOfFreeAfterWeights(double c, double f, double w, double x, double a, double g) {
        return Math.max(0, f * (c - x - w - a - g));
    }

    /** KV = f × (C − X) − W: MAX's kv_cache_workspace = total_free_memory × 0.9 − model_weights_size. */
    public static double fractionOfFreeAtStart(double c, double f, double w, double x) {
        return Math.max(0, f * (c - x) - w);
    }
}
