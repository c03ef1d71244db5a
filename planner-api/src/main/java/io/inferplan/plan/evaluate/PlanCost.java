package io.inferplan.plan.evaluate;

import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.engine.cost.CostModel;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.plan.catalog.CatalogSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The cost block of a plan: catalog prices in, {@link CostModel} formulas applied, nothing computed here. */
final class PlanCost {

    private PlanCost() {
    }

    static PlanResponse.CostBlock of(CatalogSnapshot cat, String modelId, String acceleratorId, int acceleratorCount,
                                     int replicas, PerformanceEstimate perf, int inputTokens, int outputTokens,
                                     List<String> warnings) {
        Optional<GpuPriceRow> price = cheapestRental(cat, acceleratorId);
        List<ApiPriceRow> apis = sameModelApis(cat, modelId);
        Double usdPerHour = null;
        Double perInput = null;
        Double perOutput = null;
        Double blended = null;
        Double perMonth = null;
        PlanResponse.GpuPrice gpuPrice = null;
        if (price.isPresent()) {
            GpuPriceRow p = price.get();
            usdPerHour = CostModel.rentedUsdPerHour(p.usdPerGpuHour().doubleValue(), acceleratorCount);
            perMonth = CostModel.usdPerMonth(usdPerHour);
            perOutput = finite(CostModel.usdPerMillionTokens(usdPerHour, perf.outputTokensPerSecond()));
            perInput = finite(CostModel.usdPerMillionTokens(usdPerHour, perf.prefillTokensPerSecond() * replicas));
            blended = finite(CostModel.usdPerMillionBlendedTokens(usdPerHour, perf.requestsPerSecond(), inputTokens, outputTokens));
            gpuPrice = new PlanResponse.GpuPrice(p.id(), p.provider(), p.instance(), p.pricingType(),
                    p.usdPerGpuHour().doubleValue(), p.asOf() == null ? null : p.asOf().toString(), p.sourceUrl());
        } else {
            warnings.add("no rental price for " + acceleratorId + " in the catalog: cost per token not computed");
        }
        List<PlanResponse.ApiComparison> comparison = new ArrayList<>();
        for (ApiPriceRow a : apis) {
            double in = a.usdPerMillionInputTokens().doubleValue();
            double out = a.usdPerMillionOutputTokens().doubleValue();
            double apiBlended = CostModel.apiUsdPerMillionBlendedTokens(in, out, inputTokens, outputTokens);
            Double ratio = blended == null || apiBlended <= 0 ? null : blended / apiBlended;
            Double breakEven = perMonth == null ? null : finite(CostModel.breakEvenTokensPerMonth(perMonth, apiBlended));
            comparison.add(new PlanResponse.ApiComparison(a.provider(), a.model(), in, out, apiBlended, ratio, breakEven,
                    a.asOf() == null ? null : a.asOf().toString(), a.sourceUrl()));
        }
        if (apis.isEmpty()) {
            warnings.add("no hosted API price for " + modelId + " in the catalog to compare with");
        }
        return new PlanResponse.CostBlock(usdPerHour, perInput, perOutput, blended, perMonth, gpuPrice, comparison);
    }

    /** Cheapest on-demand price of the accelerator, else its cheapest price of any kind. */
    static Optional<GpuPriceRow> cheapestRental(CatalogSnapshot cat, String acceleratorId) {
        List<GpuPriceRow> prices = cat.rentalPrices(acceleratorId);
        return prices.stream().filter(p -> p.pricingType().toLowerCase(Locale.ROOT).startsWith("on-demand")).findFirst()
                .or(() -> prices.stream().findFirst());
    }

    /**
     * API offers of the same open model: the API's model name, lowercased, contains the catalog id (e.g.
     * "meta-llama-3.1-70b-instruct-turbo" for llama-3.1-70b); distilled variants do not count as the original.
     */
    static List<ApiPriceRow> sameModelApis(CatalogSnapshot cat, String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        return cat.apiPrices().stream()
                .filter(a -> {
                    String name = a.model().toLowerCase(Locale.ROOT).replace(' ', '-');
                    return name.contains(id) && (id.contains("distill") || !name.contains("distill"));
                })
                .sorted(Comparator.comparing(ApiPriceRow::usdPerMillionOutputTokens))
                .toList();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
