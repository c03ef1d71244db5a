package io.inferplan.catalog.price;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An API list price (table {@code api_price}), USD per million tokens; {@code asOf} empty where the source shows no date. */
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
        String origin) implements CatalogRow {

    public static ApiPriceRow fromCsv(CsvRow r) {
        return new ApiPriceRow(r.required("id"), r.required("provider"), r.required("model"),
                money(r, "input_usd_per_mtok", true), money(r, "cached_input_usd_per_mtok", false),
                money(r, "output_usd_per_mtok", true), r.date("as_of_date"), r.required("source_url"), r.text("notes"), SEED);
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
