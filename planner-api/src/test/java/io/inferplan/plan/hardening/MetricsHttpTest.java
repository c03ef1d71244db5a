package io.inferplan.plan.hardening;

import io.inferplan.plan.PlanFixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus metrics: plans evaluated, optimizer time, request latency per endpoint; health and readiness. */
@MicronautTest
class MetricsHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private double evaluatedSoFar() {
        Matcher m = Pattern.compile("(?m)^inferplan_plans_evaluated_total(?:\\{[^}]*})? ([0-9.eE+]+)$")
                .matcher(client.toBlocking().retrieve("/prometheus"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void evaluationsAreCountedAndRequestLatencyIsPerEndpoint() {
        double before = evaluatedSoFar();
        client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", PlanFixtures.SMALL_PLAN_JSON));
        client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", PlanFixtures.SMALL_PLAN_JSON));
        assertEquals(before + 2, evaluatedSoFar(), 1e-9);
        client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/optimize", "{\"model\":\"llama-3.1-8b\","
                + "\"accelerators\":[\"l4\"],\"frameworks\":[\"vllm\"],\"workload\":{\"mode\":\"single-stream\","
                + "\"inputTokens\":100,\"outputTokens\":10}}"));
        String scrape = client.toBlocking().retrieve("/prometheus");
        assertTrue(scrape.contains("http_server_requests_seconds_count{") && scrape.contains("uri=\"/api/v1/plans/evaluate\""),
                "per-endpoint latency");
        assertTrue(Pattern.compile("(?m)^inferplan_optimizer_search_seconds_count(\\{[^}]*})? [1-9]").matcher(scrape).find(), "optimizer timed");
    }

    @Test
    void healthAndReadinessAnswer() {
        assertTrue(client.toBlocking().retrieve("/health/liveness").contains("UP"));
        assertTrue(client.toBlocking().retrieve("/health/readiness").contains("UP"));
    }
}
