package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;


/**
 * Documented scheduler and memory defaults per framework (facts from {@code reference/framework-defaults.csv},
 * each with its source there). These are the setup facts the mechanisms use; none is fitted.
 */
final class SchedulerDefaults {
    private static final double GIB = 1L << 30;

    private SchedulerDefaults() {
    }

    /**
     * Scheduler cap on requests decoding together. vLLM {@code max_num_seqs}: 1024 on ≥ 70 GiB non-A100 GPUs, else
     * 256 (arg_utils @99d7eb5d); SGLang max_running_requests up to 4096 (KV-bound in practice); TensorRT-LLM
     * max_batch_size 2048; LMDeploy by device (A100 384, H100/H200 1024, other 128); TGI max_concurrent_requests 128;
     * MLC-LLM "local" mode 4; MAX 512. llama.cpp / Ollama use {@link #parallelSlots}.
     */
    static int maxConcurrentSequences(String framework, AcceleratorSpec acc, String version) {
        String id = acc.id(); // catalog ids are lowercase (api-contract.md)
        double gib = acc.memoryBytes() / GIB;
        switch (framework) {
            case "vllm":
                return gib >= 70 && !id.contains("a100") ? 1024 : 256;
            case "sglang":
                return 4096;
            case "tensorrt-llm":
                return 2048;
            case "lmdeploy":
                if (id.contains("a100")) {
                    return 384;
                }
                return id.startsWith("h100") || id.startsWith("h200") || id.startsWith("gh200") ? 1024 : 128;
            case "tgi":
                return 128;
            case "mlc-llm":
                return 4;
            case "max":
                return 512;
            case "llama.cpp":
            case "ollama":
                return parallelSlots(framework, version);
            default:
                return 256;
        }
    }

    /**
     * Fixed parallel slots of the llama.cpp family. llama-server: auto = 4 slots sharing one unified KV context
     * (PR #16736, 2025-10). Ollama OLLAMA_NUM_PARALLEL: auto 4 in v0.2.0–v0.6.6, 2 in v0.6.7–v0.9.x, 1 from
     * v0.10.0 (envconfig history); unknown version = current default 1.
     */
    static int parallelSlots(String framework, String version) {
        if ("ollama".equals(framework)) {
            int[] v = parseVersion(version);
            if (v == null) {
                return 1;
            }
            if (v[0] == 0 && v[1] < 2) {
                return 1;
            }
            if (v[0] == 0 && (v[1] < 6 || (v[1] == 6 && v[2] <= 6))) {
                return 4;
            }
            if (v[0] == 0 && v[1] < 10) {
                return 2;
            }
            return 1;
        }
        if ("llama.cpp".equals(framework)) {
            return 4;
        }
        return Integer.MAX_VALUE;
    }

    /** Context tokens per slot: Ollama num_ctx 2048 (≤ v0.6.6), 4096 later; llama.cpp auto unified = model context. */
    static int contextPerSlotTokens(String framework, String version, int modelContext) {
        if ("ollama".equals(framework)) {
            int[] v = parseVersion(version);
            if (v != null && v[0] == 0 && (v[1] < 6 || (v[1] == 6 && v[2] <= 6))) {
                return 2048;
            }
            return 4096;
        }
        return modelContext;
    }

    /** Documented memory fraction and whether its base is total memory (true) or memory free after weights. */
    static double memoryFraction(String framework) {
        switch (framework) {
            case "vllm":
            case "tensorrt-llm":
            case "max":
            case "tgi":
                return 0.9;
            case "sglang":
                return 0.88;
            case "lmdeploy":
                return 0.8;
            case "mlc-llm":
                return 0.85;
            default:
                return 0.9;
        }
    }

    static boolean memoryFractionOfTotal(String framework) {
        return !("tensorrt-llm".equals(framework) || "lmdeploy".equals(framework) || "max".equals(framework));
    }

    /**
     * Admission reserves KV to completion: TensorRT-LLM's default capacity scheduler GUARANTEED_NO_EVICT. The
     * others allocate blocks as tokens are generated (and preempt when full).
     */
    static boolean reservesKvToCompletion(String framework) {
        return "tensorrt-llm".equals(framework);
    }

    /** Prefill chunk (tokens per step) when the framework chunks prefills; 0 = whole prompt in one step. */
    static int maxBatchedTokens(String framework, AcceleratorSpec acc) {
        double gib = acc.memoryBytes() / GIB;
        switch (framework) {
            case "vllm":
                return gib >= 70 && !acc.id().contains("a100") ? 8192 : 2048;
            case "sglang":
                return gib < 35 ? 2048 : gib < 60 ? 4096 : gib < 160 ? 8192 : 16384;
            case "lmdeploy":
            case "tensorrt-llm":
            case "max":
                return 8192;
            case "llama.cpp":
            case "ollama":
                return 512;
            default:
                return 4096;
        }
    }

    /** Prefix caching on by default: vLLM (V1), SGLang (radix), TensorRT-LLM block reuse, MLC radix, MAX; not LMDeploy. */
    static boolean prefixCachingByDefault(String framework) {
        return !"lmdeploy".equals(framework);
    }

    /** "0.6.5" → {0,6,5}; null when absent or unparsable. */
    static int[] parseVersion(String version) {
        if (version == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(version);
        if (!m.find()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
    }
}
