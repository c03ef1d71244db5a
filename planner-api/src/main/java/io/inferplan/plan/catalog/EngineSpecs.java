package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.weightformat.WeightFormatEntry;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.engine.memory.GgufQuantRules;
import io.inferplan.engine.memory.TensorInventory;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Converts catalog rows (datasheet units: billions, GB, GB/s, TFLOPS) to the engine's specs (counts, bytes,
 * bytes/s, FLOP/s) — the one place where units change. A row that lacks a fact the engine needs is not
 * guessed: the result carries the reason instead.
 */
public final class EngineSpecs {

    private static final double GIGA = 1e9;
    private static final double TERA = 1e12;

    private EngineSpecs() {
    }

    /** A spec, or why the catalog entry cannot be used for planning. */
    public record Mapped<T>(T spec, String unusableBecause) {
        static <T> Mapped<T> ok(T spec) {
            return new Mapped<>(spec, null);
        }

        static <T> Mapped<T> unusable(String reason) {
            return new Mapped<>(null, reason);
        }

        public boolean usable() {
            return spec != null;
        }
    }

    public static Mapped<ModelSpec> model(ModelRow r) {
        List<String> missing = new ArrayList<>();
        need(missing, r.layers(), "layers");
        need(missing, r.hiddenSize(), "hiddenSize");
        need(missing, r.intermediateSize(), "intermediateSize");
        need(missing, r.attentionHeads(), "attentionHeads");
        need(missing, r.kvHeads(), "kvHeads");
        need(missing, r.headDim(), "headDim");
        need(missing, r.vocabSize(), "vocabSize");
        need(missing, r.maxContextTokens(), "maxContextTokens");
        need(missing, r.attention(), "attention");
        if (!missing.isEmpty()) {
            return Mapped.unusable("model " + r.id() + " has no sourced value for " + String.join(", ", missing));
        }
        int experts = r.experts() == null ? 0 : r.experts();
        if (experts > 0 && r.totalParametersBillions() != null && r.activeParametersBillions() == null) {
            return Mapped.unusable("model " + r.id() + " is MoE but has no sourced active parameter count");
        }
        try {
            ModelSpec draft = build(r, 1, 1);
            double total = r.totalParametersBillions() != null ? r.totalParametersBillions() * GIGA
                    : TensorInventory.derivedParameters(draft);
            double active = r.activeParametersBillions() != null ? r.activeParametersBillions() * GIGA : total;
            return Mapped.ok(build(r, total, active));
        } catch (IllegalArgumentException e) {
            return Mapped.unusable("model " + r.id() + ": " + e.getMessage());
        }
    }

    private static ModelSpec build(ModelRow r, double total, double active) {
        int kvLayers = r.kvLayers() != null ? r.kvLayers() : r.layers();
        int window = r.slidingWindowTokens() == null ? 0 : r.slidingWindowTokens();
        int windowLayers = window == 0 || r.slidingWindowLayers() == null ? 0 : r.slidingWindowLayers();
        return new ModelSpec(r.id(), total, active, r.layers(), kvLayers, r.hiddenSize(), r.intermediateSize(),
                r.attentionHeads(), r.kvHeads(), r.headDim(), r.vocabSize(), r.maxContextTokens(),
                AttentionKind.parse(r.attention()), orZero(r.mlaKvLoraRank()), orZero(r.mlaQkRopeHeadDim()), window,
                windowLayers, r.experts() == null ? 0 : r.experts(), orZero(r.expertsPerToken()),
                Boolean.TRUE.equals(r.tiedEmbeddings()));
    }

    public static Mapped<AcceleratorSpec> accelerator(AcceleratorRow r) {
        List<String> missing = new ArrayList<>();
        need(missing, r.memoryGB(), "memoryGB");
        need(missing, r.memoryBandwidthGBps(), "memoryBandwidthGBps");
        if (!missing.isEmpty()) {
            return Mapped.unusable("accelerator " + r.id() + " has no sourced value for " + String.join(", ", missing));
        }
        try {
            AcceleratorSpec.Interconnect link = AcceleratorSpec.Interconnect.valueOf(r.interconnectKind().toUpperCase(Locale.ROOT));
            return Mapped.ok(new AcceleratorSpec(r.id(), Architecture.parse(r.architecture()), r.memoryGB() * GIGA,
                    r.memoryBandwidthGBps() * GIGA, tera(r.fp16Tflops()), tera(r.fp8Tflops()), tera(r.fp4Tflops()),
                    tera(r.int8Tops()), r.tdpWatts() == null ? 0 : r.tdpWatts(), link,
                    r.linkBandwidthGBpsPerDirection() == null ? 0 : r.linkBandwidthGBpsPerDirection() * GIGA,
                    r.unifiedMemory()));
        } catch (IllegalArgumentException e) {
            return Mapped.unusable("accelerator " + r.id() + ": " + e.getMessage());
        }
    }

    /**
     * A weight format. A GGUF type without a published bits-per-weight figure (Q3_K_M) is still usable when the
     * engine has llama.cpp's per-tensor rules for it: those decide every tensor's type, and the spec carries the
     * bulk type's block size (Q3_K: 3.4375 bits) only as the nominal figure.
     */
    public static Mapped<NumberFormatSpec> weightFormat(WeightFormatRow r) {
        Double bits = r.bitsPerWeight();
        if (bits == null && r.gguf()) {
            bits = GgufQuantRules.FileType.fromFormatId(r.id()).map(t -> t.defaultType().bitsPerWeight()).orElse(null);
        }
        if (bits == null) {
            return Mapped.unusable("weight format " + r.id() + " has no sourced effective bits per weight");
        }
        return Mapped.ok(new NumberFormatSpec(r.id(), bits, Set.copyOf(WeightFormatEntry.split(r.frameworks())),
                need(r.hardwareNeed()), r.gguf()));
    }

    public static Mapped<NumberFormatSpec> kvCacheFormat(KvCacheFormatRow r) {
        if (r.bitsPerValue() == null) {
            return Mapped.unusable("KV-cache format " + r.id() + " has no sourced effective bits per value");
        }
        return Mapped.ok(new NumberFormatSpec(r.id(), r.bitsPerValue(), Set.copyOf(WeightFormatEntry.split(r.frameworks())),
                need(r.hardwareNeed()), false));
    }

    public static Mapped<FrameworkSpec> framework(FrameworkRow r) {
        if (!"engine".equals(r.kind())) {
            return Mapped.unusable(r.id() + " is a serving layer that routes to an engine (vLLM, SGLang, …); plan with that engine");
        }
        Set<Architecture.Vendor> vendors = EnumSet.noneOf(Architecture.Vendor.class);
        for (String v : r.hardwareVendors().split(";")) {
            if (!v.isBlank()) {
                vendors.add(Architecture.Vendor.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            }
        }
        FrameworkSpec.PrefixCache prefix = FrameworkSpec.PrefixCache.valueOf(r.prefixCacheKind().toUpperCase(Locale.ROOT));
        return Mapped.ok(new FrameworkSpec(r.id(), new LinkedHashSet<>(vendors), r.supportsContinuousBatching(),
                r.supportsPagedKv(), prefix, r.supportsChunkedPrefill(), r.supportsTensorParallel(),
                r.supportsPipelineParallel()));
    }

    private static NumberFormatSpec.HardwareNeed need(String text) {
        return NumberFormatSpec.HardwareNeed.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static void need(List<String> missing, Object value, String field) {
        if (value == null) {
            missing.add(field);
        }
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static double tera(Double tflops) {
        return tflops == null ? 0 : tflops * TERA;
    }
}
