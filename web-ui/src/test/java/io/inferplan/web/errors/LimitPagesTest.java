package io.inferplan.web.errors;

import io.inferplan.common.limits.RequestLimitsFilter;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.inferplan.web.errors.PageClient.BROWSER_ACCEPT;
import static io.inferplan.web.errors.PageClient.assertPage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The limits' refusals (429, 503) are pages for a browser too, with the Retry-After on the page. */
@MicronautTest
@Property(name = "spec.name", value = "LimitPagesTest")
@Property(name = "inferplan.limits.writes-per-minute", value = "1")
@Property(name = "inferplan.limits.write-burst", value = "1")
@Property(name = "inferplan.limits.expensive-concurrency", value = "1")
@Property(name = "inferplan.limits.expensive-routes", value = "/test/slow-page,/optimize")
class LimitPagesTest {

    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Requires(property = "spec.name", value = "LimitPagesTest")
    @Controller("/test/slow-page")
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class SlowController {
        @Get
        String slow() throws InterruptedException {
            RELEASE.await(30, TimeUnit.SECONDS);
            return "done";
        }
    }

    @Inject
    EmbeddedServer server;

    @Inject
    RequestLimitsFilter limits;

    @Test
    void tooManyWritesAndBusyAreReadablePages() throws Exception {
        PageClient pages = new PageClient(server.getURL());
        // the first form post spends the burst (refused for its missing CSRF token, but it was a write); the next is a 429
        assertEquals(403, pages.send("POST", "/saved", BROWSER_ACCEPT, "application/x-www-form-urlencoded", "name=x").statusCode());
        assertPage(pages.send("POST", "/saved", BROWSER_ACCEPT, "application/x-www-form-urlencoded", "name=x"), 429,
                "Too many writes", "Try again in <span>");

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> pages.send("GET", "/test/slow-page", null, null, null).statusCode());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (limits.freeExpensiveSlots() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertPage(pages.send("GET", "/optimize?model=llama-3.1-8b", BROWSER_ACCEPT, null, null), 503, "Busy",
                "Try again in <span>2</span> s.");
        RELEASE.countDown();
        assertEquals(200, running.get(30, TimeUnit.SECONDS));
    }
}
