package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weight memory of one model copy: Σ over tensors of parameters × effective bits / 8 (scales and zero-points
 * included in the bits). All MoE experts are resident. Tied embeddings are stored once.
 *
 * <p>Storage type per tensor:
 * <ul>
 * <li>GGUF formats: llama.cpp's per-tensor rules ({@link GgufQuantRules}); a GGUF id without transcribed rules
 *     uses the catalog's bits for every matrix, with a note;</li>
 * <li>16-bit and wider formats (bf16, fp16): every tensor at the format's bits;</li>
 * <li>{@code mxfp4} (gpt-oss checkpoints): only the MoE expert matrices at the format's bits, attention, dense
 *     FFN, embeddings and head in bf16 (gpt-oss README: MoE weights in MXFP4);</li>
 * <li>MLC-LLM group quantizations ({@code mlc-q4f16_1}, …): every matrix including the token embedding and the output
 *     head at the format's bits (quantization.py: quantize_embedding and quantize_final_fc are true); norms 16-bit;</li>
 * <li>other sub-16-bit formats (fp8, int8, awq-int4, gptq-int4, nvfp4, …): the linear layers (attention, FFN,
 *     experts) at the format's bits; token embedding, output head, router and norms kept at 16 bits (these
 *     checkpoints leave the embedding lookup and lm_head unquantized).</li>
 * </ul>
 *
 * <p>Reconciling derived and published parameter counts: the per-tensor counts from the architecture fields
 * ({@link TensorInventory}) are used as they are when within {@value #RECONCILE_TOLERANCE_FRACTION} of the
 * catalog total: published totals are rounded ("70.6" for 70.55 B) or nominal ("7B" for Llama-2-7B's 6.74 B,
 * whose llama.cpp file sizes match the derived count). When the catalog total is larger, the
 * difference is parameters the architecture fields do not describe (vision towers, shared experts, dense first
 * layers, MTP heads, q-LoRA): it is kept as an "unmodeled" group stored at the format's bulk type, so the total
 * matches the published count. When the derived count is larger (hybrid models whose non-attention layers are
 * smaller than a transformer block), every group is scaled down by catalog / derived. Either case adds a note.
 */
public final class WeightModel {

    /** Relative gap between derived and published counts below which the derived counts are used as is. */
    public static final double RECONCILE_TOLERANCE_FRACTION = 0.05;
    /** Bits of tensors kept unquantized (bf16/fp16). */
    public static final double HIGH_PRECISION_BITS = 16.0;

    /**
     * Breakdowns already worked out, by the identity of the model and format specs (a catalog snapshot's specs live
     * as long as it does; a search evaluates each pair for every accelerator and framework). Bounded: emptied when
     * full. The breakdown is immutable, so sharing it changes nothing.
     */
    private static final Map<SpecPair, Known> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 4096;

    private WeightModel() {
    }

    /** Identity of a model spec and a format spec. */
    private record SpecPair(ModelSpec model, NumberFormatSpec format) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SpecPair p && p.model == model && p.format == format;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(model) + System.identityHashCode(format);
        }
    }

    /** A breakdown and the byte sums its split across accelerators needs. */
    private record Known(WeightBreakdown breakdown, Sharding.Sums sums) {
    }

    public static WeightBreakdown weights(ModelSpec model, NumberFormatSpec format) {
        return known(model, format).breakdown();
    }

    /** {@code Sharding.Sums.of(weights(model, format))}, worked out once with the breakdown. */
    public static Sharding.Sums shardingSums(ModelSpec model, NumberFormatSpec format) {
        return known(model, format).sums();
    }

    private static Known known(ModelSpec model, NumberFormatSpec format) {
        SpecPair key = new SpecPair(model, format);
        Known k = KNOWN.get(key);
        if (k == null) {
            WeightBreakdown w = breakdown(model, format);
            k = new Known(w, Sharding.Sums.of(w));
            if (KNOWN.size() >= MAX_KNOWN) {
                KNOWN.clear();
            }
            KNOWN.put(key, k);
        }
        return k;
    }

    private static WeightBreakdown breakdown(ModelSpec model, NumberFormatSpec format) {
        List<TensorInventory.Shape> shapes = TensorInventory.of(model);
        List<String> notes = new ArrayList<>();
        List<TensorGroup> groups = new ArrayList<>();
        String bulkType;
        double bulkBits;
        Optional<GgufQuantRules.FileType> ft = format.gguf()
                ? GgufQuantRules.FileType.fromFormatId(format.id()) : Optional.empty();
        if (ft.isPresent()) {
            bulkType = ft.get().defaultType().name();
            bulkBits = ft.get().defaultType().bitsPerWeight();
            for (TensorInventory.Shape s : shapes) {
                groups.addAll(ggufGroups(ft.get(), s, model));
            }
        } else {
            if (format.gguf()) {
                notes.add("GGUF type " + format.id() + ": llama.cpp per-tensor rules not transcribed; every matrix at "
                        + format.bitsPerValue() + " bits per weight (catalog), norms F32");
            }
            bulkType = format.id();
            bulkBits = format.bitsPerValue();
            for (TensorInventory.Shape s : shapes) {
                double bits = bitsFor(format, s.kind());
                String type = bits == format.bitsPerValue() ? format.id() : (bits == 32 ? "f32" : "bf16");
                groups.add(new TensorGroup(s.name(), s.kind(), s.count(), s.parametersPerTensor(), type, bits));
            }
        }
        double derived = shapes.stream().mapToDouble(TensorInventory.Shape::parameters).sum();
        double catalog = model.totalParameters();
        double gap = (catalog - derived) / catalog;
        if (gap > RECONCILE_TOLERANCE_FRACTION) {
            groups.add(new TensorGroup("unmodeled", TensorGroup.Kind.UNMODELED, 1, catalog - derived, bulkType, bulkBits));
            notes.add(String.format(Locale.ROOT, "published total %.3f B parameters exceeds the %.3f B counted from the "
                    + "architecture fields by %.1f%%; the difference is stored at the bulk type %s", catalog / 1e9,
                    derived / 1e9, 100 * gap, bulkType));
        } else if (gap < -RECONCILE_TOLERANCE_FRACTION) {
            double scale = catalog / derived;
            groups.replaceAll(g -> new TensorGroup(g.name(), g.kind(), g.count(), g.parametersPerTensor() * scale,
                    g.storageType(), g.bitsPerWeight()));
            notes.add(String.format(Locale.ROOT, "architecture fields count %.3f B parameters, more than the published "
                    + "%.3f B; every tensor scaled by %.4f", derived / 1e9, catalog / 1e9, scale));
        }
        return new WeightBreakdown(groups, derived, catalog, notes);
    }

    /**
     * Weight bytes one token reads in a decode step: every tensor except the routed experts, plus the routed experts
     * × expertsPerToken / experts (MoE; equals {@link WeightBreakdown#totalBytes()} for a dense model). The
     * unmodeled remainder is counted as read (it is usually dense: shared experts, dense first layers).
     */
    public static double activeBytesPerToken(WeightBreakdown w, ModelSpec m) {
        double experts = w.bytesOf(TensorGroup.Kind.EXPERT_FFN);
        if (!m.isMoe()) {
            return w.totalBytes();
        }
        return w.totalBytes() - experts + experts * m.expertsPerToken() / (double) m.experts();
    }

    /** Bits of a tensor of this kind in a non-GGUF format (see class comment). */
    public static double bitsFor(NumberFormatSpec format, TensorGroup.Kind kind) {
        double bits = format.bitsPerValue();
        if (bits >= HIGH_PRECISION_BITS) {
            return bits;
        }
        String id = format.id().toLowerCase(Locale.ROOT);
        boolean mxfp4 = id.contains("mxfp4");
        boolean mlc = id.startsWith("mlc-");
        return switch (kind) {
            case EXPERT_FFN, UNMODELED -> bits;
            case ATTENTION, FFN -> mxfp4 ? HIGH_PRECISION_BITS : bits;
            case EMBEDDING, OUTPUT_HEAD -> mlc ? bits : HIGH_PRECISION_BITS;
            case ROUTER, NORM -> HIGH_PRECISION_BITS;
        };
    }

    private static List<TensorGroup> ggufGroups(GgufQuantRules.FileType ft, TensorInventory.Shape s, ModelSpec m) {
        Map<GgufType, Integer> counts = new EnumMap<>(GgufType.class);
        for (int i = 0; i < s.count(); i++) {
            counts.merge(GgufQuantRules.typeFor(ft, s, i, m), 1, Integer::sum);
        }
        Map<GgufType, Integer> ordered = new LinkedHashMap<>(counts);
        List<TensorGroup> out = new ArrayList<>();
        ordered.forEach((type, c) -> out.add(new TensorGroup(s.name(), s.kind(), c, s.parametersPerTensor(),
                type.name(), type.bitsPerWeight())));
        return out;
    }
}
