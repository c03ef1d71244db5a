package io.inferplan.engine.speed.analytic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueingTest {

    /** Erlang C by hand: c = 1 → ρ; c = 2, a = 1 → 1/3; c = 3, a = 2 → 4/9. */
    @ParameterizedTest
    @CsvSource({"1, 0.5, 0.5", "2, 1.0, 0.3333333333", "3, 2.0, 0.4444444444"})
    void erlangCMatchesHandWorkedValues(int c, double a, double expected) {
        assertEquals(expected, Queueing.erlangC(c, a), 1e-9);
    }

    @Test
    void md1WaitIsPollaczekKhinchine() {
        // λ = 0.5/s, S = 1 s: Wq = λ S² / (2 (1 − ρ)) = 0.5 / 1 = 0.5 s
        assertEquals(0.5, Queueing.md1MeanWaitSeconds(0.5, 1.0), 1e-12);
        assertTrue(Double.isInfinite(Queueing.md1MeanWaitSeconds(1.0, 1.0)));
    }

    @Test
    void mdcWithOneServerIsHalfTheMm1Wait() {
        // M/M/1: Wq = ρ S / (1 − ρ) = 1 s at ρ = 0.5, S = 1 s; Allen–Cunneen with c_s² = 0 halves it = M/D/1 exactly
        assertEquals(0.5, Queueing.mdcMeanWaitSeconds(1, 0.5, 1.0), 1e-12);
    }

    @Test
    void waitQuantileIsZeroWhenFewArrivalsWait() {
        assertEquals(0.0, Queueing.waitQuantileSeconds(0.03, 0.1, 0.95));
        assertTrue(Queueing.waitQuantileSeconds(0.5, 0.1, 0.95) > Queueing.waitQuantileSeconds(0.5, 0.1, 0.5));
    }
}
