package io.inferplan.plan.day;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The day plan through the real HTTP server; every expected figure is worked out by hand in the comments. */
@MicronautTest
class DayHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    /** Llama 3.1 8B in BF16 on one H100 SXM with vLLM, requests of 1,000 prompt and 250 output tokens. */
    static Map<String, Object> plan() {
        return new HashMap<>(Map.of("model", "llama-3.1-8b", "weightFormat", "bf16", "accelerator", "h100-sxm",
                "acceleratorCount", 1, "framework", "vllm", "workload", Map.of("inputTokens", 1000, "outputTokens", 250)));
    }

    static Map<String, Object> body(List<Double> hourly, Map<String, Object> autoscaling, Map<String, Object> purchase) {
        Map<String, Object> b = new HashMap<>();
        b.put("plan", plan());
        b.put("slo", Map.of("ttftP95Ms", 2000.0, "tpotP95Ms", 50.0));
        b.put("hourlyRequestsPerSecond", hourly);
        b.put("autoscaling", autoscaling);
        b.put("purchase", purchase);
        return b;
    }

    DayResponse day(Object body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/day", body), DayResponse.class);
    }

    Problem refused(Object body) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/day", body), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    @Nested
    class TwoHoursWithOneScaleUp {
        // 2 then 24 requests/s, 8 per replica: 1 then 3 replicas. One replica saturates near 15 requests/s (3,833 output
        // tokens/s ÷ 250 with the shipped profile): 24 is beyond it, 8 well within the SLO. The weights, 8,030,261,248
        // parameters × 2 bytes = 16,060,522,496 B, come over a 0.05 GB/s link with no storage leg: cold start
        // 16,060,522,496 ÷ 5 × 10^7 = 321.21044992 s. Scale-down delay 300 s. On-demand 2.00 USD per accelerator-hour.
        final double coldStart = 321.21044992;
        DayResponse r;

        @BeforeEach
        void plan() {
            r = day(body(List.of(2.0, 24.0),
                    Map.of("minReplicas", 1, "maxReplicas", 10, "targetRequestsPerSecondPerReplica", 8.0, "storage", "none",
                            "networkGBps", 0.05, "engineStartSeconds", 0.0, "scaleDownDelaySeconds", 300.0),
                    Map.of("onDemandUsdPerGpuHour", 2.0)));
        }

        @Test
        void theColdStartIsTheWeightsOverTheLink() {
            assertEquals(16_060_522_496.0 / (1024.0 * 1024 * 1024), r.plan().weightsGiB(), 1e-9);
            assertNull(r.coldStart().storage());
            assertEquals("given", r.coldStart().network().id());
            assertEquals(coldStart, r.coldStart().networkSeconds(), 1e-6);
            assertEquals(coldStart, r.coldStart().seconds(), 1e-6);
            assertEquals(coldStart, r.autoscaling().scaleUpDelaySeconds(), 1e-6);
        }

        @Test
        void hourZeroDrainsTheTwoReplicasOfHourOne() {
            // the curve repeats: hour 0 starts with 3 serving, 2 drain for 300 s → paid 1 + 2 × 300/3600 = 1.166667
            DayResponse.Hour h = r.hours().get(0);
            assertEquals(1, h.neededReplicas());
            assertEquals(1, h.replicas());
            assertEquals(1 + 2 * 300 / 3600.0, h.paidReplicaHours(), 1e-9);
            assertEquals(1.0, h.sloAttainmentFraction(), 1e-12, "1 replica at 2 requests/s meets the SLO all hour");
            assertEquals(2.0 * (1 + 2 * 300 / 3600.0), h.usd(), 1e-9);
        }

        @Test
        void hourOneMissesTheSloUntilTheNewReplicasHaveLoaded() {
            // for 321.21 s one replica takes 24 requests/s (beyond its capacity), then three take 8 each:
            // attainment 1 − 321.21044992/3600 = 0.910774875; paid 3 replica-hours (the loading ones are paid)
            double saturated = r.plan().saturatedRequestsPerSecondPerReplica();
            assertTrue(saturated > 8 && saturated < 24, "premise: one replica saturates between 8 and 24 requests/s, not at "
                    + saturated);
            DayResponse.Hour h = r.hours().get(1);
            assertEquals(3, h.desiredReplicas());
            assertEquals(3, h.replicas());
            assertEquals(coldStart, h.secondsBelowDesired(), 1e-6);
            assertEquals(1 - coldStart / 3600, h.sloAttainmentFraction(), 1e-9);
            assertEquals(3.0, h.paidReplicaHours(), 1e-9);
            assertEquals(6.0, h.usd(), 1e-9);
            assertEquals(8.0, h.requestsPerSecondPerReplica(), 1e-12);
            assertTrue(h.ttftP95Ms() <= 2000 && h.tpotP95Ms() <= 50, "at 8 requests/s a replica meets the SLO");
        }

        @Test
        void theDayAndTheMonth() {
            // requests weigh the hours: (2 × 1 + 24 × 0.910774875) ÷ 26 = 0.917638346
            assertEquals((2 + 24 * (1 - coldStart / 3600)) / 26, r.day().sloAttainmentFraction(), 1e-9);
            // 2.333333 + 6 = 8.333333 USD a day; the month repeats the 2-hour curve 365 times: 3,041.67 USD
            assertEquals(25.0 / 3, r.day().usd(), 1e-9);
            assertEquals(25.0 / 3 * 365, r.month().usd(), 1e-6);
            // output tokens: (2 + 24) × 3600 × 250 = 23.4 M a day; 8.333333 ÷ 23.4 = 0.356125 USD per million
            assertEquals(23.4e6, r.day().outputTokens(), 1e-3);
            assertEquals(25.0 / 3 / 23.4, r.month().usdPerMillionOutputTokens(), 1e-9);
            assertEquals(3, r.day().peakReplicas());
        }
    }

    @Nested
    class CheapestMix {
        // rates 4, 4, 8, 16 at 4 per replica: needs 1, 1, 2, 4; no cold start or drain; reserved 1.00 and on-demand
        // 2.50 USD per accelerator-hour (one accelerator per replica). A day of 4 h: the month is × 730/4 = 182.5.
        Map<String, Object> body(int reserved) {
            return DayHttpTest.body(List.of(4.0, 4.0, 8.0, 16.0),
                    Map.of("targetRequestsPerSecondPerReplica", 4.0, "scaleUpDelaySeconds", 0.0, "scaleDownDelaySeconds", 0.0,
                            "maxReplicas", 4),
                    Map.of("reservedReplicas", reserved, "reservedUsdPerGpuHour", 1.0, "onDemandUsdPerGpuHour", 2.5));
        }

        @Test
        void twoReservedReplicasAreCheapest() {
            // R = 0: 8 × 2.5 = 20; R = 1: 4 + 4 × 2.5 = 14; R = 2: 8 + 2 × 2.5 = 13; R = 3: 12 + 2.5 = 14.5; R = 4: 16
            DayResponse.CheapestMix m = day(body(0)).cheapestMix();
            assertEquals(2, m.reservedReplicas());
            assertEquals(13 * 182.5, m.usdPerMonth(), 1e-9);
            assertEquals(20 * 182.5, m.allOnDemandUsdPerMonth(), 1e-9);
            assertEquals(7 * 182.5, m.usdSavedPerMonth(), 1e-9);
            assertEquals(0.4, m.breakEvenUtilisationFraction(), 1e-12);
            assertEquals(List.of(1.0, 0.5, 0.25, 0.25), m.replicaUtilisationFractions());
            assertEquals(List.of(20.0, 14.0, 13.0, 14.5, 16.0),
                    m.options().stream().map(o -> o.usdPerMonth() / 182.5).map(v -> Math.round(v * 1e9) / 1e9).toList());
        }

        @Test
        void threeReservedSitIdleFiveReplicaHoursADay() {
            // reserved 3 stay on: floor 3, 3, 3, 4; idle reserved (3 − 1) + (3 − 1) + (3 − 2) + 0 = 5 replica-hours a day
            // cost 12 × 1.0 + 1 × 2.5 = 14.5 a day; month 14.5 × 182.5 = 2,646.25, of which reserved 12 × 182.5
            DayResponse r = day(body(3));
            assertEquals(5.0, r.day().idleReservedReplicaHours(), 1e-9);
            assertEquals(5 * 182.5, r.month().idleReservedReplicaHours(), 1e-9);
            assertEquals(14.5 * 182.5, r.month().usd(), 1e-9);
            assertEquals(12 * 182.5, r.month().usdReserved(), 1e-9);
            assertEquals(2.5 * 182.5, r.month().usdOnDemand(), 1e-9);
            assertEquals(List.of(3, 3, 3, 4), r.hours().stream().map(DayResponse.Hour::replicas).toList());
        }
    }

    @Nested
    class EnergyOfOneHour {
        // one hour at 2 requests/s on one replica; power given: idle 100 W, busy 700 W, no host, PUE 1.5
        Map<String, Object> body(Map<String, Object> energy) {
            Map<String, Object> b = DayHttpTest.body(List.of(2.0), Map.of("targetRequestsPerSecondPerReplica", 4.0),
                    Map.of("onDemandUsdPerGpuHour", 2.0));
            Map<String, Object> p = plan();
            p.put("pricing", Map.of("energy", energy, "gridIntensityGCo2ePerKWh", 400.0));
            b.put("plan", p);
            return b;
        }

        @Test
        void atAGivenOccupancy() {
            // busy share 0.5 given: (100 + 0.5 × 600) W × 1 × 1.5 = 600 W for 1 h = 0.6 kWh; × 400 g/kWh = 240 g
            DayResponse r = day(body(Map.of("idleWattsPerAccelerator", 100.0, "busyWattsPerAccelerator", 700.0,
                    "hostWattsPerNode", 0.0, "pue", 1.5, "busyShareFraction", 0.5)));
            assertEquals(0.6, r.hours().get(0).kWh(), 1e-12);
            assertEquals(240.0, r.hours().get(0).gCo2e(), 1e-9);
            // 2 × 3600 × 250 = 1.8 M output tokens: 0.6 kWh ÷ 1.8 = 0.333333 kWh per million
            assertEquals(0.6 / 1.8, r.month().kWhPerMillionOutputTokens(), 1e-12);
        }

        @Test
        void atTheSimulatedOccupancy() {
            // the hour's busy share b comes from the simulator: (100 + b × 600) × 1.5 ÷ 1000 kWh
            DayResponse r = day(body(Map.of("idleWattsPerAccelerator", 100.0, "busyWattsPerAccelerator", 700.0,
                    "hostWattsPerNode", 0.0, "pue", 1.5)));
            double b = r.hours().get(0).busyFraction();
            assertTrue(b > 0 && b <= 1, "busy share " + b);
            assertEquals((100 + b * 600) * 1.5 / 1000, r.hours().get(0).kWh(), 1e-12);
        }
    }

    @Nested
    class Traffic {
        @Test
        void aCsvOfTimestampsBecomesHourlyMeans() {
            // 1 req/s for 30 min then 3: hour 0 averages 2; 5 from 01:00 on
            Map<String, Object> b = body(List.of(), Map.of("targetRequestsPerSecondPerReplica", 4.0), Map.of("onDemandUsdPerGpuHour", 2.0));
            b.remove("hourlyRequestsPerSecond");
            b.put("trafficCsv", "timestamp,requestsPerSecond\n2026-12-01T00:00:00Z,1\n2026-12-01T00:30:00Z,3\n2026-12-01 01:00,5\n");
            DayResponse r = day(b);
            assertEquals(List.of(2.0, 5.0), r.hours().stream().map(DayResponse.Hour::requestsPerSecond).toList());
            assertEquals(List.of("2026-12-01T00:00", "2026-12-01T01:00"), r.hours().stream().map(DayResponse.Hour::startTime).toList());
            assertEquals(List.of(1, 2), r.hours().stream().map(DayResponse.Hour::neededReplicas).toList());
        }

        @Test
        void theCsvFormHasOneRowPerHour() {
            String csv = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/day.csv", body(List.of(2.0, 12.0, 6.0),
                    Map.of("targetRequestsPerSecondPerReplica", 4.0), Map.of("onDemandUsdPerGpuHour", 2.0))), String.class);
            List<String> lines = List.of(csv.split("\r\n"));
            assertEquals(4, lines.size());
            List<String> header = List.of(lines.get(0).split(","));
            assertEquals("hour", header.get(0));
            assertTrue(header.containsAll(List.of("requestsPerSecond", "replicas", "ttftP95Ms", "sloAttainmentFraction", "usd",
                    "kWh", "month.usd", "month.usdPerMillionOutputTokens", "cheapestMix.reservedReplicas", "coldStart.seconds")));
            int col = header.indexOf("neededReplicas");
            assertEquals(List.of("1", "3", "2"), lines.subList(1, 4).stream().map(l -> l.split(",")[col]).toList());
        }
    }

    @Test
    void eachHoursLatencyIsThePlansWithItsLengthSpreadsAndBurstiness() {
        // the day replaces the plan's mode and rate; the spreads and burstiness stay (they were dropped, so every hour
        // was simulated with fixed lengths and Poisson arrivals)
        Map<String, Object> workload = Map.of("inputTokens", 1000, "outputTokens", 250, "inputTokensSpread", 400,
                "outputTokensSpread", 150, "lengthDistribution", "lognormal", "burstiness", 0.5);
        Map<String, Object> b = body(List.of(6.0), Map.of("targetRequestsPerSecondPerReplica", 8.0), Map.of());
        Map<String, Object> shaped = plan();
        shaped.put("workload", workload);
        b.put("plan", shaped);
        DayResponse.Hour hour = day(b).hours().get(0);
        Map<String, Object> same = plan();
        Map<String, Object> atRate = new HashMap<>(workload);
        atRate.put("mode", "arrival-rate");
        atRate.put("requestsPerSecond", hour.requestsPerSecondPerReplica());
        same.put("workload", atRate);
        io.inferplan.plan.evaluate.PlanResponse p = client.toBlocking().retrieve(
                HttpRequest.POST("/api/v1/plans/evaluate", same), io.inferplan.plan.evaluate.PlanResponse.class);
        assertEquals(p.performance().ttftP95Ms(), hour.ttftP95Ms(), 1e-9);
        assertEquals(p.performance().tpotP95Ms(), hour.tpotP95Ms(), 1e-9);
    }

    @Test
    void scaleToZeroOnADayWithoutTraffic() {
        // no requests and minReplicas 0: no replica runs, nothing is paid, no latency or attainment to report
        DayResponse r = day(body(List.of(0.0, 0.0, 0.0), Map.of("minReplicas", 0, "targetRequestsPerSecondPerReplica", 4.0),
                Map.of("onDemandUsdPerGpuHour", 2.0)));
        assertEquals(List.of(0, 0, 0), r.hours().stream().map(DayResponse.Hour::replicas).toList());
        assertEquals(0.0, r.month().usd(), 0);
        assertEquals(0.0, r.month().kWh(), 0);
        assertNull(r.day().sloAttainmentFraction());
        assertNull(r.hours().get(0).ttftP95Ms());
        assertNull(r.month().usdPerMillionOutputTokens());
    }

    @Nested
    class Refusals {
        Map<String, Object> good() {
            return body(List.of(2.0), Map.of("targetRequestsPerSecondPerReplica", 4.0), Map.of());
        }

        @Test
        void noSloNamesTheField() {
            Map<String, Object> b = good();
            b.remove("slo");
            assertEquals("slo", refused(b).errors().get(0).field());
        }

        @Test
        void aNegativeRateNamesItsHour() {
            Map<String, Object> b = good();
            b.put("hourlyRequestsPerSecond", List.of(1.0, 2.0, -3.0));
            assertEquals("hourlyRequestsPerSecond[2]", refused(b).errors().get(0).field());
        }

        @Test
        void neitherOrBothTrafficForms() {
            Map<String, Object> b = good();
            b.remove("hourlyRequestsPerSecond");
            assertEquals("hourlyRequestsPerSecond", refused(b).errors().get(0).field());
            b.put("hourlyRequestsPerSecond", List.of(1.0));
            b.put("trafficCsv", "timestamp,requestsPerSecond\n2026-12-01T00:00Z,1\n");
            assertEquals("hourlyRequestsPerSecond", refused(b).errors().get(0).field());
        }

        @Test
        void aBadCsvLineIsNamed() {
            Map<String, Object> b = good();
            b.remove("hourlyRequestsPerSecond");
            b.put("trafficCsv", "timestamp,requestsPerSecond\n2026-12-01T00:00Z,1\n2026-12-01T00:10Z,lots\n");
            Problem p = refused(b);
            assertEquals("trafficCsv", p.errors().get(0).field());
            assertTrue(p.errors().get(0).message().contains("line 3"), p.errors().get(0).message());
        }

        @Test
        void anUnknownStorageNamesTheNearestIds() {
            Map<String, Object> b = good();
            b.put("autoscaling", Map.of("storage", "nvme-gen4", "targetRequestsPerSecondPerReplica", 4.0));
            Problem p = refused(b);
            assertEquals("autoscaling.storage", p.errors().get(0).field());
            assertTrue(p.errors().get(0).message().contains("nvme-gen4-u2-pm9a3"), p.errors().get(0).message());
        }

        @Test
        void spotNeedsAnInterruptionRate() {
            Map<String, Object> b = good();
            b.put("purchase", Map.of("spotReplicas", 2));
            assertEquals("purchase.spotInterruptionRatePerHour", refused(b).errors().get(0).field());
        }

        @Test
        void fewerMaxThanMinReplicas() {
            Map<String, Object> b = good();
            b.put("autoscaling", Map.of("minReplicas", 3, "maxReplicas", 2));
            assertEquals("autoscaling.maxReplicas", refused(b).errors().get(0).field());
        }

        @Test
        void aPlanRefusalIsNamedUnderPlan() {
            Map<String, Object> b = good();
            Map<String, Object> p = plan();
            p.put("model", "llama-3.1-8bb");
            b.put("plan", p);
            assertEquals("plan.model", refused(b).errors().get(0).field());
        }
    }
}
