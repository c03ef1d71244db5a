package io.inferplan.engine.calibration;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.speed.ServingFacts;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setup facts a measurement row states in its own words (the source's flags and notes), read into the serving
 * facts the engine models the run with: request count, memory fraction, scheduler caps and token budget, static
 * batching, CUDA graphs off, a PCIe link. Only what the row states is set; the rest stays the framework's default.
 */
final class RunFlags {
    private static final Pattern REQUESTS = Pattern.compile("(\\d[\\d,]*)\\s+(?:requests|prompts)");
    private static final Pattern NUM_PROMPTS = Pattern.compile("--num-prompts?\\s+(\\d+)");
    /** SGLang --mem-fraction-static, vLLM --gpu-memory-utilization, TensorRT-LLM kv_cache_free_gpu_mem_fraction. */
    private static final Pattern MEMORY_FRACTION = Pattern.compile(
            "(?:--mem-fraction-static|-?-?gpu[-_]memory[-_]utilization|kv_cache_free_gpu_mem_fraction)[ =:]+(0?\\.\\d+)");
    /** vLLM --max-num-seqs / max_num_seqs, TensorRT-LLM max_batch_size. */
    private static final Pattern MAX_SEQUENCES = Pattern.compile(
            "(?:max[-_]num[-_]seqs|max[-_]batch[-_]size)[ =:]+(\\d+)");
    /** vLLM --max-num-batched-tokens, TensorRT-LLM max_num_tokens. */
    private static final Pattern TOKENS_PER_STEP = Pattern.compile(
            "(?:max[-_]num[-_]batched[-_]tokens|max[-_]num[-_]tokens)[ =:]+(\\d+)");

    /**
     * Harnesses that drive the engine in-process (no HTTP server in the path): TensorRT-LLM's trtllm-bench and C++
     * benchmarks, llama.cpp's llama-bench and batched-bench, MLPerf LoadGen, LMDeploy's profile_generation, vLLM's
     * offline benchmark_throughput / benchmark_latency scripts.
     */
    private static final Pattern IN_PROCESS = Pattern.compile("trtllm-bench|gptsessionbenchmark|gptmanagerbenchmark"
            + "|llama-bench|batched-bench|loadgen|mlperf|profile_generation|static inference benchmark"
            + "|benchmark_throughput|benchmark_latency");

    private RunFlags() {
    }

    /** The serving facts with what {@code notes} (and the row's request_count column) state. */
    static ServingFacts apply(ServingFacts s, String notes, String requestCountColumn) {
        String lower = notes.toLowerCase(Locale.ROOT);
        // "static batching" is a batching mode; LMDeploy's "Static Inference Benchmark" is an offline profiling run
        // of its continuous-batching engine (profile_generation.py), not static batching
        if (lower.contains("static batching")) {
            s = s.withStaticBatching(true);
        }
        Matcher num = NUM_PROMPTS.matcher(notes);
        Matcher req = REQUESTS.matcher(notes);
        if (requestCountColumn != null && !requestCountColumn.isBlank()) {
            s = s.withRequestCount(Integer.parseInt(requestCountColumn.trim()));
        } else if (num.find()) {
            s = s.withRequestCount(Integer.parseInt(num.group(1)));
        } else if (req.find()) {
            s = s.withRequestCount(Integer.parseInt(req.group(1).replace(",", "")));
        }
        Matcher mf = MEMORY_FRACTION.matcher(lower);
        if (mf.find()) {
            double f = Double.parseDouble(mf.group(1));
            if (f > 0 && f <= 1) {
                s = s.withMemoryFraction(f);
            }
        }
        Matcher seqs = MAX_SEQUENCES.matcher(lower);
        if (seqs.find() && Integer.parseInt(seqs.group(1)) >= 1) {
            s = s.withMaxConcurrentSequences(Integer.parseInt(seqs.group(1)));
        }
        Matcher tokens = TOKENS_PER_STEP.matcher(lower);
        if (tokens.find() && Integer.parseInt(tokens.group(1)) >= 1) {
            s = s.withMaxBatchedTokens(Integer.parseInt(tokens.group(1)));
        }
        if (lower.contains("--disable-cuda-graph") || lower.contains("enforce-eager") || lower.contains("enforce_eager")) {
            s = s.withCudaGraphs(false);
        }
        if (IN_PROCESS.matcher(lower).find()) {
            s = s.withInProcess(true);
        }
        if (lower.contains("no nvlink") || lower.contains("over pcie")) {
            s = s.withLink(AcceleratorSpec.Interconnect.PCIE);
        }
        return s;
    }
}
