package io.inferplan.plan.saved;

import io.inferplan.plan.PlanFixtures;
import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test", transactional = false)
class SavedPlanHttpTest {

    private static final String TOKEN = "test-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    /** Unique per run so reruns against one PostgreSQL database never see each other's plans. */
    private static String uniqueName(String what) {
        return what + " " + UUID.randomUUID();
    }

    private HttpResponse<SavedPlanResponse> create(String name, PlanRequest request) {
        return client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans",
                new SavedPlanInput(name, "for the capacity review", request, null)), SavedPlanResponse.class);
    }

    private List<SavedPlanResponse.Item> list() {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans"), Argument.listOf(SavedPlanResponse.Item.class));
    }

    @Test
    void createGetUpdateDelete() {
        String name = uniqueName("70B on 4 H100");
        HttpResponse<SavedPlanResponse> created = create(name, PlanFixtures.llama70bOn4H100());
        assertEquals(201, created.getStatus().getCode());
        SavedPlanResponse plan = created.body();
        assertEquals("/api/v1/plans/" + plan.id(), created.getHeaders().get("Location"));
        assertEquals("\"1\"", created.getHeaders().get("ETag"));
        assertEquals(1, plan.revision());
        assertEquals(name, plan.name());
        assertEquals(plan.current().catalogVersion(), plan.catalogVersion());

        SavedPlanResponse got = client.toBlocking().retrieve("/api/v1/plans/" + plan.id(), SavedPlanResponse.class);
        assertEquals(PlanFixtures.llama70bOn4H100(), got.request());
        assertEquals("for the capacity review", got.notes());
        assertEquals(plan.createdAt(), got.createdAt());
        assertFalse(got.catalogChanged());
        assertEquals(List.of(), got.changes());
        String raw = client.toBlocking().retrieve("/api/v1/plans/" + plan.id());
        assertTrue(raw.contains("\"catalogChanged\":false") && raw.contains("\"changes\":[]"), raw);
        assertEquals(got.current().memory().weightsGiB(), got.summary().weightsGiB());
        assertEquals(got.current().memory().maxConcurrentRequests(), got.summary().maxConcurrentRequests());
        assertEquals(4, got.summary().acceleratorCount());
        assertTrue(list().stream().anyMatch(i -> i.id() == plan.id() && i.name().equals(name)));

        PlanRequest eight = new PlanRequest("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 8, "vllm",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 32, null, 0), null, null, null);
        SavedPlanResponse updated = client.toBlocking().retrieve(HttpRequest.PUT("/api/v1/plans/" + plan.id(),
                new SavedPlanInput(name + " (8)", null, eight, 1L)), SavedPlanResponse.class);
        assertEquals(2, updated.revision());
        assertEquals(8, updated.summary().acceleratorCount());
        assertEquals(plan.createdAt(), updated.createdAt());
        assertFalse(updated.updatedAt().isBefore(plan.updatedAt()));
        assertNull(updated.notes());

        HttpClientResponseException noToken = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/plans/" + plan.id())));
        assertEquals(401, noToken.getStatus().getCode());
        assertEquals(204, client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/plans/" + plan.id()).bearerAuth(TOKEN))
                .getStatus().getCode());
        HttpClientResponseException gone = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve("/api/v1/plans/" + plan.id()));
        assertEquals(404, gone.getStatus().getCode());
    }

    @Test
    void aStaleRevisionIs409AndChangesNothing() {
        String name = uniqueName("stale");
        SavedPlanResponse plan = create(name, PlanFixtures.llama70bOn4H100()).body();
        // first writer, via If-Match
        SavedPlanResponse first = client.toBlocking().retrieve(HttpRequest.PUT("/api/v1/plans/" + plan.id(),
                new SavedPlanInput(name + " A", null, PlanFixtures.llama70bOn4H100(), null)).header("If-Match", "\"1\""),
                SavedPlanResponse.class);
        assertEquals(2, first.revision());
        // second writer still holds revision 1
        HttpClientResponseException stale = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.PUT("/api/v1/plans/" + plan.id(), new SavedPlanInput(name + " B", null,
                        PlanFixtures.llama70bOn4H100(), 1L))));
        assertEquals(409, stale.getStatus().getCode());
        assertTrue(stale.getResponse().getBody(String.class).orElseThrow().contains("revision 2"));
        SavedPlanResponse now = client.toBlocking().retrieve("/api/v1/plans/" + plan.id(), SavedPlanResponse.class);
        assertEquals(name + " A", now.name());
        assertEquals(2, now.revision());

        HttpClientResponseException missing = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.PUT("/api/v1/plans/" + plan.id(), new SavedPlanInput(name, null,
                        PlanFixtures.llama70bOn4H100(), null))));
        assertEquals(428, missing.getStatus().getCode());
    }

    @Test
    void aPlanThatCannotBeEvaluatedIsRefusedAndNothingIsStored() {
        String name = uniqueName("too long");
        PlanRequest tooLong = new PlanRequest("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                new PlanRequest.WorkloadInput("fixed-concurrency", 200_000, 256, 32, null, 0), null, null, null);
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> create(name, tooLong));
        assertEquals(422, e.getStatus().getCode());
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"request.workload.inputTokens\""));

        HttpClientResponseException noName = assertThrows(HttpClientResponseException.class,
                () -> create("x".repeat(201), PlanFixtures.llama70bOn4H100()));
        assertEquals(400, noName.getStatus().getCode());
        assertTrue(noName.getResponse().getBody(String.class).orElseThrow().contains("at most 200 characters"));

        HttpClientResponseException badModel = assertThrows(HttpClientResponseException.class, () -> create(name,
                new PlanRequest("no-such-model", "fp8", null, "h100-sxm", 4, "vllm",
                        new PlanRequest.WorkloadInput("single-stream", 10, 10, null, null, null), null, null, null)));
        assertTrue(badModel.getStatus().getCode() >= 400 && badModel.getStatus().getCode() < 500);
        assertTrue(list().stream().noneMatch(i -> i.name().equals(name)));
    }

    @Test
    void aSavedPlanSurvivesARestart(@TempDir Path dataDir) {
        Map<String, Object> config = new HashMap<>();
        if (System.getenv("DATASOURCES_DEFAULT_URL") == null) {
            config.put("datasources.default.url", "jdbc:h2:file:" + dataDir.resolve("plans")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        String name = uniqueName("restart");
        long id;
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, config, "test");
             HttpClient c = HttpClient.create(first.getURL())) {
            id = c.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans",
                    new SavedPlanInput(name, null, PlanFixtures.llama70bOn4H100(), null)), SavedPlanResponse.class).id();
        }
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, config, "test");
             HttpClient c = HttpClient.create(second.getURL())) {
            SavedPlanResponse p = c.toBlocking().retrieve("/api/v1/plans/" + id, SavedPlanResponse.class);
            assertEquals(name, p.name());
            assertEquals(PlanFixtures.llama70bOn4H100(), p.request());
            assertEquals(1, p.revision());
            assertFalse(p.catalogChanged());
        }
    }

    @Test
    void anUnknownOrMalformedIdIsAProblemNotA500() {
        HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve("/api/v1/plans/987654321987"));
        assertEquals(404, unknown.getStatus().getCode());
        // /plans/{id} only takes digits: any other name is an unknown path, a 404 problem (CsvRoutingHttpTest)
        HttpClientResponseException malformed = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve("/api/v1/plans/abc"));
        assertEquals(404, malformed.getStatus().getCode());
    }

    @Test
    void changesListTheKeyNumbersThatDiffer() {
        PlanSummary before = new PlanSummary(4, 65.0, 163840, 0.35, 73.0, true, 606, null, null, null, null, null, 1.25);
        PlanSummary after = new PlanSummary(4, 65.0, 163840, 0.35, 73.0, true, 600, 120.5, null, null, null, null, 1.25);
        assertEquals(List.of(new SavedPlanResponse.Change("maxConcurrentRequests", "606", "600"),
                new SavedPlanResponse.Change("ttftMs", "", "120.5")), SavedPlanService.changes(before, after));
    }

    @Test
    void thePricingOverridesAreSavedWithThePlanAndUsedWhenItIsReEvaluated() {
        PlanRequest.PricingInput pricing = new PlanRequest.PricingInput(2.0, null, null,
                new PlanRequest.OwnedInput(20_000.0, 4.0, null, null, null, 0.10, null, null), null);
        PlanRequest base = PlanFixtures.llama70bOn4H100();
        PlanRequest priced = new PlanRequest(base.model(), base.weightFormat(), base.kvCacheFormat(), base.accelerator(),
                base.acceleratorCount(), base.framework(), base.workload(), base.serving(), base.parallelism(),
                base.calibrationProfile(), pricing);
        long id = create(uniqueName("priced 70B"), priced).body().id();

        SavedPlanResponse got = client.toBlocking().retrieve("/api/v1/plans/" + id, SavedPlanResponse.class);
        assertEquals(pricing, got.request().pricing());
        // the fresh evaluation uses the user's 2.00 $/GPU-hour: 4 GPUs × 2.00 = 8.00 $/h, × 730 h = 5,840 $/month
        assertEquals("user", got.current().cost().gpuPrice().id());
        assertEquals(8.0, got.current().cost().usdPerHour(), 1e-12);
        assertEquals(5840.0, got.current().cost().usdPerMonth(), 1e-9);
        // owned: 20,000 $ × 4 GPUs over 4 years at the assumed 8 % cost of capital (recovery factor
        // 0.08 × 1.08^4 ÷ (1.08^4 − 1) = 0.301921 per year) = 80,000 × 0.301921 ÷ 8760 h = 2.7573 $/h
        assertEquals(2.7573, got.current().cost().owned().capitalUsdPerHour(), 1e-4);
        assertTrue(got.current().cost().owned().assumptions().contains("purchase 20000.0 USD per accelerator (given)"),
                got.current().cost().owned().assumptions().toString());
        assertTrue(got.current().cost().owned().assumptions().contains("USD per kWh 0.1 (given)"),
                got.current().cost().owned().assumptions().toString());
    }
}
