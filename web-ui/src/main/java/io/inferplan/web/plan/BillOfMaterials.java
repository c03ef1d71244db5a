package io.inferplan.web.plan;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.plan.evaluate.PlanResponse;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a buyer orders: the accelerators, their power at TDP and, when the plan has a price, the running cost.
 *
 * @param powerWatts      tdpWatts × count (null when the catalog has no TDP)
 * @param usdPerMonth     the plan's cost.usdPerMonth, else usdPerHour × {@value #HOURS_PER_MONTH} h; 2 decimals, half-up
 * @param usdThreeYears   usdPerHour × {@value #HOURS_PER_THREE_YEARS} h, 2 decimals, half-up
 */
public record BillOfMaterials(
        String acceleratorId,
        String acceleratorName,
        String vendor,
        int count,
        Double memoryGBEach,
        Double tdpWattsEach,
        Double powerWatts,
        BigDecimal usdPerHour,
        BigDecimal usdPerMonth,
        BigDecimal usdThreeYears) {

    /** 8760 h / 12: a month of continuous operation. */
    public static final int HOURS_PER_MONTH = 730;
    /** 3 × 8760 h. */
    public static final int HOURS_PER_THREE_YEARS = 26_280;

    public static BillOfMaterials of(AcceleratorRow accelerator, PlanResponse response) {
        int count = response.plan().acceleratorCount();
        Double tdp = accelerator.tdpWatts();
        Double hourly = response.cost() == null ? null : response.cost().usdPerHour();
        BigDecimal perHour = hourly == null ? null : BigDecimal.valueOf(hourly).setScale(4, RoundingMode.HALF_UP);
        return new BillOfMaterials(accelerator.id(), accelerator.name(), accelerator.vendor(), count,
                accelerator.memoryGB(), tdp, tdp == null ? null : tdp * count, perHour,
                perHour == null ? null : response.cost().usdPerMonth() != null
                        ? BigDecimal.valueOf(response.cost().usdPerMonth()).setScale(2, RoundingMode.HALF_UP)
                        : perHour.multiply(BigDecimal.valueOf(HOURS_PER_MONTH)).setScale(2, RoundingMode.HALF_UP),
                perHour == null ? null
                        : perHour.multiply(BigDecimal.valueOf(HOURS_PER_THREE_YEARS)).setScale(2, RoundingMode.HALF_UP));
    }
}
