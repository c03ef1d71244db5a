package io.inferplan.engine.energy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-worked energy of one hour; every expected number is worked out in the comments, not taken from a run. */
class EnergyModelTest {

    /** 8 × A100 80 GB SXM in one DGX A100: idle 61.8 W, busy 400 W, host 3,300 W per node, PUE 1.58. */
    static PowerProfile dgxA100() {
        return new PowerProfile(61.8, 400, 3_300, 8, 1.58);
    }

    @Nested
    class OneHour {

        @Test
        void eightA100sAtSixtyPercentBusy() {
            // accelerator: 61.8 + 0.6 × (400 − 61.8) = 61.8 + 202.92 = 264.72 W; × 8 = 2,117.76 W
            // host: 3,300 W × 1 node; IT = 5,417.76 W; facility = × 1.58 = 8,560.0608 W → 8.5600608 kWh in the hour
            // at 1,000 output tokens/s: 8,560.0608 J/s ÷ 1,000 tokens/s = 8.5600608 J per token
            // = 8.5600608 × 10^6 J ÷ 3.6 × 10^6 J/kWh = 2.37779467 kWh per million output tokens
            EnergyEstimate e = EnergyModel.estimate(dgxA100(), 8, 0.6, 1_000);
            assertEquals(1, e.nodes());
            assertEquals(2_117.76, e.acceleratorWatts(), 1e-9);
            assertEquals(3_300, e.hostWatts(), 1e-9);
            assertEquals(8_560.0608, e.facilityWatts(), 1e-9);
            assertEquals(8.5600608, e.kWhPerHour(), 1e-12);
            assertEquals(8.5600608, e.joulesPerOutputToken(), 1e-12);
            assertEquals(2.37779467, e.kWhPerMillionOutputTokens(), 1e-8);
        }

        @Test
        void carbonOnTheWorldAverageGrid() {
            // 2.37779467 kWh per million × 472.94 gCO2e/kWh = 951.117868 (× 400) + 173.436343 (× 72.94)
            // = 1,124.554211 gCO2e per million output tokens
            assertEquals(1_124.554211, EnergyModel.gCo2ePerMillionTokens(2.37779467, 472.94), 1e-3);
        }
    }

    @ParameterizedTest(name = "{0} accelerators at busy share {1}: {2} W facility")
    @CsvSource({
            // count, busy share, facility W (PUE 1.58, host 3,300 W per 8 accelerators)
            // idle: (61.8 × 8 + 3,300) × 1.58 = 3,794.4 × 1.58 = 5,995.152
            "8, 0.0, 5995.152",
            // busy: (400 × 8 + 3,300) × 1.58 = 6,500 × 1.58 = 10,270 (the DGX A100's rated 6.5 kW at PUE 1.58)
            "8, 1.0, 10270.0",
            // 9 accelerators need 2 nodes: (400 × 9 + 6,600) × 1.58 = 10,200 × 1.58 = 16,116
            "9, 1.0, 16116.0",
            // 1 accelerator still pays one host: (230.9 + 3,300) × 1.58, 61.8 + 0.5 × 338.2 = 230.9 → 5,578.822
            "1, 0.5, 5578.822"
    })
    void facilityPowerFromIdleBusyAndHost(int count, double busy, double facilityWatts) {
        assertEquals(facilityWatts, EnergyModel.estimate(dgxA100(), count, busy, 100).facilityWatts(), 1e-6);
    }

    @Test
    void noTokensGiveNoPerTokenFigure() {
        EnergyEstimate e = EnergyModel.estimate(dgxA100(), 8, 0, 0);
        assertTrue(Double.isNaN(e.joulesPerOutputToken()));
        assertEquals(5.995152, e.kWhPerHour(), 1e-9);
    }

    @Test
    void impossibleInputsNameTheirField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PowerProfile(500, 400, 0, 8, 1.5))
                .getMessage().startsWith("busyWattsPerAccelerator"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PowerProfile(50, 400, 0, 8, 0.9))
                .getMessage().startsWith("pue"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnergyModel.estimate(dgxA100(), 8, 1.2, 10))
                .getMessage().startsWith("busyShareFraction"));
    }
}
