package io.inferplan.catalog.price;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An API list price (table {@code api_price}), USD per million tokens; {@code asOf} empty where the source shows no
 * date. The billed-price columns (prompt-cache source, batch discount, long-context tier) and the provider's own
 * energy/carbon figures are empty where no source was found; each carries its own source and date.
 *
 * @param batchDiscountFraction        share taken off every price by the provider's batch API (0.5 = half price)
 * @param longContextThresholdTokens   prompts with more input tokens than this are billed at the long-context prices
 * @param kWhPerMillionOutputTokens    the provider's published energy per million output tokens
 * @param gCo2ePerMillionOutputTokens  the provider's published emissions per million output tokens
 */
@MappedEntity("api_price")
public record ApiPriceRow(
        @Id String id,
        String provider,
        String model,
        BigDecimal usdPerMillionInputTokens,
        @Nullable BigDecimal usdPerMillionCachedInputTokens,
        BigDecimal usdPerMillionOutputTokens,
        @Nullable LocalDate asOf,
        String sourceUrl,
        @Nullable String notes,
        String origin,
        @Nullable String cachedInputSourceUrl,
        @Nullable LocalDate cachedInputAsOf,
        @Nullable BigDecimal batchDiscountFraction,
        @Nullable String batchSourceUrl,
        @Nullable LocalDate batchAsOf,
        @Nullable Integer longContextThresholdTokens,
        @Nullable BigDecimal usdPerMillionLongContextInputTokens,
        @Nullable BigDecimal usdPerMillionLongContextCachedInputTokens,
        @Nullable BigDecimal usdPerMillionLongContextOutputTokens,
        @Nullable String longContextSourceUrl,
        @Nullable LocalDate longContextAsOf,
        @MappedProperty("kwh_per_million_output_tokens") @Nullable Double kWhPerMillionOutputTokens,
        @MappedProperty("g_co2e_per_million_output_tokens") @Nullable Double gCo2ePerMillionOutputTokens,
        @Nullable String energySourceUrl,
        @Nullable LocalDate energyAsOf,
        @Nullable String energyNotes) implements CatalogRow {

    /** A list price without billed-price or energy columns (custom entries and tests). */
    public ApiPriceRow(String id, String provider, String model, BigDecimal usdPerMillionInputTokens,
                       BigDecimal usdPerMillionCachedInputTokens, BigDecimal usdPerMillionOutputTokens, LocalDate asOf,
                       String sourceUrl, String notes, String origin) {
        this(id, provider, model, usdPerMillionInputTokens, usdPerMillionCachedInputTokens, usdPerMillionOutputTokens, asOf,
                sourceUrl, notes, origin, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    public static ApiPriceRow fromCsv(CsvRow r) {
        return new ApiPriceRow(r.required("id"), r.required("provider"), r.required("model"),
                money(r, "input_usd_per_mtok", true), money(r, "cached_input_usd_per_mtok", false),
                money(r, "output_usd_per_mtok", true), r.date("as_of_date"), r.required("source_url"), r.text("notes"), SEED,
                r.text("cached_input_source_url"), r.date("cached_input_as_of"),
                money(r, "batch_discount_fraction", false), r.text("batch_source_url"), r.date("batch_as_of"),
                r.integer("long_context_threshold_tokens"), money(r, "long_context_input_usd_per_mtok", false),
                money(r, "long_context_cached_input_usd_per_mtok", false), money(r, "long_context_output_usd_per_mtok", false),
                r.text("long_context_source_url"), r.date("long_context_as_of"),
                r.decimal("kwh_per_million_output_tokens"), r.decimal("gco2e_per_million_output_tokens"),
                r.text("energy_source_url"), r.date("energy_as_of"), r.text("energy_notes"));
    }

    static BigDecimal money(CsvRow r, String column, boolean required) {
        String text = required ? r.required(column) : r.text(column);
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw r.error(column, "'" + text + "' is not a price");
        }
    }
}
