package io.inferplan.web.errors;

import io.inferplan.web.common.Nav;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A browser (Accept: text/html) gets refusals as pages in the site's layout with the same detail and fields; an
 * API client keeps problem+json. A template that fails is a 500 page at once, not a hanging request.
 */
@MicronautTest
@Property(name = "spec.name", value = "ErrorPagesTest")
class ErrorPagesTest {

    /** A page whose template fails while it is written. */
    @Requires(property = "spec.name", value = "ErrorPagesTest")
    @Controller("/test/broken")
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class BrokenPageController {
        @Get(produces = MediaType.TEXT_HTML)
        ModelAndView<Map<String, Object>> broken() {
            return new ModelAndView<>("test-broken", Map.of("nav", Nav.at(""), "page", "a string has no noSuchMethod()"));
        }
    }

    @Inject
    EmbeddedServer server;

    private PageClient client() {
        return new PageClient(server.getURL());
    }

    @Test
    void aWrongAddressIsAPageForABrowserAndProblemJsonForAnApiClient() {
        PageClient.assertPage(client().send("GET", "/optimizer", PageClient.BROWSER_ACCEPT, null, null), 404, "<h1>Not Found</h1>");
        HttpResponse<String> api = client().send("GET", "/optimizer", "application/json", null, null);
        assertEquals(404, api.statusCode());
        assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, client().send("GET", "/optimizer", null, null, null).statusCode());
        assertTrue(client().send("GET", "/optimizer", null, null, null).headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/problem+json"), "no Accept: problem+json");
    }

    @Test
    void badRequestsNameTheirFieldsOnThePage() {
        String evaluate = "/api/v1/plans/evaluate?model=llama-3.1-8b&weightFormat=bf16&accelerator=l4&framework=vllm"
                + "&mode=single-stream&outputTokens=10";
        PageClient.assertPage(client().send("GET", evaluate + "&inputTokens=abc", PageClient.BROWSER_ACCEPT, null, null), 400,
                "<code>inputTokens</code>");
        PageClient.assertPage(client().send("POST", "/api/v1/plans/evaluate", PageClient.BROWSER_ACCEPT, "application/json",
                "{\"model\":\"llama-3.1-8b\",\"servng\":{}}"), 400, "<code>servng</code>: <span>unknown property; valid names here: ");
        HttpResponse<String> api = client().send("GET", evaluate + "&inputTokens=abc", "application/json", null, null);
        assertEquals(400, api.statusCode());
        assertTrue(api.body().contains("\"field\":\"inputTokens\""), api.body());
    }

    @Test
    void unprocessableTooLargeAndWrongMethodArePages() {
        PageClient.assertPage(client().send("GET", "/api/v1/plans/evaluate?model=llama-3.1-8b&weightFormat=nvfp4&accelerator=h100-sxm&framework=vllm"
                + "&mode=single-stream&inputTokens=100&outputTokens=10", PageClient.BROWSER_ACCEPT, null, null), 422, "nvfp4");
        PageClient.assertPage(client().send("POST", "/api/v1/plans/evaluate", PageClient.BROWSER_ACCEPT, "application/json",
                "{\"model\":\"" + "x".repeat(1_100_000) + "\"}"), 413);
        PageClient.assertPage(client().send("DELETE", "/catalog", PageClient.BROWSER_ACCEPT, null, null), 405);
    }

    @Test
    void aTemplateThatFailsIsA500PageWithinASecond() {
        long start = System.nanoTime();
        HttpResponse<String> r = client().send("GET", "/test/broken", PageClient.BROWSER_ACCEPT, null, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1000, "answered in " + millis + " ms");
        PageClient.assertPage(r, 500, "the page could not be rendered");
        assertTrue(!r.body().contains("noSuchMethod"), "no internals on the page");
        HttpResponse<String> api = client().send("GET", "/test/broken", "*/*", null, null);
        assertEquals(500, api.statusCode());
        assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElseThrow());
    }
}
