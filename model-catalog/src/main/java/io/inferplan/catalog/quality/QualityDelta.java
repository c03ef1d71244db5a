package io.inferplan.catalog.quality;

import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * One published comparison of a quantized format with the same model in 16 bits (row of {@code quality-deltas.csv}).
 * Both values come from one page and one harness; the percentage is derived from them here, never typed in.
 *
 * @param kind                    weight or kv
 * @param measuredOnModel         catalog model id of the measured model (its base id for an Instruct variant), or null
 * @param measuredOn              the source's own name for the measured model
 * @param higherIsBetter          true for accuracy, false for perplexity
 * @param percentBelowSixteenBit  how much worse than 16-bit, percent (negative = better)
 */
@Serdeable
public record QualityDelta(String id, String kind, String format, String baselineFormat, @Nullable String measuredOnModel,
                           String measuredOn, String modelFamily, double paramsB, String metric, boolean higherIsBetter,
                           double baselineValue, double quantizedValue, double percentBelowSixteenBit, String method,
                           String sourceUrl, LocalDate asOf, @Nullable String notes) {

    static QualityDelta fromCsv(CsvRow r) {
        String kind = r.required("kind");
        if (!kind.equals("weight") && !kind.equals("kv")) {
            throw r.error("kind", "'" + kind + "' must be weight or kv");
        }
        Boolean higher = r.bool("higher_is_better");
        if (higher == null) {
            throw r.error("higher_is_better", "is required (true for accuracy, false for perplexity)");
        }
        double base = positive(r, "baseline_value");
        double quantized = positive(r, "quantized_value");
        LocalDate asOf = r.date("as_of");
        if (asOf == null) {
            throw r.error("as_of", "is required");
        }
        return new QualityDelta(r.required("id"), kind, r.required("format"), r.required("baseline_format"),
                r.text("measured_on_model"), r.required("measured_on"), r.required("model_family"), positive(r, "params_b"),
                r.required("metric"), higher, base, quantized, percentBelow(higher, base, quantized), r.required("method"),
                r.required("source_url"), asOf, r.text("notes"));
    }

    /** (quantized ÷ baseline − 1) × 100 when lower is better; (1 − quantized ÷ baseline) × 100 when higher is better. */
    static double percentBelow(boolean higherIsBetter, double baseline, double quantized) {
        return higherIsBetter ? (1 - quantized / baseline) * 100 : (quantized / baseline - 1) * 100;
    }

    private static double positive(CsvRow r, String column) {
        Double v = r.decimal(column);
        if (v == null || !(v > 0) || !Double.isFinite(v)) {
            throw r.error(column, "is required and must be a number > 0");
        }
        return v;
    }
}
