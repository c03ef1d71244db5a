package io.inferplan.plan.limits;

import io.inferplan.plan.PlanFixtures;
import io.inferplan.plan.saved.SavedPlanInput;
import io.inferplan.plan.saved.SavedPlanResponse;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client's writes beyond its rate are a 429 with Retry-After and store nothing; computations are not writes. */
@MicronautTest(transactional = false)
@Property(name = "inferplan.limits.writes-per-minute", value = "6")
@Property(name = "inferplan.limits.write-burst", value = "3")
class WriteRateLimitHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void theFourthWriteInABurstOfThreeIsA429() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertEquals(201, client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans",
                    new SavedPlanInput("rate " + run + " " + i, null, PlanFixtures.llama70bOn4H100(), null))).getStatus().getCode());
        }
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/plans", new SavedPlanInput("rate " + run + " 3", null, PlanFixtures.llama70bOn4H100(), null))));
        assertEquals(429, e.getStatus().getCode());
        long retryAfter = Long.parseLong(e.getResponse().header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "one write every 10 s at 6 a minute: " + retryAfter);
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("6 writes a minute"));
        assertFalse(client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans"), Argument.listOf(SavedPlanResponse.Item.class))
                .stream().anyMatch(p -> p.name().equals("rate " + run + " 3")), "the refused write stored nothing");

        // evaluating is not a write: the same client may go on computing
        for (int i = 0; i < 10; i++) {
            assertEquals(200, client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans/evaluate",
                    PlanFixtures.llama70bOn4H100())).getStatus().getCode());
        }
    }
}
