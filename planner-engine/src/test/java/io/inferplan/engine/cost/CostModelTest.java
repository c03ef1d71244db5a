package io.inferplan.engine.cost;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-worked cost cases. */
class CostModelTest {

    @Nested
    class PerMillionTokens {
        @ParameterizedTest(name = "${0}/h at {1} tok/s = ${2} per million")
        @CsvSource({
                // 2 / (1000 × 3600) × 1e6 = 0.5556 (the example)
                "2.00, 1000, 0.5556",
                // 8 × 6.88 = 55.04 $/h at 10,000 tok/s: 55.04 / 3.6e7 × 1e6 = 1.5289
                "55.04, 10000, 1.5289",
                // 1.00 $/h at 100 tok/s: 1 / 360000 × 1e6 = 2.7778
                "1.00, 100, 2.7778"})
        void isTheHourlyPriceOverTheTokensOfAnHour(double usdPerHour, double tokensPerSecond, double expected) {
            assertEquals(expected, CostModel.usdPerMillionTokens(usdPerHour, tokensPerSecond), 5e-5);
        }

        @Test
        void blendedSharesARequestsCostOverItsInputAndOutput() {
            // 2 $/h, 0.5 requests/s: 2/3600/0.5 = $0.0011111 per request of 1000 + 250 tokens = $0.8889 per million
            assertEquals(0.8889, CostModel.usdPerMillionBlendedTokens(2.0, 0.5, 1000, 250), 5e-5);
        }

        @Test
        void anApisBlendedPriceWeighsItsTwoPricesByTheMix() {
            // gpt-4o 2.5 in / 10 out at 1000 in + 250 out: (2500 + 2500) / 1250 = 4.0
            assertEquals(4.0, CostModel.apiUsdPerMillionBlendedTokens(2.5, 10, 1000, 250), 1e-12);
        }

        @Test
        void breakEvenIsTheMonthlyCostOverTheApisPricePerToken() {
            // 2 $/h × 730 h = 1460 $/month; API at 4 $/M -> 1460 / 4 × 1e6 = 365 M tokens per month
            assertEquals(1460.0, CostModel.usdPerMonth(2.0), 1e-9);
            assertEquals(365e6, CostModel.breakEvenTokensPerMonth(1460.0, 4.0), 1e-3);
        }
    }

    @Nested
    class Owned {
        // 8 H100 at 30,000 USD, 4 years, 8 % capital, 0.10 $/kWh, 150 $/accelerator/month hosting,
        // 2,000 $/month operations; the facility draws 5.096 kWh in an hour (8 × 700 W × 0.7 × PUE 1.3).
        final OwnedHardware h100s = new OwnedHardware(30_000, 4, 0.08, 0.10, 150, 2_000);

        @Test
        void capitalRecoveryAtEightPercentOverFourYears() {
            // 0.08 × 1.08^4 / (1.08^4 − 1) = 0.08 × 1.36049 / 0.36049 = 0.301921
            assertEquals(0.301921, h100s.capitalRecoveryFactor(), 1e-6);
        }

        @Test
        void hourlyCostAddsCapitalPowerAndOverheads() {
            double capital = 30_000 * 8 * 0.301921 / 8760;   // 8.2718 $/h
            double power = 8 * 700 * 0.7 * 1.3 / 1000 * 0.10; // 0.5096 $/h
            double overhead = (8 * 150 + 2_000) / 730.0;      // 4.3836 $/h
            assertEquals(8.2718, h100s.capitalUsdPerHour(8), 1e-3);
            assertEquals(0.5096, h100s.powerUsdPerHour(5.096), 1e-9);
            assertEquals(4.3836, h100s.overheadUsdPerHour(8), 1e-4);
            assertEquals(capital + power + overhead, h100s.usdPerHour(8, 5.096), 1e-3);
        }

        @Test
        void zeroInterestIsStraightLine() {
            assertEquals(0.25, new OwnedHardware(1, 4, 0, 0, 0, 0).capitalRecoveryFactor(), 1e-12);
        }

        @Test
        void impossibleInputsNameTheirField() {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new OwnedHardware(1, 4, 0, 11, 0, 0));
            assertTrue(e.getMessage().startsWith("usdPerKWh"));
        }
    }
}
