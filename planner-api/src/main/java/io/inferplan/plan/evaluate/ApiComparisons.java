package io.inferplan.plan.evaluate;

import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.engine.cost.ApiBilling;
import io.inferplan.engine.cost.CostModel;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.List;

/**
 * The hosted APIs of a plan's model, billed as their providers bill this workload ({@link ApiBilling}): catalog rows
 * in, engine formulas applied, the rules used reported with each comparison.
 */
final class ApiComparisons {

    static final String NO_ENERGY = "unknown: the provider publishes no energy or carbon figure for this API";

    private ApiComparisons() {
    }

    /**
     * @param cacheHitFraction  the user's share of input tokens served from the prompt cache; null =
     *                          sharedPrefixTokens ÷ inputTokens
     * @param selfBlended       the deployment's USD per million blended tokens (null: unpriced)
     * @param selfUsdPerMonth   the deployment's monthly cost (null: unpriced)
     */
    static List<PlanResponse.ApiComparison> of(List<ApiPriceRow> apis, PlanRequest.WorkloadInput w,
                                               @Nullable Double cacheHitFraction, @Nullable Double selfBlended,
                                               @Nullable Double selfUsdPerMonth) {
        int in = w.inputTokens();
        int out = w.outputTokens();
        double hit = cacheHitFraction(w, cacheHitFraction);
        boolean batch = Boolean.TRUE.equals(w.batch());
        return apis.stream().map(a -> {
            ApiBilling.Bill bill = ApiBilling.bill(prices(a), in, out, hit, batch);
            double listIn = a.usdPerMillionInputTokens().doubleValue();
            double listOut = a.usdPerMillionOutputTokens().doubleValue();
            double billed = bill.blendedUsdPerMillion();
            Double ratio = selfBlended == null || billed <= 0 ? null : selfBlended / billed;
            Double breakEven = selfUsdPerMonth == null ? null : finite(CostModel.breakEvenTokensPerMonth(selfUsdPerMonth, billed));
            PlanResponse.ApiBillingApplied applied = new PlanResponse.ApiBillingApplied(bill.inputUsdPerMillion(),
                    bill.outputUsdPerMillion(), bill.cacheHitFraction(), bill.longContextTier(), bill.batch(), bill.applied(),
                    bill.notApplied());
            boolean published = a.kWhPerMillionOutputTokens() != null || a.gCo2ePerMillionOutputTokens() != null;
            return new PlanResponse.ApiComparison(a.id(), a.provider(), a.model(), listIn, listOut, billed,
                    CostModel.apiUsdPerMillionBlendedTokens(listIn, listOut, in, out), ratio, breakEven,
                    a.asOf() == null ? null : a.asOf().toString(), a.sourceUrl(), applied, a.kWhPerMillionOutputTokens(),
                    a.gCo2ePerMillionOutputTokens(), published ? a.energyNotes() : NO_ENERGY,
                    published ? a.energySourceUrl() : null);
        }).toList();
    }

    /** The given share, else the shared prefix's share of the prompt (0 without a shared prefix). */
    static double cacheHitFraction(PlanRequest.WorkloadInput w, @Nullable Double given) {
        if (given != null) {
            return given;
        }
        int prefix = w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens();
        return Math.min(1.0, prefix / (double) w.inputTokens());
    }

    static ApiBilling.Prices prices(ApiPriceRow a) {
        return new ApiBilling.Prices(a.usdPerMillionInputTokens().doubleValue(), nan(a.usdPerMillionCachedInputTokens()),
                a.usdPerMillionOutputTokens().doubleValue(), nan(a.batchDiscountFraction()),
                a.longContextThresholdTokens() == null ? 0 : a.longContextThresholdTokens(),
                nan(a.usdPerMillionLongContextInputTokens()), nan(a.usdPerMillionLongContextCachedInputTokens()),
                nan(a.usdPerMillionLongContextOutputTokens()));
    }

    private static double nan(BigDecimal v) {
        return v == null ? Double.NaN : v.doubleValue();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
