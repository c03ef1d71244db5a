package io.inferplan.plan.evaluate;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cost block against the catalog's prices, worked by hand. */
@MicronautTest
class EvaluateCostHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private PlanResponse evaluate(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    @Test
    void fourH100sAtTheCheapestOnDemandCatalogPrice() {
        PlanResponse r = evaluate(EvaluateMemoryHttpTest.plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm", 2048, 256));
        PlanResponse.CostBlock c = r.cost();
        // gpu-prices.csv: the cheapest on-demand H100 SXM row is Hyperbolic at 1.29 $/GPU-hour -> 4 x 1.29 = 5.16 $/h.
        assertEquals("hyperbolic-h100-sxm-1x-h100-75-722-on-demand", c.gpuPrice().id());
        assertEquals(5.16, c.usdPerHour(), 1e-9);
        assertEquals(5.16 * 730, c.usdPerMonth(), 1e-9);
        double tokensPerHour = r.performance().outputTokensPerSecond() * 3600;
        assertEquals(5.16 / tokensPerHour * 1e6, c.usdPerMillionOutputTokens(), 1e-9);
    }

    @Test
    void theSameModelHostedByApiProvidersIsCompared() {
        PlanResponse r = evaluate(EvaluateMemoryHttpTest.plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm", 2048, 256));
        assertFalse(r.cost().apiComparison().isEmpty());
        PlanResponse.ApiComparison together = r.cost().apiComparison().stream()
                .filter(a -> a.provider().equals("Together AI")).findFirst().orElseThrow();
        // api-prices.csv: Together AI Meta-Llama-3.1-70B-Instruct-Turbo 0.88 in / 0.88 out -> blended 0.88 for any mix.
        assertEquals(0.88, together.usdPerMillionBlendedTokens(), 1e-9);
        assertNotNull(together.costRatio());
        assertTrue(together.sourceUrl().startsWith("https://"));
        // break-even: monthly cost / blended API price per token
        assertEquals(5.16 * 730 / 0.88 * 1e6, together.breakEvenTokensPerMonth(), 1e-3);
    }

    @Test
    void aUserPriceReplacesTheCatalogs() {
        Map<String, Object> body = new java.util.HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1,
                "vllm", 1000, 250));
        body.put("pricing", Map.of("usdPerGpuHour", 2.0));
        PlanResponse r = evaluate(body);
        assertEquals("user", r.cost().gpuPrice().id());
        assertEquals(2.0, r.cost().usdPerHour(), 1e-12);
        // $2.00/h ÷ (tokens/s × 3600) × 1e6
        assertEquals(2.0 / (r.performance().outputTokensPerSecond() * 3600) * 1e6, r.cost().usdPerMillionOutputTokens(), 1e-9);
    }

    @Test
    void theOwnedLensAddsCapitalPowerAndOverheads() {
        Map<String, Object> body = new java.util.HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "h100-sxm", 8,
                "vllm", 1000, 250));
        body.put("pricing", Map.of("owned", Map.of("amortisationYears", 4, "costOfCapitalFraction", 0.08,
                "powerUtilisationFraction", 0.7, "pue", 1.3, "usdPerKWh", 0.10, "usdHostingPerAcceleratorMonth", 150,
                "usdOperationsPerMonth", 2000)));
        PlanResponse.OwnedCost owned = evaluate(body).cost().owned();
        // catalog list price 30,000 USD (gpu-prices.csv purchase row); by hand: capital 30,000 × 8 × 0.301921 / 8760
        // = 8.2718 $/h, power 8 × 700 W × 0.7 × 1.3 / 1000 × 0.10 = 0.5096 $/h, overheads (8 × 150 + 2000) / 730 = 4.3836 $/h
        assertEquals(8.2718, owned.capitalUsdPerHour(), 1e-3);
        assertEquals(0.5096, owned.powerUsdPerHour(), 1e-9);
        assertEquals(4.3836, owned.overheadUsdPerHour(), 1e-4);
        assertEquals(8.2718 + 0.5096 + 4.3836, owned.usdPerHour(), 2e-3);
        assertTrue(owned.assumptions().get(0).contains("catalog list price"));
    }

    @Test
    void aGpuPriceOfAnotherAcceleratorIsRefused() {
        Map<String, Object> body = new java.util.HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1,
                "vllm", 1000, 250));
        body.put("pricing", Map.of("gpuPriceId", "runpod-rtx-4090-secure-cloud-on-demand"));
        io.micronaut.http.client.exceptions.HttpClientResponseException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.micronaut.http.client.exceptions.HttpClientResponseException.class, () -> evaluate(body));
        assertEquals(400, e.getStatus().getCode());
    }
}
