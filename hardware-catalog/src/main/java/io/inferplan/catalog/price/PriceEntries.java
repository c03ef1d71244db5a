package io.inferplan.catalog.price;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

/** The API shapes of the two price catalogs. */
public final class PriceEntries {

    private static final BigDecimal MAX_USD = new BigDecimal("1000000");

    private PriceEntries() {
    }

    /** An API list price, USD per million tokens, with its snapshot date. */
    @Serdeable
    public record ApiPriceEntry(
            String id,
            String provider,
            String model,
            BigDecimal usdPerMillionInputTokens,
            @Nullable BigDecimal usdPerMillionCachedInputTokens,
            BigDecimal usdPerMillionOutputTokens,
            @Nullable LocalDate asOf,
            String sourceUrl,
            @Nullable String notes,
            @Nullable Boolean custom) {

        public static ApiPriceEntry from(ApiPriceRow r) {
            return new ApiPriceEntry(r.id(), r.provider(), r.model(), r.usdPerMillionInputTokens(),
                    r.usdPerMillionCachedInputTokens(), r.usdPerMillionOutputTokens(), r.asOf(), r.sourceUrl(), r.notes(),
                    CatalogRow.CUSTOM.equals(r.origin()));
        }

        public ApiPriceRow toCustomRow(LocalDate today) {
            return new ApiPriceRow(id, provider, model, usdPerMillionInputTokens, usdPerMillionCachedInputTokens,
                    usdPerMillionOutputTokens, asOf == null ? today : asOf, sourceUrl, notes, CatalogRow.CUSTOM);
        }

        public List<FieldError> problems() {
            FieldChecks c = new FieldChecks().id("id", id)
                    .text("provider", provider, FieldChecks.MAX_SHORT_TEXT, true)
                    .text("model", model, FieldChecks.MAX_SHORT_TEXT, true)
                    .url("sourceUrl", sourceUrl, true)
                    .text("notes", notes, FieldChecks.MAX_TEXT, false);
            usd(c, "usdPerMillionInputTokens", usdPerMillionInputTokens, true);
            usd(c, "usdPerMillionCachedInputTokens", usdPerMillionCachedInputTokens, false);
            usd(c, "usdPerMillionOutputTokens", usdPerMillionOutputTokens, true);
            return c.errors();
        }
    }

    /** A GPU-hour rental price or a purchase list price; {@code accelerator} must be a catalog id. */
    @Serdeable
    public record GpuPriceEntry(
            String id,
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
            @Nullable Boolean custom) {

        public static GpuPriceEntry from(GpuPriceRow r) {
            return new GpuPriceEntry(r.id(), r.provider(), r.gpu(), r.accelerator(), r.instance(), r.gpusPerInstance(),
                    r.usdPerGpuHour(), r.pricingType(), r.asOf(), r.sourceUrl(), r.usdListPrice(), r.notes(),
                    CatalogRow.CUSTOM.equals(r.origin()));
        }

        public GpuPriceRow toCustomRow(LocalDate today) {
            return new GpuPriceRow(id, provider, gpu, accelerator, instance, gpusPerInstance, usdPerGpuHour, pricingType,
                    asOf == null ? today : asOf, sourceUrl, usdListPrice, notes, CatalogRow.CUSTOM);
        }

        public List<FieldError> problems(Predicate<String> acceleratorExists, List<String> nearest) {
            FieldChecks c = new FieldChecks().id("id", id)
                    .text("provider", provider, FieldChecks.MAX_SHORT_TEXT, true)
                    .text("gpu", gpu, FieldChecks.MAX_SHORT_TEXT, false)
                    .text("instance", instance, FieldChecks.MAX_SHORT_TEXT, false)
                    .range("gpusPerInstance", gpusPerInstance, 1, 1024, "GPUs", false)
                    .text("pricingType", pricingType, 40, true)
                    .url("sourceUrl", sourceUrl, true)
                    .text("notes", notes, FieldChecks.MAX_TEXT, false);
            usd(c, "usdPerGpuHour", usdPerGpuHour, false);
            usd(c, "usdListPrice", usdListPrice, false);
            if (usdPerGpuHour == null && usdListPrice == null) {
                c.fail("usdPerGpuHour", "is required unless usdListPrice is given");
            }
            if (accelerator != null && !acceleratorExists.test(accelerator)) {
                c.fail("accelerator", "unknown accelerator id '" + accelerator + "'; nearest valid ids: " + String.join(", ", nearest));
            }
            return c.errors();
        }
    }

    static void usd(FieldChecks c, String field, BigDecimal value, boolean required) {
        if (value == null) {
            c.check(!required, field, "is required (USD, 0 to 1000000)");
        } else {
            c.check(value.signum() >= 0 && value.compareTo(MAX_USD) <= 0 && value.scale() <= 6, field,
                    "must be between 0 and 1000000 USD with at most 6 decimals");
        }
    }
}
