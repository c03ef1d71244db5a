package io.inferplan.catalog.price;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A GPU rental price per GPU-hour, or a purchase list price when {@code usdListPrice} is set (table
 * {@code gpu_price}). {@code accelerator} is a catalog id, empty where the source's GPU is not in the catalog.
 */
@MappedEntity("gpu_price")
public record GpuPriceRow(
        @Id String id,
        String provider,
        @Nullable String gpu,
        @Nullable String accelerator,
        @Nullable String instance,
        @Nullable Integer gpusPerInstance,
        @Nullable BigDecimal usdPerGpuHour,
        String pricingType,
        @Nullable LocalDate asOf,
        String sourceUrl,
        @Nullable BigDecimal usdListPrice,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static GpuPriceRow fromCsv(CsvRow r) {
        return new GpuPriceRow(r.required("id"), r.required("provider"), r.text("gpu"), r.text("accelerator"),
                r.text("instance"), r.integer("gpus_per_instance"), ApiPriceRow.money(r, "usd_per_gpu_hour", false),
                r.required("pricing_type"), r.date("as_of_date"), r.required("source_url"),
                ApiPriceRow.money(r, "usd_list_price", false), r.text("notes"), SEED);
    }
}
