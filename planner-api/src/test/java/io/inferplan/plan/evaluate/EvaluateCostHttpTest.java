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
}
