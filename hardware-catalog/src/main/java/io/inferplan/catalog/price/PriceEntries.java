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

    /**
     * An API list price, USD per million tokens, with its snapshot date; {@code billing} holds the billed-price facts
     * (prompt cache, batch discount, long-context tier) and {@code energy} the provider's own energy/carbon figures,
     * each with its source and date (null blocks: none known).
     */
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
            @Nullable Boolean custom,
            @Nullable ApiBilling billing,
            @Nullable ApiEnergy energy) {

        public static ApiPriceEntry from(ApiPriceRow r) {
            return new ApiPriceEntry(r.id(), r.provider(), r.model(), r.usdPerMillionInputTokens(),
                    r.usdPerMillionCachedInputTokens(), r.usdPerMillionOutputTokens(), r.asOf(), r.sourceUrl(), r.notes(),
                    CatalogRow.CUSTOM.equals(r.origin()), ApiBilling.from(r), ApiEnergy.from(r));
        }

        public ApiPriceRow toCustomRow(LocalDate today) {
            ApiBilling b = billing == null ? ApiBilling.NONE : billing;
            ApiEnergy e = energy == null ? ApiEnergy.NONE : energy;
            return new ApiPriceRow(id, provider, model, usdPerMillionInputTokens, usdPerMillionCachedInputTokens,
                    usdPerMillionOutputTokens, asOf == null ? today : asOf, sourceUrl, notes, CatalogRow.CUSTOM,
                    b.cachedInputSourceUrl(), b.cachedInputAsOf(), b.batchDiscountFraction(), b.batchSourceUrl(),
                    b.batchAsOf(), b.longContextThresholdTokens(), b.usdPerMillionLongContextInputTokens(),
                    b.usdPerMillionLongContextCachedInputTokens(), b.usdPerMillionLongContextOutputTokens(),
                    b.longContextSourceUrl(), b.longContextAsOf(), e.kWhPerMillionOutputTokens(),
                    e.gCo2ePerMillionOutputTokens(), e.sourceUrl(), e.asOf(), e.notes());
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
            if (billing != null) {
                billing.check(c);
            }
            if (energy != null) {
                energy.check(c);
            }
            return c.errors();
        }
    }

    /**
     * What an API bills beyond its list price.
     *
     * @param batchDiscountFraction      share taken off every price by the batch API (0.5 = half price)
     * @param longContextThresholdTokens prompts with more input tokens than this are billed at the long-context prices
     */
    @Serdeable
    public record ApiBilling(
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
            @Nullable LocalDate longContextAsOf) {

        static final ApiBilling NONE = new ApiBilling(null, null, null, null, null, null, null, null, null, null, null);

        static ApiBilling from(ApiPriceRow r) {
            ApiBilling b = new ApiBilling(r.cachedInputSourceUrl(), r.cachedInputAsOf(), r.batchDiscountFraction(),
                    r.batchSourceUrl(), r.batchAsOf(), r.longContextThresholdTokens(),
                    r.usdPerMillionLongContextInputTokens(), r.usdPerMillionLongContextCachedInputTokens(),
                    r.usdPerMillionLongContextOutputTokens(), r.longContextSourceUrl(), r.longContextAsOf());
            return b.equals(NONE) ? null : b;
        }

        void check(FieldChecks c) {
            c.url("billing.cachedInputSourceUrl", cachedInputSourceUrl, false)
                    .url("billing.batchSourceUrl", batchSourceUrl, false)
                    .url("billing.longContextSourceUrl", longContextSourceUrl, false)
                    .range("billing.longContextThresholdTokens", longContextThresholdTokens, 1, 100_000_000, "tokens", false);
            if (batchDiscountFraction != null) {
                c.check(batchDiscountFraction.signum() >= 0 && batchDiscountFraction.compareTo(BigDecimal.ONE) < 0
                        && batchDiscountFraction.scale() <= 4, "billing.batchDiscountFraction",
                        "must be a fraction in [0, 1) with at most 4 decimals (0.5 = half price)");
                c.check(batchSourceUrl != null, "billing.batchSourceUrl", "is required with batchDiscountFraction");
            }
            usd(c, "billing.usdPerMillionLongContextInputTokens", usdPerMillionLongContextInputTokens, false);
            usd(c, "billing.usdPerMillionLongContextCachedInputTokens", usdPerMillionLongContextCachedInputTokens, false);
            usd(c, "billing.usdPerMillionLongContextOutputTokens", usdPerMillionLongContextOutputTokens, false);
            boolean tier = longContextThresholdTokens != null;
            c.check(!tier || (usdPerMillionLongContextInputTokens != null && usdPerMillionLongContextOutputTokens != null
                    && longContextSourceUrl != null), "billing.longContextThresholdTokens",
                    "needs usdPerMillionLongContextInputTokens, usdPerMillionLongContextOutputTokens and longContextSourceUrl");
        }
    }

    /** The provider's own published energy or carbon figure for this API ({@code notes}: what it covers). */
    @Serdeable
    public record ApiEnergy(
            @Nullable Double kWhPerMillionOutputTokens,
            @Nullable Double gCo2ePerMillionOutputTokens,
            @Nullable String sourceUrl,
            @Nullable LocalDate asOf,
            @Nullable String notes) {

        static final ApiEnergy NONE = new ApiEnergy(null, null, null, null, null);

        static ApiEnergy from(ApiPriceRow r) {
            ApiEnergy e = new ApiEnergy(r.kWhPerMillionOutputTokens(), r.gCo2ePerMillionOutputTokens(), r.energySourceUrl(),
                    r.energyAsOf(), r.energyNotes());
            return e.equals(NONE) ? null : e;
        }

        void check(FieldChecks c) {
            c.range("energy.kWhPerMillionOutputTokens", kWhPerMillionOutputTokens, 0.0, 1e9, "kWh per million output tokens", false)
                    .range("energy.gCo2ePerMillionOutputTokens", gCo2ePerMillionOutputTokens, 0.0, 1e12,
                            "gCO2e per million output tokens", false)
                    .url("energy.sourceUrl", sourceUrl, kWhPerMillionOutputTokens != null || gCo2ePerMillionOutputTokens != null)
                    .text("energy.notes", notes, FieldChecks.MAX_TEXT, false);
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
