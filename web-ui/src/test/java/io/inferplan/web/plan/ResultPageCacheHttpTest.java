package io.inferplan.web.plan;

import io.inferplan.web.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A result page is worked out once per plan inputs and catalog version, and again after a catalog change. */
@MicronautTest
class ResultPageCacheHttpTest {

    private static final String TOKEN = "test-admin-token";

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    ResultPageCache cache;
    @Inject
    PlanPages pages;

    @Test
    void theSamePlanIsWorkedOutOnceAndAnotherPlanAgain() {
        PlanForm form = PlanForm.defaults().withConcurrency(3);
        AtomicInteger worked = new AtomicInteger();
        ResultPage first = cache.get(form, () -> {
            worked.incrementAndGet();
            return pages.result(pages.evaluate(form));
        });
        ResultPage again = cache.get(form, () -> {
            worked.incrementAndGet();
            return pages.result(pages.evaluate(form));
        });
        assertSame(first, again);
        assertEquals(1, worked.get());
        PlanForm other = form.withConcurrency(5);
        cache.get(other, () -> {
            worked.incrementAndGet();
            return pages.result(pages.evaluate(other));
        });
        assertEquals(2, worked.get());
    }

    @Test
    void aCatalogChangeShowsOnTheNextPage() {
        String id = "page-gpu-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> gpu = Fixtures.customHopper(id);
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/accelerators", gpu).bearerAuth(TOKEN));
        try {
            String uri = "/plan?" + DEFAULT_QUERY.replace("accelerator=h100-sxm", "accelerator=" + id);
            String before = client.toBlocking().retrieve(uri);
            assertTrue(before.contains("80.00 GiB"), "capacity of the 80 GB accelerator");
            assertFalse(before.contains("96.00 GiB"));

            gpu.put("memoryGB", 96.0);
            client.toBlocking().exchange(HttpRequest.PUT("/api/v1/accelerators/" + id, gpu).bearerAuth(TOKEN));

            String after = client.toBlocking().retrieve(uri);
            assertTrue(after.contains("96.00 GiB"), "the page after the change shows the 96 GB capacity");
        } finally {
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/accelerators/" + id).bearerAuth(TOKEN));
        }
    }
}
