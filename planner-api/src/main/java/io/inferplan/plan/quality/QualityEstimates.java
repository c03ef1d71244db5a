package io.inferplan.plan.quality;

import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.quality.QualityCatalog;
import io.inferplan.catalog.quality.QualityDelta;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The quality cost of a weight and KV format for one model, from the published quality deltas. The row used is the
 * one measured closest to the planned model: the same model; else one of the same size class (within 1.5× in
 * parameters) from the same family (Llama 3.1), then the same lineage (Llama 3.3); else another size from the same
 * family, then the same lineage; else any row of the format; ties go to the nearest generation, then the nearest size.
 * Size comes before family because how much a format loses depends mostly on size (llama.cpp's scoreboards: Q4_K_M
 * +1.20 % on Llama 2 70B against +2.79 % on Llama 3 8B). The answer says which row it used.
 */
@Singleton
public class QualityEstimates {

    /** Parameters within this factor of each other count as one size class (70B and 70.6B; not 8B and 70B). */
    static final double SIZE_CLASS_RATIO = 1.5;

    private final QualityCatalog catalog;

    public QualityEstimates(QualityCatalog catalog) {
        this.catalog = catalog;
    }

    public QualityEstimate estimate(CatalogSnapshot cat, String modelId, String weightFormat, @Nullable String kvFormat) {
        ModelRow model = cat.models().containsKey(modelId) ? cat.models().get(modelId).row() : null;
        List<String> ids = new ArrayList<>();
        List<String> basis = new ArrayList<>();
        Double weights = part(cat, model, "weight", weightFormat, ids, basis);
        Double kv = kvFormat == null ? Double.valueOf(0) : part(cat, model, "kv", kvFormat, ids, basis);
        if (kvFormat == null) {
            basis.add("KV cache in the framework's 16-bit default");
        }
        Double total = weights == null || kv == null ? null : weights + kv;
        return new QualityEstimate(weights, kv, total, String.join(" + ", basis), List.copyOf(ids));
    }

    private Double part(CatalogSnapshot cat, @Nullable ModelRow model, String kind, String format, List<String> ids,
                        List<String> basis) {
        if (sixteenBit(cat, kind, format)) {
            basis.add(format + (kind.equals("kv") ? " KV" : "") + " is the 16-bit reference");
            return 0.0;
        }
        Optional<QualityDelta> row = closest(model, catalog.of(kind, format));
        if (row.isEmpty()) {
            basis.add(format + (kind.equals("kv") ? " KV" : "") + ": no published quality figure");
            return null;
        }
        QualityDelta d = row.get();
        ids.add(d.id());
        basis.add(String.format(Locale.ROOT, "%s%s: %s %.2f %% below 16-bit on %s (%s, %s)", format,
                kind.equals("kv") ? " KV" : "", d.metric(), d.percentBelowSixteenBit(), d.measuredOn(), d.sourceUrl(), d.asOf()));
        return d.percentBelowSixteenBit();
    }

    private static boolean sixteenBit(CatalogSnapshot cat, String kind, String format) {
        var entry = kind.equals("weight") ? cat.weightFormats().get(format) : cat.kvCacheFormats().get(format);
        return entry != null && entry.spec().map(s -> s.bitsPerValue() >= 16).orElse(false);
    }

    /** The row measured closest to the model (see the class comment); empty when the format has none. */
    static Optional<QualityDelta> closest(@Nullable ModelRow model, List<QualityDelta> rows) {
        if (model == null) {
            return rows.stream().findFirst();
        }
        String family = model.family() == null ? "" : model.family();
        double params = model.totalParametersBillions() == null ? Double.NaN : model.totalParametersBillions();
        return rows.stream().min(Comparator.<QualityDelta>comparingInt(d -> level(model.id(), family, params, d))
                .thenComparingDouble(d -> generationDistance(family, d.modelFamily()))
                .thenComparingDouble(d -> sizeDistance(params, d)));
    }

    /** 0 the same model; 1–2 the same size class (family, lineage); 3–4 another size (family, lineage); 5 any. */
    private static int level(String modelId, String family, double params, QualityDelta d) {
        if (modelId.equals(d.measuredOnModel())) {
            return 0;
        }
        boolean sameFamily = family.equalsIgnoreCase(d.modelFamily());
        if (!sameFamily && !lineage(family).equals(lineage(d.modelFamily()))) {
            return 5;
        }
        boolean sameSize = sizeDistance(params, d) <= Math.log(SIZE_CLASS_RATIO);
        return (sameSize ? 1 : 3) + (sameFamily ? 0 : 1);
    }

    /** |ln(row's parameters ÷ model's)|; 0 when the model's size is unknown. */
    private static double sizeDistance(double params, QualityDelta d) {
        return Double.isNaN(params) ? 0 : Math.abs(Math.log(d.paramsB() / params));
    }

    /** "Llama 3.1" → "llama", "Qwen2.5" → "qwen": the leading letters of the family name. */
    static String lineage(String family) {
        StringBuilder sb = new StringBuilder();
        for (char c : family.toLowerCase(Locale.ROOT).toCharArray()) {
            if (!Character.isLetter(c)) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** |3.1 − 3| for "Llama 3.1" vs "Llama 3": the first number in each family name; 0 when either has none. */
    static double generationDistance(String a, String b) {
        Double x = generation(a);
        Double y = generation(b);
        return x == null || y == null ? 0 : Math.abs(x - y);
    }

    private static Double generation(String family) {
        var m = java.util.regex.Pattern.compile("(\\d+(\\.\\d+)?)").matcher(family);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
