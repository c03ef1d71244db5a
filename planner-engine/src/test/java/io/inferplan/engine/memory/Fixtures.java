package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.AcceleratorSpec.Interconnect;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.Architecture.Vendor;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.FrameworkSpec.PrefixCache;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.NumberFormatSpec.HardwareNeed;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;

import java.util.Set;

import static io.inferplan.engine.spec.AttentionKind.GQA;
import static io.inferplan.engine.spec.AttentionKind.MHA;

/**
 * Named fixtures built from the values in the design's reference CSVs (copies in
 * src/test/resources/io/inferplan/engine/reference; row ids in the comments).
 */
final class Fixtures {

    private Fixtures() {
    }

    static final Set<String> ALL_FRAMEWORKS = Set.of("vllm", "sglang", "tensorrt-llm", "llama.cpp", "ollama",
            "lmdeploy", "tgi", "max", "mlc-llm");
    private static final Set<String> GGUF_LOADERS = Set.of("llama.cpp", "ollama", "vllm", "tgi");

    // ---- models (models.csv) ----

    private static ModelSpec dense(String id, double params, int layers, int hidden, int inter, int heads, int kv,
                                   int headDim, int vocab, int ctx, AttentionKind att, boolean tied) {
        return new ModelSpec(id, params, params, layers, layers, hidden, inter, heads, kv, headDim, vocab, ctx, att,
                0, 0, 0, 0, 0, 0, tied);
    }

    /** llama-3.1-8b: 8.03 B, 32 layers, 4096, 14336, 32/8 heads, head 128, vocab 128256, 131072 ctx, untied. */
    static ModelSpec llama31_8b() {
        return dense("llama-3.1-8b", 8.03e9, 32, 4096, 14336, 32, 8, 128, 128256, 131072, GQA, false);
    }

    /** llama-3.1-70b: 70.6 B, 80 layers, 8192, 28672, 64/8 heads, head 128. */
    static ModelSpec llama31_70b() {
        return dense("llama-3.1-70b", 70.6e9, 80, 8192, 28672, 64, 8, 128, 128256, 131072, GQA, false);
    }

    /** llama-3-70b (Meta-Llama-3-70B): same widths as 3.1, 8192 ctx, nominal 70 B. */
    static ModelSpec llama3_70b() {
        return dense("llama-3-70b", 70e9, 80, 8192, 28672, 64, 8, 128, 128256, 8192, GQA, false);
    }

    /** llama-3.1-405b: 405 B, 126 layers, 16384, 53248, 128/8 heads. */
    static ModelSpec llama31_405b() {
        return dense("llama-3.1-405b", 405e9, 126, 16384, 53248, 128, 8, 128, 128256, 131072, GQA, false);
    }

    /** llama-2-7b: MHA 32/32 heads, 4096, 11008, vocab 32000, 4096 ctx, nominal 7 B. */
    static ModelSpec llama2_7b() {
        return dense("llama-2-7b", 7e9, 32, 4096, 11008, 32, 32, 128, 32000, 4096, MHA, false);
    }

    /** llama-2-13b: MHA 40/40 heads, 5120, 13824, 40 layers. */
    static ModelSpec llama2_13b() {
        return dense("llama-2-13b", 13e9, 40, 5120, 13824, 40, 40, 128, 32000, 4096, MHA, false);
    }

    /** deepseek-v3: MLA kv_lora_rank 512, rope 64, 61 layers, 256 routed experts (8 active), 671 B / 37 B. */
    static ModelSpec deepseekV3() {
        return new ModelSpec("deepseek-v3", 671e9, 37e9, 61, 61, 7168, 2048, 128, 128, 192, 129280, 163840,
                AttentionKind.MLA, 512, 64, 0, 0, 256, 8, false);
    }

    /** mixtral-8x7b: 8 experts, 2 per token, 46.7 B / 12.9 B. */
    static ModelSpec mixtral8x7b() {
        return new ModelSpec("mixtral-8x7b", 46.7e9, 12.9e9, 32, 32, 4096, 14336, 32, 8, 128, 32000, 32768, GQA,
                0, 0, 0, 0, 8, 2, false);
    }

    /** qwen3-30b-a3b: 48 layers, hidden 2048, expert width 768, 32/4 heads, 128 experts (8 active). */
    static ModelSpec qwen3_30bA3b() {
        return new ModelSpec("qwen3-30b-a3b", 30.5e9, 3.3e9, 48, 48, 2048, 768, 32, 4, 128, 151936, 40960, GQA,
                0, 0, 0, 0, 128, 8, false);
    }

    /**
     * gemma-2-9b: 42 layers alternating 21 sliding-window (4096) and 21 global; 16/8 heads of 256. The CSV's
     * tie_embeddings cell is empty (absent from config.json = transformers' default, tied).
     */
    static ModelSpec gemma2_9b() {
        return new ModelSpec("gemma-2-9b", 9.24e9, 9.24e9, 42, 42, 3584, 14336, 16, 8, 256, 256000, 8192, GQA,
                0, 0, 4096, 21, 0, 0, true);
    }

    /** gpt-oss-20b: 24 layers, 12 sliding (window 128) + 12 full, 64/8 heads of 64, 32 experts (4 active). */
    static ModelSpec gptOss20b() {
        return new ModelSpec("gpt-oss-20b", 21e9, 3.6e9, 24, 24, 2880, 2880, 64, 8, 64, 201088, 131072, GQA,
                0, 0, 128, 12, 32, 4, false);
    }

    // ---- accelerators (accelerators.csv; memory in marketed GB x 10^9) ----

    static AcceleratorSpec h100Sxm() {
        return new AcceleratorSpec("h100-sxm", Architecture.NVIDIA_HOPPER, 80e9, 3350e9, 989e12, 1979e12, 0, 1979e12,
                700, Interconnect.NVLINK, 450e9, false);
    }

    static AcceleratorSpec a100Sxm80() {
        return new AcceleratorSpec("a100-80gb-sxm", Architecture.NVIDIA_AMPERE, 80e9, 2039e9, 312e12, 0, 0, 624e12,
                400, Interconnect.NVLINK, 300e9, false);
    }

    static AcceleratorSpec l40s() {
        return new AcceleratorSpec("l40s", Architecture.NVIDIA_ADA, 48e9, 864e9, 362e12, 733e12, 0, 733e12, 350,
                Interconnect.PCIE, 0, false);
    }

    static AcceleratorSpec rtx4090() {
        return new AcceleratorSpec("rtx-4090", Architecture.NVIDIA_ADA, 24e9, 1008e9, 165.2e12, 330.3e12, 0, 660.6e12,
                450, Interconnect.PCIE, 0, false);
    }

    static AcceleratorSpec b200() {
        return new AcceleratorSpec("b200", Architecture.NVIDIA_BLACKWELL, 180e9, 8000e9, 2250e12, 4500e12, 9000e12,
                4500e12, 1000, Interconnect.NVLINK, 900e9, false);
    }

    static AcceleratorSpec mi300x() {
        return new AcceleratorSpec("mi300x", Architecture.AMD_CDNA3, 192e9, 5300e9, 1307.4e12, 2614.9e12, 0,
                2614.9e12, 750, Interconnect.INFINITY_FABRIC, 448e9, false);
    }

    static AcceleratorSpec appleM2Ultra() {
        return new AcceleratorSpec("apple-m2-ultra", Architecture.APPLE_M, 192e9, 800e9, 0, 0, 0, 0, 0,
                Interconnect.NONE, 0, true);
    }

    // ---- frameworks (frameworks.csv) ----

    static FrameworkSpec vllm() {
        return new FrameworkSpec("vllm", Set.of(Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL, Vendor.CPU), true, true,
                PrefixCache.HASHED_BLOCKS, true, true, true);
    }

    static FrameworkSpec sglang() {
        return new FrameworkSpec("sglang", Set.of(Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL, Vendor.CPU), true, true,
                PrefixCache.RADIX_TREE, true, true, true);
    }

    static FrameworkSpec tensorRtLlm() {
        return new FrameworkSpec("tensorrt-llm", Set.of(Vendor.NVIDIA), true, true, PrefixCache.HASHED_BLOCKS, true,
                true, true);
    }

    static FrameworkSpec lmdeploy() {
        return new FrameworkSpec("lmdeploy", Set.of(Vendor.NVIDIA, Vendor.AMD), true, true,
                PrefixCache.HASHED_BLOCKS, true, true, false);
    }

    static FrameworkSpec max() {
        return new FrameworkSpec("max", Set.of(Vendor.NVIDIA, Vendor.AMD, Vendor.CPU), true, true,
                PrefixCache.HASHED_BLOCKS, true, false, false);
    }

    static FrameworkSpec tgi() {
        return new FrameworkSpec("tgi", Set.of(Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL), true, true,
                PrefixCache.RADIX_TREE, true, true, false);
    }

    static FrameworkSpec llamaCpp() {
        return new FrameworkSpec("llama.cpp", Set.of(Vendor.CPU, Vendor.NVIDIA, Vendor.AMD, Vendor.INTEL, Vendor.APPLE),
                true, false, PrefixCache.NONE, false, false, true);
    }

    static FrameworkSpec ollama() {
        return new FrameworkSpec("ollama", Set.of(Vendor.NVIDIA, Vendor.AMD, Vendor.APPLE, Vendor.CPU), false, false,
                PrefixCache.NONE, false, false, false);
    }

    // ---- weight and KV formats (weight-formats.csv, kv-cache-formats.csv) ----

    static NumberFormatSpec bf16() {
        return new NumberFormatSpec("bf16", 16, ALL_FRAMEWORKS, HardwareNeed.ANY, false);
    }

    static NumberFormatSpec fp16() {
        return new NumberFormatSpec("fp16", 16, ALL_FRAMEWORKS, HardwareNeed.ANY, false);
    }

    static NumberFormatSpec fp8() {
        return new NumberFormatSpec("fp8", 8, Set.of("vllm", "sglang", "tensorrt-llm", "lmdeploy", "tgi", "mlc-llm"),
                HardwareNeed.NATIVE_FP8, false);
    }

    static NumberFormatSpec nvfp4() {
        return new NumberFormatSpec("nvfp4", 4.5, Set.of("tensorrt-llm", "vllm", "sglang", "llama.cpp"),
                HardwareNeed.NATIVE_NVFP4, false);
    }

    static NumberFormatSpec mxfp4() {
        return new NumberFormatSpec("mxfp4", 4.25, Set.of("llama.cpp", "lmdeploy"), HardwareNeed.ANY, false);
    }

    /** A GGUF type by its llama.cpp name; bits are the catalog's whole-file figure (unused by the per-tensor rules). */
    static NumberFormatSpec gguf(String type, double catalogBits) {
        return new NumberFormatSpec("gguf-" + type.toLowerCase(java.util.Locale.ROOT), catalogBits, GGUF_LOADERS,
                HardwareNeed.ANY, true);
    }

    static NumberFormatSpec ggufQ4KM() {
        return gguf("Q4_K_M", 4.8944);
    }

    static NumberFormatSpec kvFp16() {
        return new NumberFormatSpec("fp16", 16, ALL_FRAMEWORKS, HardwareNeed.ANY, false);
    }

    static NumberFormatSpec kvFp8() {
        return new NumberFormatSpec("fp8", 8, Set.of("vllm", "sglang", "tensorrt-llm"), HardwareNeed.ANY, false);
    }

    static NumberFormatSpec kvQ8_0() {
        return new NumberFormatSpec("q8_0", 8.5, Set.of("llama.cpp", "ollama"), HardwareNeed.ANY, false);
    }

    static NumberFormatSpec kvQ4_0() {
        return new NumberFormatSpec("q4_0", 4.5, Set.of("llama.cpp", "ollama"), HardwareNeed.ANY, false);
    }

    // ---- inputs ----

    static MemoryInput input(ModelSpec m, NumberFormatSpec w, NumberFormatSpec kv, AcceleratorSpec acc,
                             FrameworkSpec fw, Workload wl, Parallelism p, ServingSetup s) {
        return new MemoryInput(m, w, kv, acc, fw, wl, p, s);
    }

    static Workload chat2048x256() {
        return Workload.fixedConcurrency(2048, 256, 32, 0);
    }
}
