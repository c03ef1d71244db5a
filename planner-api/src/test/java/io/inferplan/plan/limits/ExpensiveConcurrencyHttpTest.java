package io.inferplan.plan.limits;

import io.inferplan.common.limits.RequestLimitsFilter;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the expensive routes' concurrency limit reached, the next expensive request is a 503 with Retry-After at once;
 * when the running one ends the slot is free again. A test route holds the slot as long as the test wants, and is
 * added to the expensive routes by configuration, as a new simulation route would be.
 */
@MicronautTest
@Property(name = "spec.name", value = "ExpensiveConcurrencyHttpTest")
@Property(name = "inferplan.limits.expensive-concurrency", value = "1")
@Property(name = "inferplan.limits.expensive-retry-after-seconds", value = "3")
@Property(name = "inferplan.limits.expensive-routes", value = "/test/slow,/api/v1/plans/optimize*,/api/v1/plans/sweep*")
class ExpensiveConcurrencyHttpTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Requires(property = "spec.name", value = "ExpensiveConcurrencyHttpTest")
    @Controller("/test/slow")
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class SlowController {
        @Get
        String slow() throws InterruptedException {
            RELEASE.await(30, TimeUnit.SECONDS);
            return "done";
        }
    }

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    RequestLimitsFilter limits;

    @Test
    void theRequestBeyondTheLimitIsA503WithRetryAfterAndTheSlotComesBack() throws Exception {
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> client.toBlocking().retrieve("/test/slow"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limits.freeExpensiveSlots() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, limits.freeExpensiveSlots(), "the slow request holds the only slot");

        String optimize = "/api/v1/plans/optimize?model=llama-3.1-8b&mode=single-stream&inputTokens=100&outputTokens=10"
                + "&ttftP95Ms=2000&tpotMs=100&accelerators=l4&frameworks=vllm";
        HttpClientResponseException busy = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET(optimize), String.class));
        assertEquals(503, busy.getStatus().getCode());
        assertEquals("3", busy.getResponse().header("Retry-After"));
        assertTrue(busy.getResponse().getBody(String.class).orElseThrow().contains("retry in 3 s"));
        assertEquals(503, assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.GET("/api/v1/plans/sweep?vary=inputTokens&values=100,200&model=llama-3.1-8b&weightFormat=bf16"
                        + "&accelerator=l4&framework=vllm&mode=single-stream&inputTokens=100&outputTokens=10"), String.class))
                .getStatus().getCode());
        // cheap routes are not limited
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET("/api/v1/plans/evaluate?model=llama-3.1-8b&weightFormat=bf16"
                + "&accelerator=l4&framework=vllm&mode=single-stream&inputTokens=100&outputTokens=10"), String.class).getStatus().getCode());

        RELEASE.countDown();
        assertEquals("done", running.get(30, TimeUnit.SECONDS));
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET(optimize), String.class).getStatus().getCode());
        assertEquals(1, limits.freeExpensiveSlots(), "every permit is given back");
    }
}
