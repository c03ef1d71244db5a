package io.inferplan.engine.technique.lora;

import java.util.List;
import java.util.Set;

/**
 * A deployment serving many LoRA adapters (the contract's {@code serving.lora}), resolved with the framework's
 * defaults.
 *
 * @param adapters                adapters the deployment serves, all receiving traffic uniformly
 * @param rank                    adapter rank r
 * @param targetModules           adapted modules ({@link LoraShapes#MODULES})
 * @param maxLorasPerBatch        adapters one batch may hold on the accelerators (vLLM max_loras, SGLang
 *                                max_loras_per_batch): the adapters resident on the GPUs
 * @param maxCpuLoras             adapters kept in host memory (vLLM max_cpu_loras); the rest load from disk
 * @param hostLinkBytesPerSecond  host → accelerator copy bandwidth per accelerator (the PCIe link)
 * @param defaultsSource          where the framework defaults used came from
 */
public record LoraSetup(int adapters, int rank, List<String> targetModules, int maxLorasPerBatch, int maxCpuLoras,
                        double hostLinkBytesPerSecond, String hostLinkSource, String defaultsSource) {

    public LoraSetup {
        require(adapters >= 1, "adapters", "must be >= 1");
        require(rank >= 1, "rank", "must be >= 1");
        require(targetModules != null && !targetModules.isEmpty(), "targetModules", "must name at least one module");
        require(maxLorasPerBatch >= 1, "maxLorasPerBatch", "must be >= 1");
        require(maxCpuLoras >= maxLorasPerBatch, "maxCpuLoras", "must be >= maxLorasPerBatch (" + maxLorasPerBatch + ")");
        require(hostLinkBytesPerSecond > 0, "hostLink", "must be > 0 bytes/s");
        targetModules = List.copyOf(targetModules);
        for (String m : targetModules) {
            require(LoraShapes.MODULES.contains(m), "targetModules", "unknown module '" + m + "'; allowed "
                    + String.join(", ", LoraShapes.MODULES));
        }
    }

    public Set<String> modules() {
        return Set.copyOf(targetModules);
    }

    /** The same deployment with a different number of adapters receiving traffic. */
    public LoraSetup withAdapters(int n) {
        return new LoraSetup(n, rank, targetModules, maxLorasPerBatch, Math.max(maxCpuLoras, maxLorasPerBatch),
                hostLinkBytesPerSecond, hostLinkSource, defaultsSource);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException("serving.lora." + field + ": " + message);
        }
    }
}
