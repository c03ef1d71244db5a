package io.inferplan.plan.day;

import io.inferplan.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hourly means of a step curve of timestamps and rates, worked by hand. */
class TrafficCurveTest {

    @Test
    void eachRateHoldsUntilTheNextTimestamp() {
        // 00:30 → 4 req/s until 01:15, then 8 until the end of hour 1:
        // hour 0 covers only 00:30–01:00 at 4 → 4; hour 1: 15 min at 4 + 45 min at 8 = (900 × 4 + 2700 × 8) ÷ 3600 = 7
        TrafficCurve c = TrafficCurve.csv("""
                # exported from a dashboard
                timestamp,requestsPerSecond
                2026-12-01T00:30:00+01:00,4
                2026-12-01T01:15:00+01:00,8
                """);
        assertArrayEquals(new double[] {4, 7}, c.requestsPerSecond(), 1e-12);
        assertEquals("2026-12-01T00:00", c.startTimes().get(0));
    }

    @Test
    void fiveMinuteSamplesAverageToTheHour() {
        // twelve 5-minute samples 1, 2, …, 12 in hour 0: mean 6.5
        StringBuilder csv = new StringBuilder("timestamp,requestsPerSecond\n");
        for (int i = 0; i < 12; i++) {
            csv.append(String.format("2026-12-01 00:%02d,%d%n", i * 5, i + 1));
        }
        assertArrayEquals(new double[] {6.5}, TrafficCurve.csv(csv.toString()).requestsPerSecond(), 1e-12);
    }

    @Test
    void timestampsMustIncrease() {
        ProblemException e = assertThrows(ProblemException.class, () -> TrafficCurve.csv(
                "timestamp,requestsPerSecond\n2026-12-01T01:00Z,1\n2026-12-01T00:00Z,2\n"));
        assertEquals("trafficCsv", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().contains("line 3"), e.errors().get(0).message());
    }

    @Test
    void atMostAWeek() {
        ProblemException e = assertThrows(ProblemException.class, () -> TrafficCurve.csv(
                "timestamp,requestsPerSecond\n2026-12-01T00:00Z,1\n2026-12-09T00:00Z,2\n"));
        assertTrue(e.errors().get(0).message().contains("at most 168"), e.errors().get(0).message());
    }

    @Test
    void aMissingHeaderIsNamed() {
        ProblemException e = assertThrows(ProblemException.class, () -> TrafficCurve.csv("time,rps\n2026-12-01T00:00Z,1\n"));
        assertTrue(e.errors().get(0).message().contains("timestamp,requestsPerSecond"), e.errors().get(0).message());
    }
}
