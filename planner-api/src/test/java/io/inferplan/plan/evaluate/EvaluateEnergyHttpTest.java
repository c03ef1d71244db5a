package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Energy, carbon and billed API prices in the evaluate answer, against catalog figures worked by hand. */
@MicronautTest
class EvaluateEnergyHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private PlanResponse evaluate(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    /** 8 × A100 80 GB SXM (one DGX A100), Llama 3.1 8B BF16, vLLM. */
    static Map<String, Object> a100s(Map<String, Object> workload) {
        Map<String, Object> body = new HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "a100-80gb-sxm", 8,
                "vllm", 1000, 250));
        body.put("workload", workload);
        return body;
    }

    @Nested
    class Energy {

        @Test
        void aSaturatedDgxA100DrawsItsBusyPowerTimesPue() {
            PlanResponse r = evaluate(a100s(Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 250)));
            PlanResponse.EnergyBlock e = r.cost().energy();
            // busy share 1; busy 400 W (TDP) × 8 + host 3,300 W (DGX A100: 6.5 kW rated − 8 × 400 W) = 6,500 W;
            // × PUE 1.58 (Uptime 2023) = 10,270 W → 10.27 kWh in an hour
            assertEquals(1.0, e.busyShareFraction(), 0);
            assertEquals(61.8, e.idleWattsPerAccelerator(), 0);
            assertEquals(400, e.busyWattsPerAccelerator(), 0);
            assertEquals(3_300, e.hostWattsPerNode(), 0);
            assertEquals(1, e.nodes());
            assertEquals(10_270, e.facilityWatts(), 1e-9);
            assertEquals(10.27, e.kWhPerHour(), 1e-12);
            double tokensPerSecond = r.performance().outputTokensPerSecond();
            assertEquals(10_270 / tokensPerSecond, e.joulesPerOutputToken(), 1e-9);
            assertEquals(10_270 / tokensPerSecond / 3.6, e.kWhPerMillionOutputTokens(), 1e-9);
            // world average 472.94 gCO2e/kWh (Ember 2024)
            PlanResponse.CarbonBlock c = r.cost().carbon();
            assertEquals("world", c.gridRegion());
            assertEquals(472.94, c.gridIntensityGCo2ePerKWh(), 0);
            assertEquals(10_270 / tokensPerSecond / 3.6 * 472.94, c.gCo2ePerMillionOutputTokens(), 1e-6);
            assertEquals(10.27 * 472.94, c.gCo2ePerHour(), 1e-9);
            assertTrue(e.assumptions().stream().anyMatch(a -> a.startsWith("busy share 1")));
        }

        @Test
        void atAnArrivalRateTheBusyShareIsTheSimulatedStepOccupancy() {
            PlanResponse r = evaluate(a100s(Map.of("mode", "arrival-rate", "inputTokens", 1000, "outputTokens", 250,
                    "requestsPerSecond", 2.0)));
            // the simulator's share of time the replica ran steps (since 145fecd), not the rate ÷ capacity
            double u = r.performance().simulation().busyFraction();
            assertTrue(u > 0 && u <= 1, "step occupancy " + u);
            PlanResponse.EnergyBlock e = r.cost().energy();
            assertEquals(u, e.busyShareFraction(), 1e-12);
            // ((61.8 + u × (400 − 61.8)) × 8 + 3,300) × 1.58; delivered 2 req/s × 250 = 500 output tokens/s
            double watts = ((61.8 + u * 338.2) * 8 + 3_300) * 1.58;
            assertEquals(watts, e.facilityWatts(), 1e-9);
            assertEquals(watts / 500, e.joulesPerOutputToken(), 1e-9);
        }

        @Test
        void aGivenGridAndRegionChangeOnlyTheCarbon() {
            Map<String, Object> body = a100s(Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 250));
            body.put("pricing", Map.of("gridRegion", "fra"));
            PlanResponse france = evaluate(body);
            assertEquals(44.18, france.cost().carbon().gridIntensityGCo2ePerKWh(), 0);
            assertEquals("France", france.cost().carbon().gridName());
            assertEquals(france.cost().energy().kWhPerMillionOutputTokens() * 44.18,
                    france.cost().carbon().gCo2ePerMillionOutputTokens(), 1e-9);
            body.put("pricing", Map.of("gridIntensityGCo2ePerKWh", 100.0, "energy", Map.of("pue", 1.1)));
            PlanResponse given = evaluate(body);
            assertEquals("user", given.cost().carbon().gridRegion());
            // (400 × 8 + 3,300) × 1.1 = 7,150 W
            assertEquals(7_150, given.cost().energy().facilityWatts(), 1e-9);
        }

        @Test
        void anAcceleratorWithoutAMeasuredIdleDrawUsesItsBusyDrawAndSaysSo() {
            Map<String, Object> body = new HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1,
                    "vllm", 1000, 250));
            PlanResponse.EnergyBlock e = evaluate(body).cost().energy();
            assertEquals(700, e.idleWattsPerAccelerator(), 0);
            // one H100 in a DGX H100 still pays its host: (700 + 4,600) × 1.58 = 8,374 W
            assertEquals(8_374, e.facilityWatts(), 1e-9);
            assertTrue(e.assumptions().stream().anyMatch(a -> a.startsWith("no published idle draw for h100-sxm")));
        }

        @Test
        void anUnknownRegionIsRefusedWithTheNearestIds() {
            Map<String, Object> body = a100s(Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 250));
            body.put("pricing", Map.of("gridRegion", "gcp-us-central9"));
            HttpClientResponseException ex = assertThrows(HttpClientResponseException.class, () -> evaluate(body));
            assertEquals(400, ex.getStatus().getCode());
            Problem p = ex.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals("pricing.gridRegion", p.errors().get(0).field());
            assertTrue(p.errors().get(0).message().contains("gcp-us-central1"), p.errors().get(0).message());
        }

        @Test
        void theCsvCarriesTheContractColumns() {
            String q = "/api/v1/plans/evaluate.csv?model=llama-3.1-8b&weightFormat=bf16&accelerator=a100-80gb-sxm&acceleratorCount=8"
                    + "&framework=vllm&mode=max-throughput&inputTokens=1000&outputTokens=250&gridRegion=deu";
            List<org.apache.commons.csv.CSVRecord> records = parse(client.toBlocking().retrieve(q));
            List<String> header = records.get(0).toList();
            List<String> cells = records.get(1).toList();
            String[] row = cells.toArray(new String[0]);
            PlanResponse json = client.toBlocking().retrieve(q.replace("evaluate.csv", "evaluate"), PlanResponse.class);
            assertEquals(json.cost().energy().kWhPerMillionOutputTokens(),
                    Double.parseDouble(row[header.indexOf("cost.energy.kWhPerMillionOutputTokens")]), 1e-9);
            assertEquals(json.cost().energy().joulesPerOutputToken(),
                    Double.parseDouble(row[header.indexOf("cost.energy.joulesPerOutputToken")]), 1e-9);
            assertEquals(json.cost().carbon().gCo2ePerMillionOutputTokens(),
                    Double.parseDouble(row[header.indexOf("cost.carbon.gCo2ePerMillionOutputTokens")]), 1e-9);
            assertEquals("deu", row[header.indexOf("cost.carbon.gridRegion")]);
        }
    }

    static List<org.apache.commons.csv.CSVRecord> parse(String csv) {
        try (var parser = org.apache.commons.csv.CSVParser.builder().setReader(new java.io.StringReader(csv))
                .setFormat(org.apache.commons.csv.CSVFormat.RFC4180).get()) {
            return parser.getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Nested
    class BilledApiPrices {

        /** Llama 3.1 8B, RAG-like: 10,000 prompt tokens of which 9,000 a shared prefix, compared with Claude Sonnet 4. */
        Map<String, Object> rag(boolean batch) {
            Map<String, Object> body = new HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1,
                    "vllm", 10_000, 500));
            Map<String, Object> w = new HashMap<>(Map.of("mode", "fixed-concurrency", "inputTokens", 10_000, "outputTokens", 500,
                    "concurrency", 4, "sharedPrefixTokens", 9_000));
            w.put("batch", batch);
            body.put("workload", w);
            body.put("pricing", Map.of("apiPrices", List.of("anthropic-claude-sonnet-4-claude-sonnet-4.5-200k")));
            return body;
        }

        PlanResponse.ApiComparison sonnet(PlanResponse r) {
            return r.cost().apiComparison().stream().filter(a -> a.id().equals("anthropic-claude-sonnet-4-claude-sonnet-4.5-200k"))
                    .findFirst().orElseThrow();
        }

        @Test
        void aNinetyPercentSharedPrefixIsBilledAtTheCachedPrice() {
            PlanResponse r = evaluate(rag(false));
            PlanResponse.ApiComparison a = sonnet(r);
            // cache-hit share = 9,000 ÷ 10,000 = 0.9; input 0.1 × $3 + 0.9 × $0.30 = $0.57;
            // blended (10,000 × 0.57 + 500 × 15) ÷ 10,500 = $1.257142857 (list: 37,500 ÷ 10,500 = $3.571428571)
            assertEquals(0.9, a.billing().cacheHitFraction(), 1e-12);
            assertEquals(0.57, a.billing().effectiveUsdPerMillionInputTokens(), 1e-12);
            assertEquals(1.257142857, a.usdPerMillionBlendedTokens(), 1e-9);
            assertEquals(3.571428571, a.listUsdPerMillionBlendedTokens(), 1e-9);
            assertEquals(3.0, a.usdPerMillionInputTokens(), 0);
            assertTrue(a.billing().applied().get(0).startsWith("prompt cache: 90.0 %"));
            // break-even recomputed on the billed price
            double billed = (10_000 * 0.57 + 500 * 15.0) / 10_500;
            assertEquals(r.cost().usdPerMonth() / billed * 1e6, a.breakEvenTokensPerMonth(), 1e-3);
            assertEquals(r.cost().usdPerMillionBlendedTokens() / billed, a.costRatio(), 1e-9);
            assertEquals(ApiComparisons.NO_ENERGY, a.energyNote());
            assertNull(a.gCo2ePerMillionOutputTokens());
        }

        @Test
        void batchHalvesTheBill() {
            PlanResponse.ApiComparison a = sonnet(evaluate(rag(true)));
            // (10,000 × 0.285 + 500 × 7.5) ÷ 10,500 = $0.628571429
            assertEquals(0.628571429, a.usdPerMillionBlendedTokens(), 1e-9);
            assertTrue(a.billing().batch());
        }

        @Test
        void anApiWithoutACachedPriceSaysItWasNotApplied() {
            PlanResponse r = evaluate(rag(false));
            PlanResponse.ApiComparison together = r.cost().apiComparison().stream()
                    .filter(a -> a.provider().equals("Together AI")).findFirst().orElseThrow();
            assertEquals(0.18, together.usdPerMillionBlendedTokens(), 1e-12);
            assertTrue(together.billing().notApplied().get(0).startsWith("prompt cache: no cached-input price"));
        }

        @Test
        void aPublishedProviderCarbonFigureIsCarried() {
            Map<String, Object> body = rag(false);
            body.put("pricing", Map.of("apiPrices", List.of("mistral-mistral-large-latest-large-24.11")));
            PlanResponse.ApiComparison m = evaluate(body).cost().apiComparison().stream()
                    .filter(a -> a.provider().equals("Mistral")).findFirst().orElseThrow();
            // 1.14 gCO2e per 400-token response = 2,850 g per million output tokens; no kWh published
            assertEquals(2_850, m.gCo2ePerMillionOutputTokens(), 0);
            assertNull(m.kWhPerMillionOutputTokens());
            assertTrue(m.energyNote().contains("400-token"));
        }
    }
}
