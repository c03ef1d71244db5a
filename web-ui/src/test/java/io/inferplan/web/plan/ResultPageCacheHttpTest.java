package io.inferplan.web.plan;

import io.inferplan.web.Fixtures;
import io.inferplan.web.WebClient;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.views.ViewsRendererLocator;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A result page is worked out once per plan inputs and catalog version, and again after a catalog change; its kept
 * HTML carries each browser's own CSRF token and is what rendering the page afresh would give.
 */
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
    @Inject
    EmbeddedServer server;
    @Inject
    ViewsRendererLocator renderers;

    @Test
    void aKeptPageCarriesTheTokenOfTheBrowserThatAsks() {
        String uri = "/plan?" + DEFAULT_QUERY.replace("concurrency=16", "concurrency=7");
        WebClient alice = new WebClient(server.getURL().toString());
        WebClient bob = new WebClient(server.getURL().toString());
        String first = alice.get(uri).body(); // worked out and kept
        String aliceToken = cookieValue(alice);
        assertEquals(aliceToken, WebClient.csrfField(first), "a new browser's page carries the token its cookie got");

        String forBob = bob.get(uri).body(); // the kept page
        String bobToken = cookieValue(bob);
        assertNotEquals(aliceToken, bobToken);
        assertEquals(bobToken, WebClient.csrfField(forBob), "the kept page carries the asker's token, not the first one's");
        assertFalse(forBob.contains(aliceToken), "nothing of the first browser's");
        assertEquals(first.replace(aliceToken, bobToken), forBob, "the same page apart from the token");

        String again = alice.get(uri).body(); // a browser with its cookie asks again: the same token
        assertEquals(aliceToken, WebClient.csrfField(again));
        assertFalse(again.contains(bobToken));
    }

    @Test
    void theKeptHtmlIsWhatRenderingThePageGives() throws IOException {
        WebClient browser = new WebClient(server.getURL().toString());
        String uri = "/plan?" + DEFAULT_QUERY.replace("concurrency=16", "concurrency=9");
        browser.get(uri);
        String kept = browser.get(uri).body();
        String token = cookieValue(browser);
        PlanForm form = PlanForm.fromOrDefaults(HttpRequest.GET(uri).getParameters());
        ResultPage page = cache.get(form, () -> {
            throw new AssertionError("the page is kept");
        }).withCsrfToken(token);
        @SuppressWarnings("unchecked")
        ViewsRenderer<Object, HttpRequest<?>> renderer = (ViewsRenderer<Object, HttpRequest<?>>) renderers
                .resolveViewsRenderer(ResultPageHtml.VIEW, MediaType.TEXT_HTML, page).orElseThrow();
        StringWriter rendered = new StringWriter();
        Writable w = renderer.render(ResultPageHtml.VIEW, page, HttpRequest.GET(uri));
        w.writeTo(rendered);
        assertEquals(rendered.toString(), kept);
    }

    private static String cookieValue(WebClient c) {
        assertNotNull(c.cookie(), "the page set the CSRF cookie");
        return c.cookie().substring(c.cookie().indexOf('=') + 1);
    }

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
