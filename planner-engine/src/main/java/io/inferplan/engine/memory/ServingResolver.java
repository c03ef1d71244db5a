package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a user's {@link ServingSetup} against the framework's documented defaults for its version
 * ({@link FrameworkDefaults}); each value carries its source in {@link ResolvedServing#parameters()}.
 */
public final class ServingResolver {

    /** The framework's own names for the five common settings: fraction, sequences, tokens/step, block, prefix. */
    private record Names(String fraction, String sequences, String tokensPerStep, String block, String prefix) {
    }

    private static final Map<String, Names> NAMES = Map.of(
            "vllm", new Names("gpu_memory_utilization", "max_num_seqs", "max_num_batched_tokens", "block_size",
                    "enable_prefix_caching"),
            "sglang", new Names("mem_fraction_static", "max_running_requests", "chunked_prefill_size", "page_size",
                    "enable_prefix_caching"),
            "tensorrt-llm", new Names("free_gpu_memory_fraction", "max_batch_size", "max_num_tokens",
                    "tokens_per_block", "enable_block_reuse"),
            "lmdeploy", new Names("cache_max_entry_count", "max_batch_size", "max_prefill_token_num",
                    "cache_block_seq_len", "enable_prefix_caching"),
            "tgi", new Names("memory_fraction", "max_concurrent_requests", "max_batch_prefill_tokens", "block_size",
                    "enable_prefix_caching"),
            "mlc-llm", new Names("gpu_memory_utilization", "max_num_sequence", "prefill_chunk_size",
                    "kv_cache_page_size", "enable_prefix_caching"),
            "max", new Names("device_memory_utilization", "max_batch_size", "max_batch_input_tokens",
                    "kv_cache_page_size", "enable_prefix_caching"),
            "llama.cpp", new Names(null, "parallel", "ubatch_size", "block_size", "cache_prompt"),
            "ollama", new Names(null, "num_parallel", "num_batch", "block_size", "enable_prefix_caching"));

    /** SGLang's scheduler cap before the KV pool is known; the pool-dependent rule is applied by the memory model. */
    public static final int SGLANG_MAX_RUNNING_REQUESTS_UPPER = 4096;

    private ServingResolver() {
    }

    public static boolean supports(String framework) {
        return NAMES.containsKey(framework) && FrameworkDefaults.bundled().knows(framework);
    }

    /**
     * @throws IllegalArgumentException naming {@code serving.frameworkVersion} when the version has no documented
     *                                  default for a setting (e.g. an Ollama release older than the rows read)
     */
    public static ResolvedServing resolve(String framework, AcceleratorSpec acc, ModelSpec model, Parallelism p,
                                          ServingSetup user, List<String> warnings) {
        try {
            return resolveOrThrow(framework, acc, model, p, user, warnings);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("serving.frameworkVersion: " + e.getMessage(), e);
        }
    }

    private static ResolvedServing resolveOrThrow(String framework, AcceleratorSpec acc, ModelSpec model,
                                                  Parallelism p, ServingSetup user, List<String> warnings) {
        FrameworkDefaults d = FrameworkDefaults.bundled();
        Names names = NAMES.get(framework);
        if (names == null || !d.knows(framework)) {
            throw new IllegalArgumentException("framework: no memory defaults recorded for '" + framework + "'");
        }
        List<NamedParameter> used = new ArrayList<>();
        int tp = p.tensorParallel();
        String version = user.frameworkVersion() != null ? user.frameworkVersion() : d.defaultVersion(framework);
        FrameworkDefaults.Row versionRow = d.require(framework, "default_version", null, null, tp);
        used.add(user.frameworkVersion() != null ? userValue("frameworkVersion", version) : versionRow.named());
        if (user.frameworkVersion() != null && FrameworkDefaults.isNumericVersion(version)
                && FrameworkDefaults.isNumericVersion(versionRow.value())
                && FrameworkDefaults.compareVersions(version, versionRow.value()) > 0
                && !framework.equals("ollama")) {
            warnings.add(framework + " " + version + " is newer than the version whose defaults were read ("
                    + versionRow.value() + "); those defaults are used");
            if (framework.equals("vllm") && user.memoryFraction() == null) {
                warnings.add("vLLM releases after PR #38284 default gpu_memory_utilization to 0.92, not 0.9; the first "
                        + "such release is not recorded, so 0.9 is used - pass serving.memoryFraction if yours is newer");
            }
        }
        KvSizingRule rule = KvSizingRule.valueOf(d.require(framework, "kv_sizing_rule", version, acc, tp).value());
        used.add(d.require(framework, "kv_sizing_rule", version, acc, tp).named());

        boolean cudaGraphs = user.cudaGraphs() != null ? user.cudaGraphs()
                : record(used, d.require(framework, "cuda_graphs", version, acc, tp)).asBoolean();
        if (user.cudaGraphs() != null) {
            used.add(userValue("cuda_graphs", user.cudaGraphs().toString()));
        }
        int tokensPerStep = user.maxBatchedTokens() != null ? user.maxBatchedTokens()
                : record(used, d.require(framework, names.tokensPerStep(), version, acc, tp)).asInt();
        if (user.maxBatchedTokens() != null) {
            used.add(userValue(names.tokensPerStep(), user.maxBatchedTokens().toString()));
        }
        int block = record(used, d.require(framework, names.block(), version, acc, tp)).asInt();
        boolean prefix = user.prefixCaching() != null ? user.prefixCaching()
                : record(used, d.require(framework, names.prefix(), version, acc, tp)).asBoolean();
        if (user.prefixCaching() != null) {
            used.add(userValue(names.prefix(), user.prefixCaching().toString()));
        }

        double fraction = Double.NaN;
        if (names.fraction() != null) {
            if (user.memoryFraction() != null) {
                fraction = user.memoryFraction();
                used.add(userValue(names.fraction(), Double.toString(fraction)));
            } else if (framework.equals("sglang")) {
                fraction = sglangMemFractionStatic(acc, p, tokensPerStep, cudaGraphs, version, used);
            } else {
                fraction = record(used, d.require(framework, names.fraction(), version, acc, tp)).asDouble();
            }
        }

        Integer slots = null;
        Integer contextPerSlot = null;
        int sequences;
        if (rule == KvSizingRule.CONTEXT_TIMES_SLOTS) {
            slots = user.parallelSlots() != null ? user.parallelSlots()
                    : record(used, d.require(framework, names.sequences(), version, acc, tp)).asInt();
            if (user.parallelSlots() != null) {
                used.add(userValue(names.sequences(), slots.toString()));
            }
            if (user.contextPerSlotTokens() != null) {
                contextPerSlot = user.contextPerSlotTokens();
                used.add(userValue("contextPerSlotTokens", contextPerSlot.toString()));
            } else if (framework.equals("ollama")) {
                FrameworkDefaults.Row r = d.require(framework, "num_ctx", version, acc, tp);
                contextPerSlot = Math.min(r.asInt(), model.maxContextTokens());
                used.add(r.named(contextPerSlot.toString()));
            } else {
                FrameworkDefaults.Row r = d.require(framework, "ctx_size", version, acc, tp);
                contextPerSlot = r.asInt() == 0 ? model.maxContextTokens() : r.asInt();
                used.add(r.named(contextPerSlot.toString()));
            }
            sequences = slots;
        } else if (user.maxConcurrentSequences() != null) {
            sequences = user.maxConcurrentSequences();
            used.add(userValue(names.sequences(), Integer.toString(sequences)));
        } else if (framework.equals("sglang")) {
            used.add(d.require(framework, names.sequences(), version, acc, tp).named());
            sequences = SGLANG_MAX_RUNNING_REQUESTS_UPPER;
        } else {
            sequences = record(used, d.require(framework, names.sequences(), version, acc, tp)).asInt();
        }
        if (user.requestCount() != null) {
            used.add(userValue("requestCount", user.requestCount().toString()));
        }
        return new ResolvedServing(framework, version, rule, fraction, sequences, tokensPerStep, cudaGraphs, prefix,
                slots, contextPerSlot, user.requestCount(), block, used);
    }

    /**
     * SGLang's automatic mem_fraction_static (PR #10975): round((gpu_mem − reserved_mem) / gpu_mem, 3) with gpu_mem
     * in MiB and reserved_mem = 512 + max(chunked_prefill_size, 2048) × 1.5 + cuda_graph_max_bs × 2
     * + tp × pp / 8 × 1024, floored at 10 GiB on GPUs above 60 GiB.
     */
    public static double sglangMemFractionStatic(AcceleratorSpec acc, Parallelism p, int chunkedPrefillTokens,
                                                 boolean cudaGraphs, String version, List<NamedParameter> used) {
        FrameworkDefaults d = FrameworkDefaults.bundled();
        int tp = p.tensorParallel();
        double gpuMemMiB = AcceleratorMemory.capacityBytes(acc) / Units.BYTES_PER_MIB;
        double base = record(used, d.require("sglang", "reserved_mem_base_mb", version, acc, tp)).asDouble();
        int graphBs = cudaGraphs ? record(used, d.require("sglang", "cuda_graph_max_bs", version, acc, tp)).asInt() : 0;
        double reserved = base + Math.max(chunkedPrefillTokens, 2048) * 1.5 + graphBs * 2.0
                + (double) p.tensorParallel() * p.pipelineParallel() / 8.0 * 1024.0;
        var floor = d.find("sglang", "reserved_mem_floor_gib", version, acc, tp);
        if (floor.isPresent() && AcceleratorMemory.capacityGiB(acc) > 60) {
            reserved = Math.max(reserved, record(used, floor.get()).asDouble() * 1024.0);
        }
        double fraction = Math.round((gpuMemMiB - reserved) / gpuMemMiB * 1000.0) / 1000.0;
        used.add(new NamedParameter("mem_fraction_static", Double.toString(fraction), "fraction of TOTAL GPU memory",
                "https://github.com/sgl-project/sglang/pull/10975",
                FormattedNotes.format("auto: round((%.0f MiB - %.0f MiB reserved) / %.0f MiB, 3)", gpuMemMiB,
                        reserved, gpuMemMiB)));
        return fraction;
    }

    /** SGLang max_running_requests from the KV pool: min(max(int(tokens / context × 512), 2048), 4096), ≤ tokens // 2. */
    public static long sglangMaxRunningRequests(long kvPoolTokens, int contextTokens) {
        long auto = Math.min(Math.max((long) (kvPoolTokens / (double) contextTokens * 512), 2048), 4096);
        return Math.min(auto, kvPoolTokens / 2);
    }

    private static FrameworkDefaults.Row record(List<NamedParameter> used, FrameworkDefaults.Row r) {
        used.add(r.named());
        return r;
    }

    private static NamedParameter userValue(String name, String value) {
        return new NamedParameter(name, value, "", "user", "given in the request");
    }
}
