package io.inferplan.engine.calibration;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-scope stand-in for the catalog modules: engine specs built from copies of the reference CSVs
 * (src/test/resources/io/inferplan/engine/reference). Architecture per accelerator id is mapped here because the
 * reference file has no architecture column.
 */
public final class ReferenceCatalog {
    private static final String BASE = "/io/inferplan/engine/reference/";
    private static ReferenceCatalog instance;

    public final Map<String, ModelSpec> models = new HashMap<>();
    public final Map<String, AcceleratorSpec> accelerators = new HashMap<>();
    public final Map<String, NumberFormatSpec> weightFormats = new HashMap<>();
    public final Map<String, NumberFormatSpec> kvFormats = new HashMap<>();
    public final Map<String, FrameworkSpec> frameworks = new HashMap<>();

    public static synchronized ReferenceCatalog get() {
        if (instance == null) {
            instance = new ReferenceCatalog();
        }
        return instance;
    }

    public CatalogLookup lookup() {
        return new CatalogLookup(id -> Optional.ofNullable(models.get(id)),
                id -> Optional.ofNullable(accelerators.get(id)), id -> Optional.ofNullable(weightFormats.get(id)),
                id -> Optional.ofNullable(kvFormats.get(id)), id -> Optional.ofNullable(frameworks.get(id)));
    }

    private ReferenceCatalog() {
        read("models.csv", this::model);
        read("accelerators.csv", this::accelerator);
        read("weight-formats.csv", r -> format(r, weightFormats));
        read("kv-cache-formats.csv", r -> format(r, kvFormats));
        frameworks();
    }

    private static void read(String file, Consumer<CSVRecord> each) {
        CSVFormat f = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).build();
        try (Reader r = new InputStreamReader(ReferenceCatalog.class.getResourceAsStream(BASE + file),
                StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(r, f)) {
            for (CSVRecord rec : p) {
                each.accept(rec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(CSVRecord r, String col, double dflt) {
        String v = r.get(col).trim();
        return v.isEmpty() ? dflt : Double.parseDouble(v);
    }

    private void model(CSVRecord r) {
        double total = num(r, "params_total_b", Double.NaN) * 1e9;
        if (Double.isNaN(total)) {
            return;
        }
        double active = num(r, "params_active_b", total / 1e9) * 1e9;
        int layers = (int) num(r, "num_layers", 0);
        int hidden = (int) num(r, "hidden_size", 0);
        int heads = (int) num(r, "num_attention_heads", 0);
        int kvHeads = (int) num(r, "num_kv_heads", heads);
        int headDim = (int) num(r, "head_dim", heads > 0 ? (double) hidden / heads : 0);
        String att = r.get("attention").trim();
        AttentionKind kind = att.isEmpty() ? (kvHeads < heads ? AttentionKind.GQA : AttentionKind.MHA)
                : AttentionKind.parse(att.split("[^A-Za-z]")[0]);
        int experts = (int) num(r, "num_experts", 0);
        int perToken = (int) num(r, "experts_per_token", 0);
        int window = (int) num(r, "sliding_window", 0);
        try {
            models.put(r.get("id"), new ModelSpec(r.get("id"), total, Math.min(active, total), layers, layers, hidden,
                    (int) num(r, "intermediate_size", 0), heads, kvHeads, headDim, (int) num(r, "vocab_size", 1),
                    (int) num(r, "max_context", 4096), kind, (int) num(r, "mla_kv_lora_rank", 0),
                    (int) num(r, "mla_qk_rope_head_dim", 0), window, 0, experts, perToken,
                    "true".equalsIgnoreCase(r.get("tie_embeddings"))));
        } catch (IllegalArgumentException e) {
            // a model row the engine cannot represent is left out of the test catalog (reported by the loader test)
        }
    }

    static Architecture architecture(String id) {
        if (id.matches("h100.*|h200.*|gh200.*|h20-.*|h800.*")) {
            return Architecture.NVIDIA_HOPPER;
        }
        if (id.matches("b200|gb200|b300|gb300|gb10|rtx-5.*|rtx-pro-6000-blackwell.*")) {
            return Architecture.NVIDIA_BLACKWELL;
        }
        if (id.matches("a100.*|a800.*|a10g|a40|rtx-30.*|rtx-a.*")) {
            return Architecture.NVIDIA_AMPERE;
        }
        if (id.matches("l40s|l4|rtx-40.*|rtx-.*-ada")) {
            return Architecture.NVIDIA_ADA;
        }
        if (id.startsWith("v100")) {
            return Architecture.NVIDIA_VOLTA;
        }
        if (id.startsWith("rtx-20")) {
            return Architecture.NVIDIA_TURING;
        }
        if (id.equals("p40")) {
            return Architecture.NVIDIA_PASCAL;
        }
        if (id.matches("mi300.*|mi325.*")) {
            return Architecture.AMD_CDNA3;
        }
        if (id.startsWith("mi355")) {
            return Architecture.AMD_CDNA4;
        }
        if (id.matches("rx-7.*|ryzen-ai.*")) {
            return Architecture.AMD_RDNA3;
        }
        if (id.startsWith("radeon-ai")) {
            return Architecture.AMD_RDNA4;
        }
        if (id.startsWith("gaudi")) {
            return Architecture.INTEL_GAUDI;
        }
        if (id.startsWith("arc")) {
            return Architecture.INTEL_XE2;
        }
        if (id.startsWith("apple")) {
            return Architecture.APPLE_M;
        }
        return Architecture.CPU_X86;
    }

    private void accelerator(CSVRecord r) {
        double mem = num(r, "memory_gb", Double.NaN);
        double bw = num(r, "memory_bandwidth_gbs", Double.NaN);
        if (Double.isNaN(mem) || Double.isNaN(bw)) {
            return;
        }
        String id = r.get("id");
        String link = r.get("interconnect");
        AcceleratorSpec.Interconnect ic;
        double linkBw = 0;
        String lower = link.toLowerCase(Locale.ROOT);
        Matcher gbs = Pattern.compile("([0-9][0-9,.]*)\\s*GB/s").matcher(link);
        if (lower.contains("nvlink") && !lower.contains("bridge")) {
            ic = AcceleratorSpec.Interconnect.NVLINK;
            if (gbs.find()) {
                linkBw = Double.parseDouble(gbs.group(1).replace(",", "")) * 1e9;
                if (lower.contains("bidirectional")) {
                    linkBw /= 2;
                }
            }
        } else if (lower.contains("infinity")) {
            ic = AcceleratorSpec.Interconnect.INFINITY_FABRIC;
        } else if (lower.contains("pcie")) {
            ic = AcceleratorSpec.Interconnect.PCIE;
            linkBw = lower.contains("gen5") ? 64e9 : lower.contains("gen3") ? 16e9 : 32e9;
        } else {
            ic = AcceleratorSpec.Interconnect.PCIE;
        }
        accelerators.put(id, new AcceleratorSpec(id, architecture(id), mem * 1e9, bw * 1e9,
                num(r, "fp16_bf16_dense_tflops", 0) * 1e12, num(r, "fp8_dense_tflops", 0) * 1e12,
                num(r, "fp4_dense_tflops", 0) * 1e12, num(r, "int8_dense_tops", 0) * 1e12, num(r, "tdp_w", 0), ic,
                linkBw, id.startsWith("apple") || id.equals("gb10") || id.startsWith("ryzen-ai")));
    }

    /** Group-quantized 4-bit formats whose effective bits the reference leaves empty: 4 + 16/group (+ zeros). */
    private static final Map<String, Double> DERIVED_BITS = Map.of(
            "gptq-int4", 4.25,   // group 128: fp16 scale + 4-bit zero per group ≈ 4.16; rounded up for g_idx
            "mlc-q4f16_1", 4.5); // group 32 with one fp16 scale: 4 + 16/32

    private static void format(CSVRecord r, Map<String, NumberFormatSpec> into) {
        String id = r.get("id");
        String bitsCol = r.isMapped("bits_per_weight_effective") ? "bits_per_weight_effective"
                : "bits_per_value_effective";
        double bits = num(r, bitsCol, DERIVED_BITS.getOrDefault(id, Double.NaN));
        if (Double.isNaN(bits)) {
            return;
        }
        NumberFormatSpec.HardwareNeed need = id.equals("nvfp4") ? NumberFormatSpec.HardwareNeed.NATIVE_NVFP4
                : NumberFormatSpec.HardwareNeed.ANY;
        // supported_by is free text; an empty set means "no restriction known" to the engine
        into.put(id, new NumberFormatSpec(id, bits, Set.of(), need, id.startsWith("gguf")));
    }

    private void frameworks() {
        Set<Architecture.Vendor> all = EnumSet.allOf(Architecture.Vendor.class);
        put(new FrameworkSpec("vllm", all, true, true, FrameworkSpec.PrefixCache.HASHED_BLOCKS, true, true, true));
        put(new FrameworkSpec("sglang", all, true, true, FrameworkSpec.PrefixCache.RADIX_TREE, true, true, true));
        put(new FrameworkSpec("tensorrt-llm", EnumSet.of(Architecture.Vendor.NVIDIA), true, true,
                FrameworkSpec.PrefixCache.HASHED_BLOCKS, true, true, true));
        put(new FrameworkSpec("llama.cpp", all, true, false, FrameworkSpec.PrefixCache.NONE, false, false, true));
        put(new FrameworkSpec("ollama", all, true, false, FrameworkSpec.PrefixCache.NONE, false, false, true));
        put(new FrameworkSpec("lmdeploy", EnumSet.of(Architecture.Vendor.NVIDIA, Architecture.Vendor.AMD), true, true,
                FrameworkSpec.PrefixCache.HASHED_BLOCKS, true, true, false));
        put(new FrameworkSpec("tgi", all, true, true, FrameworkSpec.PrefixCache.RADIX_TREE, true, true, false));
        put(new FrameworkSpec("max", EnumSet.of(Architecture.Vendor.NVIDIA, Architecture.Vendor.AMD,
                Architecture.Vendor.CPU), true, true, FrameworkSpec.PrefixCache.HASHED_BLOCKS, true, false, false));
        put(new FrameworkSpec("mlc-llm", all, true, true, FrameworkSpec.PrefixCache.RADIX_TREE, true, true, false));
    }

    private void put(FrameworkSpec f) {
        frameworks.put(f.id(), f);
    }

    public List<MeasurementCase> cases() {
        return MeasurementCase.fromAll(MeasurementCsv.shipped(), lookup());
    }
}
