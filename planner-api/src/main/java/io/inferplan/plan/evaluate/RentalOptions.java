package io.inferplan.plan.evaluate;

import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.engine.cost.CostModel;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rented lens at every catalog price of an accelerator (on-demand, reserved, spot, per provider): catalog
 * rows in, {@link CostModel} formulas applied, nothing computed here. Used by evaluate's cost block and by fleet
 * sizing.
 */
public final class RentalOptions {

    private RentalOptions() {
    }

    /** What one deployment costs rented at one accelerator-hour price. */
    record Rented(double usdPerHour, @Nullable Double usdPerMillionOutputTokens, @Nullable Double usdPerMillionBlendedTokens,
                  double usdPerMonth) {
    }

    /**
     * @param outputTokensPerSecond output tokens the whole deployment serves per second
     * @param requestsPerSecond     requests it completes per second
     */
    static Rented rented(double usdPerGpuHour, int acceleratorCount, double outputTokensPerSecond, double requestsPerSecond,
                         int inputTokens, int outputTokens) {
        double usdPerHour = CostModel.rentedUsdPerHour(usdPerGpuHour, acceleratorCount);
        return new Rented(usdPerHour, finite(CostModel.usdPerMillionTokens(usdPerHour, outputTokensPerSecond)),
                finite(CostModel.usdPerMillionBlendedTokens(usdPerHour, requestsPerSecond, inputTokens, outputTokens)),
                CostModel.usdPerMonth(usdPerHour));
    }

    /**
     * Every catalog rental price of {@code acceleratorId}, cheapest first, applied to a deployment of
     * {@code acceleratorCount} accelerators serving {@code outputTokensPerSecond} and {@code requestsPerSecond}.
     *
     * @param chosenId the catalog price id behind the caller's own figures (marked {@code chosen}); null for none
     */
    public static List<PlanResponse.RentalOption> of(CatalogSnapshot cat, String acceleratorId, int acceleratorCount,
                                                     double outputTokensPerSecond, double requestsPerSecond,
                                                     int inputTokens, int outputTokens, @Nullable String chosenId) {
        return cat.rentalPrices(acceleratorId).stream().map(p -> {
            double perGpuHour = p.usdPerGpuHour().doubleValue();
            Rented r = rented(perGpuHour, acceleratorCount, outputTokensPerSecond, requestsPerSecond, inputTokens, outputTokens);
            return new PlanResponse.RentalOption(p.id(), p.provider(), p.instance(), p.pricingType(), perGpuHour,
                    r.usdPerHour(), r.usdPerMillionOutputTokens(), r.usdPerMillionBlendedTokens(), r.usdPerMonth(),
                    p.asOf() == null ? null : p.asOf().toString(), p.sourceUrl(), p.id().equals(chosenId));
        }).toList();
    }

    /** The first (cheapest) option of each pricing type, matched as {@code pricing.pricingType} matches. */
    public static PlanResponse.CheapestByPricingType cheapest(List<PlanResponse.RentalOption> options) {
        return new PlanResponse.CheapestByPricingType(first(options, "on-demand"), first(options, "reserved"),
                first(options, "spot"));
    }

    /** The cheapest catalog price whose pricing type is of {@code type} (on-demand, reserved, spot, …). */
    public static Optional<GpuPriceRow> cheapestOfType(CatalogSnapshot cat, String acceleratorId, String type) {
        return cat.rentalPrices(acceleratorId).stream().filter(p -> isOfType(p.pricingType(), type)).findFirst();
    }

    /**
     * Whether a catalog pricing type (free text such as {@code "reserved (term unspecified in source)"} or
     * {@code "marketplace (on-demand)"}) is of {@code type}: it contains the word, case aside.
     */
    static boolean isOfType(String catalogPricingType, String type) {
        return catalogPricingType.toLowerCase(Locale.ROOT).contains(type.toLowerCase(Locale.ROOT));
    }

    private static PlanResponse.RentalOption first(List<PlanResponse.RentalOption> options, String type) {
        return options.stream().filter(o -> isOfType(o.pricingType(), type)).findFirst().orElse(null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
