package io.inferplan.engine.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FleetMathTest {

    @Test
    void aDailyTokenVolumeIsARequestRate() {
        // 1.08e9 tokens/day of 1000 + 250-token requests: 1.08e9 / 86400 / 1250 = 10 requests/s
        assertEquals(10.0, FleetMath.requestsPerSecondFromTokensPerDay(1.08e9, 1000, 250), 1e-12);
    }

    @ParameterizedTest(name = "peak {0} req/s at {1} req/s per replica -> {2} replicas")
    @CsvSource({"30, 4, 8", "32, 4, 8", "0.1, 4, 1", "33, 4, 9"})
    void replicasRoundUp(double peak, double perReplica, int expected) {
        assertEquals(expected, FleetMath.replicas(peak, perReplica));
    }

    @Test
    void utilisationAtPeakIsPeakOverTheFleetsSaturatedRate() {
        // 30 req/s peak, 8 replicas each saturating at 5 req/s: 30 / 40 = 0.75
        assertEquals(0.75, FleetMath.utilisationAtPeak(30, 8, 5), 1e-12);
        assertEquals(30.0, FleetMath.peakRequestsPerSecond(10, 3), 1e-12);
    }

    @Test
    void bisectionFindsTheThreshold() {
        assertEquals(7.0, FleetMath.largestPassing(x -> x <= 7.0, 100, 1e-6, 100), 1e-4);
        assertEquals(100.0, FleetMath.largestPassing(x -> true, 100, 1e-6, 100), 0);
    }

    @Test
    void paretoFrontDropsDominatedPoints() {
        record P(String n, double cost, double latency) { }
        List<P> front = FleetMath.paretoFront(List.of(new P("a", 1, 50), new P("b", 2, 40), new P("c", 3, 45),
                new P("d", 4, 10), new P("e", 1.5, 60)), P::cost, P::latency);
        assertEquals(List.of("a", "b", "d"), front.stream().map(P::n).toList());
    }

    @Test
    void aThreeWayFrontKeepsWhatIsBestOnAnyAxisAndDropsWhatIsBeatenOnAll() {
        record P(String n, double cost, double latency, double qualityLoss) { }
        // c: cheaper than nothing, faster than nothing, but loses least quality → stays; e beaten by a on all three;
        // f has no published quality → left out
        List<P> front = FleetMath.paretoFront(List.of(new P("a", 1, 50, 2.8), new P("b", 2, 40, 2.8),
                new P("c", 3, 45, 0.1), new P("d", 4, 10, 2.8), new P("e", 1.5, 60, 3.0),
                new P("f", 0.5, 5, Double.NaN)), P::cost, P::latency, P::qualityLoss);
        assertEquals(List.of("a", "b", "c", "d"), front.stream().map(P::n).toList());
    }
}
