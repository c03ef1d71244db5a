package io.inferplan.engine.cost;

/**
 * Owning the accelerators: what one hour of a deployment costs when the hardware is bought, powered, hosted
 * and operated. The power bill is the facility energy of {@link io.inferplan.engine.energy.EnergyModel} (idle and
 * busy draw, host power and PUE) times the electricity price.
 *
 * @param usdPurchasePerAccelerator purchase price of one accelerator (with its share of the server), USD
 * @param amortisationYears         years over which the purchase is written off
 * @param costOfCapitalFraction     yearly interest on the capital (0.08 = 8 %)
 * @param usdPerKWh                 electricity price
 * @param usdHostingPerAcceleratorMonth rack space, network, support per accelerator per month
 * @param usdOperationsPerMonth     staff time to run the deployment, per month
 */
public record OwnedHardware(
        double usdPurchasePerAccelerator,
        double amortisationYears,
        double costOfCapitalFraction,
        double usdPerKWh,
        double usdHostingPerAcceleratorMonth,
        double usdOperationsPerMonth) {

    private static final double HOURS_PER_YEAR = 8760.0;

    public OwnedHardware {
        require(usdPurchasePerAccelerator >= 0, "usdPurchasePerAccelerator", "must be >= 0 USD");
        require(amortisationYears > 0 && amortisationYears <= 30, "amortisationYears", "must be in (0, 30] years");
        require(costOfCapitalFraction >= 0 && costOfCapitalFraction <= 1, "costOfCapitalFraction", "must be in [0, 1]");
        require(usdPerKWh >= 0 && usdPerKWh <= 10, "usdPerKWh", "must be between 0 and 10 USD");
        require(usdHostingPerAcceleratorMonth >= 0, "usdHostingPerAcceleratorMonth", "must be >= 0 USD");
        require(usdOperationsPerMonth >= 0, "usdOperationsPerMonth", "must be >= 0 USD");
    }

    /**
     * Capital recovery factor: the yearly payment that repays 1 USD over n years at rate r,
     * r(1+r)^n ÷ ((1+r)^n − 1); 1/n when r = 0.
     */
    public double capitalRecoveryFactor() {
        double r = costOfCapitalFraction;
        double n = amortisationYears;
        if (r == 0) {
            return 1.0 / n;
        }
        double g = Math.pow(1 + r, n);
        return r * g / (g - 1);
    }

    /** Capital per hour: purchase × count × capital recovery factor ÷ 8,760 h. */
    public double capitalUsdPerHour(int acceleratorCount) {
        return usdPurchasePerAccelerator * acceleratorCount * capitalRecoveryFactor() / HOURS_PER_YEAR;
    }

    /** Power per hour: the facility's kWh in one hour (PUE included) × USD/kWh. */
    public double powerUsdPerHour(double facilityKWhPerHour) {
        return facilityKWhPerHour * usdPerKWh;
    }

    /** Hosting and operations per hour: (count × hosting + operations) per month ÷ 730 h. */
    public double overheadUsdPerHour(int acceleratorCount) {
        return (acceleratorCount * usdHostingPerAcceleratorMonth + usdOperationsPerMonth) / CostModel.HOURS_PER_MONTH;
    }

    public double usdPerHour(int acceleratorCount, double facilityKWhPerHour) {
        return capitalUsdPerHour(acceleratorCount) + powerUsdPerHour(facilityKWhPerHour)
                + overheadUsdPerHour(acceleratorCount);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
