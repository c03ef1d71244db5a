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
import static org.junit.jupiter.api.Assertions.assertNull;
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
                "usdOperationsPerMonth", 2000), "energy", Map.of("idleWattsPerAccelerator", 100, "hostWattsPerNode", 0)));
        PlanResponse.OwnedCost owned = evaluate(body).cost().owned();
        // catalog list price 30,000 USD (gpu-prices.csv purchase row); by hand: capital 30,000 × 8 × 0.301921 / 8760
        // = 8.2718 $/h; power from the energy lens at busy share 0.7 (powerUtilisationFraction), idle 100 W, busy 700 W:
        // (100 + 0.7 × 600) × 8 = 4,160 W, × PUE 1.3 = 5,408 W = 5.408 kWh/h × 0.10 $/kWh = 0.5408 $/h;
        // overheads (8 × 150 + 2000) / 730 = 4.3836 $/h
        assertEquals(8.2718, owned.capitalUsdPerHour(), 1e-3);
        assertEquals(0.5408, owned.powerUsdPerHour(), 1e-9);
        assertEquals(4.3836, owned.overheadUsdPerHour(), 1e-4);
        assertEquals(8.2718 + 0.5408 + 4.3836, owned.usdPerHour(), 2e-3);
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

    /** Looks an option up by its catalog id. */
    private static PlanResponse.RentalOption option(PlanResponse r, String id) {
        return r.cost().rentalOptions().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(id));
    }

    @Test
    void everyCatalogRentalPriceOfTheAcceleratorIsAppliedToTheDeployment() {
        PlanResponse r = evaluate(EvaluateMemoryHttpTest.plan("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm", 2048, 256));
        PlanResponse.CostBlock c = r.cost();
        double tokensPerSecond = r.performance().outputTokensPerSecond();
        // gpu-prices.csv, H100 SXM: CoreWeave spot 2.46375 $/GPU-hour (as of 2026-09-20) is the cheapest spot row.
        // 4 GPUs: 4 × 2.46375 = 9.855 $/h; × 730 h = 7,194.15 $/month; per million output tokens 9.855 ÷ (tokens/s × 3600) × 1e6.
        PlanResponse.RentalOption spot = c.cheapestByPricingType().spot();
        assertEquals("coreweave-h100-sxm-nvidia-hgx-h100-spot", spot.id());
        assertEquals(9.855, spot.usdPerHour(), 1e-9);
        assertEquals(7194.15, spot.usdPerMonth(), 1e-6);
        assertEquals(9.855 / (tokensPerSecond * 3600) * 1e6, spot.usdPerMillionOutputTokens(), 1e-9);
        assertEquals("2026-09-20", spot.asOf());
        assertTrue(spot.sourceUrl().startsWith("https://"));
        assertFalse(spot.chosen());
        // Azure ND96isr H100 v5 on demand at 12.29 $/GPU-hour: 4 × 12.29 = 49.16 $/h.
        assertEquals(49.16, option(r, "azure-h100-sxm-standard_nd96isr_h100_v5-on-demand").usdPerHour(), 1e-9);
        // the cheapest on-demand is the price the block itself uses (Hyperbolic 1.29), marked chosen
        PlanResponse.RentalOption onDemand = c.cheapestByPricingType().onDemand();
        assertEquals(c.gpuPrice().id(), onDemand.id());
        assertTrue(onDemand.chosen());
        assertEquals(c.usdPerMillionBlendedTokens(), onDemand.usdPerMillionBlendedTokens(), 1e-12);
        // blended cost is linear in the hourly price: spot ÷ on-demand = 2.46375 ÷ 1.29
        assertEquals(2.46375 / 1.29, spot.usdPerMillionBlendedTokens() / onDemand.usdPerMillionBlendedTokens(), 1e-9);
        // no reserved H100 SXM row in gpu-prices.csv
        assertNull(c.cheapestByPricingType().reserved());
        for (int i = 1; i < c.rentalOptions().size(); i++) {
            assertTrue(c.rentalOptions().get(i).usdPerGpuHour() >= c.rentalOptions().get(i - 1).usdPerGpuHour(), "cheapest first");
        }
        assertEquals(1, c.rentalOptions().stream().filter(PlanResponse.RentalOption::chosen).count());
    }

    @Test
    void aReservedPriceIsItsOwnLensAndTheSameAsAskingForPricingTypeReserved() {
        Map<String, Object> plan = EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "l40s", 1, "vllm", 1000, 250);
        PlanResponse r = evaluate(plan);
        double tokensPerSecond = r.performance().outputTokensPerSecond();
        // gpu-prices.csv, L40S: AWS g6e.xlarge reserved 1.17243 $/GPU-hour; one GPU: 1.17243 $/h, × 730 = 855.8739 $/month;
        // per million output tokens 1.17243 ÷ (tokens/s × 3600) × 1e6. On demand the cheapest is RunPod at 1.09; no spot row.
        PlanResponse.RentalOption reserved = r.cost().cheapestByPricingType().reserved();
        assertEquals("aws-l40s-g6e.xlarge-reserved-term-unspecified-in-source", reserved.id());
        assertEquals(1.17243, reserved.usdPerHour(), 1e-9);
        assertEquals(855.8739, reserved.usdPerMonth(), 1e-6);
        assertEquals(1.17243 / (tokensPerSecond * 3600) * 1e6, reserved.usdPerMillionOutputTokens(), 1e-9);
        assertEquals(1.09, r.cost().cheapestByPricingType().onDemand().usdPerGpuHour(), 1e-12);
        assertNull(r.cost().cheapestByPricingType().spot());

        Map<String, Object> asked = new java.util.HashMap<>(plan);
        asked.put("pricing", Map.of("pricingType", "reserved"));
        PlanResponse.CostBlock c = evaluate(asked).cost();
        assertEquals(reserved.id(), c.gpuPrice().id());
        assertEquals(reserved.usdPerMillionOutputTokens(), c.usdPerMillionOutputTokens(), 1e-12);
        assertEquals(reserved.usdPerMonth(), c.usdPerMonth(), 1e-9);
        assertTrue(c.cheapestByPricingType().reserved().chosen());
    }

    @Test
    void aUserPriceStillListsTheCatalogsPricesNoneChosen() {
        Map<String, Object> body = new java.util.HashMap<>(EvaluateMemoryHttpTest.plan("llama-3.1-8b", "bf16", null, "l40s", 1,
                "vllm", 1000, 250));
        body.put("pricing", Map.of("usdPerGpuHour", 0.5));
        PlanResponse.CostBlock c = evaluate(body).cost();
        assertEquals(0.5, c.usdPerHour(), 1e-12);
        assertFalse(c.rentalOptions().isEmpty());
        assertTrue(c.rentalOptions().stream().noneMatch(PlanResponse.RentalOption::chosen));
        // RunPod Secure Cloud L40S 1.09 $/GPU-hour × 1 GPU × 730 h = 795.7 $/month
        assertEquals(795.7, option(evaluate(body), "runpod-l40s-secure-cloud-on-demand").usdPerMonth(), 1e-9);
    }
}
