package io.inferplan.plan.evaluate;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.engine.cost.CostModel;
import io.inferplan.engine.cost.OwnedHardware;
import io.inferplan.engine.spec.AcceleratorSpec;
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

    /** Ownership assumptions used when the user gives none; each is reported as assumed. */
    static final double DEFAULT_AMORTISATION_YEARS = 3;
    static final double DEFAULT_COST_OF_CAPITAL = 0.08;
    static final double DEFAULT_USD_PER_KWH = 0.12;
    private static final double HOURS_THREE_YEARS = 3 * 8760.0;

    static PlanResponse.CostBlock of(CatalogSnapshot cat, EnergyCatalog energyCat, String modelId, AcceleratorSpec accelerator,
                                     int acceleratorCount, int replicas, PerformanceEstimate perf,
                                     PlanRequest.WorkloadInput workload, PlanRequest.PricingInput pricing, List<String> warnings) {
        int inputTokens = workload.inputTokens();
        int outputTokens = workload.outputTokens();
        String acceleratorId = accelerator.id();
        Optional<GpuPriceRow> price = rentalPrice(cat, acceleratorId, pricing);
        List<ApiPriceRow> apis = new ArrayList<>(sameModelApis(cat, modelId));
        if (pricing != null && pricing.apiPrices() != null) {
            for (String id : pricing.apiPrices()) {
                cat.apiPrices().stream().filter(a -> a.id().equals(id) && !apis.contains(a)).forEach(apis::add);
            }
        }
        Double usdPerHour = null;
        Double perInput = null;
        Double perOutput = null;
        Double blended = null;
        Double perMonth = null;
        PlanResponse.GpuPrice gpuPrice = null;
        if (pricing != null && pricing.usdPerGpuHour() != null) {
            gpuPrice = new PlanResponse.GpuPrice("user", "user-entered price", null, "user", pricing.usdPerGpuHour(), null,
                    "entered with the plan");
        } else if (price.isPresent()) {
            GpuPriceRow p = price.get();
            gpuPrice = new PlanResponse.GpuPrice(p.id(), p.provider(), p.instance(), p.pricingType(),
                    p.usdPerGpuHour().doubleValue(), p.asOf() == null ? null : p.asOf().toString(), p.sourceUrl());
        } else {
            warnings.add("no rental price for " + acceleratorId + " in the catalog: give pricing.usdPerGpuHour for the rented cost");
        }
        if (gpuPrice != null) {
            RentalOptions.Rented rented = RentalOptions.rented(gpuPrice.usdPerGpuHour(), acceleratorCount,
                    perf.outputTokensPerSecond(), perf.requestsPerSecond(), inputTokens, outputTokens);
            usdPerHour = rented.usdPerHour();
            perMonth = rented.usdPerMonth();
            perOutput = rented.usdPerMillionOutputTokens();
            blended = rented.usdPerMillionBlendedTokens();
            perInput = finite(CostModel.usdPerMillionTokens(usdPerHour, perf.prefillTokensPerSecond() * replicas));
        }
        List<PlanResponse.RentalOption> options = RentalOptions.of(cat, acceleratorId, acceleratorCount,
                perf.outputTokensPerSecond(), perf.requestsPerSecond(), inputTokens, outputTokens,
                gpuPrice == null ? null : gpuPrice.id());
        PlanEnergy.Blocks energy = new PlanEnergy.Blocks(null, null);
        PlanResponse.OwnedCost owned = null;
        if (PlanEnergy.hasPowerFigure(accelerator, pricing)) {
            energy = PlanEnergy.of(energyCat, accelerator, acceleratorCount, PlanEnergy.busyShare(perf),
                    PlanEnergy.busyShareReason(perf), perf.outputTokensPerSecond(), pricing);
            owned = owned(cat, accelerator, acceleratorCount, perf, inputTokens, outputTokens,
                    pricing == null ? null : pricing.owned(), energy.energy());
        } else {
            // the plan runs; only the power-dependent lenses (energy, carbon, owned) lack an input
            warnings.add(PlanEnergy.noPowerFigureWarning(accelerator) + "; the owned-hardware cost needs it too");
        }
        List<PlanResponse.ApiComparison> comparison = ApiComparisons.of(apis, workload,
                pricing == null ? null : pricing.apiCacheHitFraction(), blended, perMonth);
        if (apis.isEmpty()) {
            warnings.add("no hosted API price for " + modelId + " in the catalog to compare with");
        }
        return new PlanResponse.CostBlock(usdPerHour, perInput, perOutput, blended, perMonth, gpuPrice, comparison, owned,
                options, RentalOptions.cheapest(options), energy.energy(), energy.carbon());
    }

    /** The owned lens, when a purchase price is known (the user's, or the catalog's list price). */
    static PlanResponse.OwnedCost owned(CatalogSnapshot cat, AcceleratorSpec accelerator, int count, PerformanceEstimate perf,
                                        int inputTokens, int outputTokens, PlanRequest.OwnedInput o,
                                        PlanResponse.EnergyBlock energy) {
        List<String> assumptions = new ArrayList<>();
        Double purchase = o == null ? null : o.usdPurchasePerAccelerator();
        if (purchase == null) {
            Optional<GpuPriceRow> list = cat.gpuPrices().stream()
                    .filter(p -> accelerator.id().equals(p.accelerator()) && p.usdListPrice() != null).findFirst();
            if (list.isEmpty()) {
                return null;
            }
            purchase = list.get().usdListPrice().doubleValue();
            assumptions.add("purchase " + purchase + " USD per accelerator: catalog list price " + list.get().id()
                    + " (" + list.get().sourceUrl() + ")");
        } else {
            assumptions.add("purchase " + purchase + " USD per accelerator (given)");
        }
        double years = value(o == null ? null : o.amortisationYears(), DEFAULT_AMORTISATION_YEARS, "amortisation years", assumptions);
        double capital = value(o == null ? null : o.costOfCapitalFraction(), DEFAULT_COST_OF_CAPITAL, "cost of capital", assumptions);
        double kwh = value(o == null ? null : o.usdPerKWh(), DEFAULT_USD_PER_KWH, "USD per kWh", assumptions);
        double hosting = value(o == null ? null : o.usdHostingPerAcceleratorMonth(), 0, "hosting USD per accelerator-month", assumptions);
        double ops = value(o == null ? null : o.usdOperationsPerMonth(), 0, "operations USD per month", assumptions);
        assumptions.add(String.format(Locale.ROOT, "power: %.4f kWh per hour of facility energy from cost.energy (busy share %.4f, PUE %s)",
                energy.kWhPerHour(), energy.busyShareFraction(), energy.pue()));
        OwnedHardware hw = new OwnedHardware(purchase, years, capital, kwh, hosting, ops);
        double perHour = hw.usdPerHour(count, energy.kWhPerHour());
        return new PlanResponse.OwnedCost(perHour, hw.capitalUsdPerHour(count), hw.powerUsdPerHour(energy.kWhPerHour()),
                hw.overheadUsdPerHour(count), finite(CostModel.usdPerMillionTokens(perHour, perf.outputTokensPerSecond())),
                finite(CostModel.usdPerMillionBlendedTokens(perHour, perf.requestsPerSecond(), inputTokens, outputTokens)),
                CostModel.usdPerMonth(perHour), perHour * HOURS_THREE_YEARS, assumptions);
    }

    private static double value(Double given, double assumed, String name, List<String> assumptions) {
        if (given != null) {
            assumptions.add(name + " " + given + " (given)");
            return given;
        }
        assumptions.add(name + " " + assumed + " (assumed; set pricing.owned to change)");
        return assumed;
    }

    /** The user's catalog price id, else the cheapest catalog price of the requested type, else the cheapest on-demand. */
    static Optional<GpuPriceRow> rentalPrice(CatalogSnapshot cat, String acceleratorId, PlanRequest.PricingInput pricing) {
        if (pricing != null && pricing.gpuPriceId() != null) {
            return cat.gpuPrices().stream().filter(p -> p.id().equals(pricing.gpuPriceId()) && p.usdPerGpuHour() != null).findFirst();
        }
        if (pricing != null && pricing.pricingType() != null) {
            return RentalOptions.cheapestOfType(cat, acceleratorId, pricing.pricingType());
        }
        return cheapestRental(cat, acceleratorId);
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
