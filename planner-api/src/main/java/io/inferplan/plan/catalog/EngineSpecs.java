package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.support.FormatSupportRow;
import io.inferplan.catalog.weightformat.WeightFormatEntry;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.engine.memory.GgufQuantRules;
import io.inferplan.engine.memory.TensorInventory;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ContextExtension;
import io.inferplan.engine.spec.FormatSupport;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.GroupLayout;
import io.inferplan.engine.spec.HostMemory;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.RecurrentState;

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
        RecurrentState recurrent = r.recurrentLayers() == null ? null : new RecurrentState(r.recurrentLayers(),
                r.recurrentConvStateElements() == null ? 0 : r.recurrentConvStateElements(),
                r.recurrentSsmStateElements() == null ? 0 : r.recurrentSsmStateElements(),
                r.recurrentSsmStateBits() == null ? 16 : r.recurrentSsmStateBits());
        ContextExtension extension = r.ropeScalingMethod() == null ? null : new ContextExtension(r.ropeScalingMethod(),
                r.ropeOriginalContextTokens() == null ? 0 : r.ropeOriginalContextTokens(),
                r.ropeScaledMaxContextTokens() == null ? 0 : r.ropeScaledMaxContextTokens());
        return new ModelSpec(r.id(), total, active, r.layers(), kvLayers, r.hiddenSize(), r.intermediateSize(),
                r.attentionHeads(), r.kvHeads(), r.headDim(), r.vocabSize(), r.maxContextTokens(),
                AttentionKind.parse(r.attention()), orZero(r.mlaKvLoraRank()), orZero(r.mlaQkRopeHeadDim()), window,
                windowLayers, r.experts() == null ? 0 : r.experts(), orZero(r.expertsPerToken()),
                Boolean.TRUE.equals(r.tiedEmbeddings()), recurrent, extension);
    }

    public static Mapped<AcceleratorSpec> accelerator(AcceleratorRow r) {
        if (r.hostMemory()) {
            return Mapped.unusable(hostMemoryNeeded(r));
        }
        return datasheet(r);
    }

    /**
     * A CPU with the host RAM the plan gives: its memory is {@code host.memoryGB}, its bandwidth channels × MT/s × 8 B
     * ({@link HostMemory}); the rest from the datasheet row.
     */
    public static Mapped<AcceleratorSpec> accelerator(AcceleratorRow r, HostMemory host) {
        AcceleratorRow withRam = new AcceleratorRow(r.id(), r.vendor(), r.name(), host.memoryGB(), r.memoryType(),
                host.bandwidthBytesPerSecond() / GIGA, r.fp16Tflops(), r.fp8Tflops(), r.fp4Tflops(), r.int8Tops(),
                r.tdpWatts(), r.interconnect(), r.formFactor(), r.launchYear(), r.architecture(), r.interconnectKind(),
                r.linkBandwidthGBpsPerDirection(), true, false, r.memoryChannels(), r.memoryTransferRateMTps(),
                r.maxMemoryGB(), r.sourceUrl(), r.asOf(), r.notes(), r.origin());
        return datasheet(withRam);
    }

    /** Why a host-memory CPU cannot be planned until the plan gives its RAM. */
    public static String hostMemoryNeeded(AcceleratorRow r) {
        return "accelerator " + r.id() + " is a CPU whose memory is the host's RAM, which the buyer chooses: give "
                + "host.hostMemoryGB" + (r.maxMemoryGB() == null ? "" : " (up to " + fmt(r.maxMemoryGB()) + " GB)")
                + "; host.memoryChannels (default " + r.memoryChannels() + ") and host.memoryTransferRateMTps (default "
                + fmt(r.memoryTransferRateMTps()) + ") set the bandwidth, channels × MT/s × 8 B";
    }

    private static String fmt(Double v) {
        return v == null ? "not sourced" : (v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString());
    }

    private static Mapped<AcceleratorSpec> datasheet(AcceleratorRow r) {
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
    public static Mapped<NumberFormatSpec> weightFormat(WeightFormatRow r, List<FormatSupportRow> cells) {
        Double bits = r.bitsPerWeight();
        if (bits == null && r.groupSize() != null && r.storageBitsPerWeight() != null) {
            bits = new GroupLayout(r.storageBitsPerWeight(), r.groupSize(),
                    r.scaleBitsPerGroup() == null ? 0 : r.scaleBitsPerGroup(),
                    r.zeroBitsPerGroup() == null ? 0 : r.zeroBitsPerGroup()).bitsPerWeight();
        }
        if (bits == null && r.gguf()) {
            bits = GgufQuantRules.FileType.fromFormatId(r.id()).map(t -> t.defaultType().bitsPerWeight()).orElse(null);
        }
        if (bits == null) {
            return Mapped.unusable("weight format " + r.id() + " has no sourced effective bits per weight");
        }
        return Mapped.ok(format(r.id(), bits, r.frameworks(), r.hardwareNeed(), r.gguf(), cells));
    }

    public static Mapped<NumberFormatSpec> kvCacheFormat(KvCacheFormatRow r, List<FormatSupportRow> cells) {
        if (r.bitsPerValue() == null) {
            return Mapped.unusable("KV-cache format " + r.id() + " has no sourced effective bits per value");
        }
        return Mapped.ok(format(r.id(), r.bitsPerValue(), r.frameworks(), r.hardwareNeed(), false, cells));
    }

    /**
     * A format with its support-table cells. With cells, they decide per framework and hardware: the frameworks are
     * those with a cell that runs, and the per-format hardware need is not applied again (the cells carry it per
     * architecture). Without cells (custom formats) the row's own frameworks and hardware need decide.
     */
    private static NumberFormatSpec format(String id, double bits, String frameworks, String hardwareNeed, boolean gguf,
                                           List<FormatSupportRow> cells) {
        List<FormatSupport> support = cells.stream().map(c -> new FormatSupport(c.framework(), c.hardware(),
                FormatSupport.Status.parse(c.status()), c.note(), c.sourceUrl())).toList();
        if (support.isEmpty()) {
            return new NumberFormatSpec(id, bits, Set.copyOf(WeightFormatEntry.split(frameworks)), need(hardwareNeed), gguf);
        }
        Set<String> loaders = new LinkedHashSet<>();
        support.stream().filter(c -> c.status().runs()).forEach(c -> loaders.add(c.framework()));
        return new NumberFormatSpec(id, bits, loaders, NumberFormatSpec.HardwareNeed.ANY, gguf, support);
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
                r.supportsPipelineParallel(), r.sourceUrl()));
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
