package io.inferplan.plan.limits;

import io.inferplan.plan.PlanFixtures;
import io.inferplan.plan.saved.SavedPlanInput;
import io.inferplan.plan.saved.SavedPlanResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State-changing API routes refuse what another site can make a visitor's browser send, and store nothing. */
@MicronautTest(transactional = false)
class CrossSiteHttpTest {

    private static final String TOKEN = "test-admin-token";
    private static final String COOKIE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"; // 43 URL-safe characters

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    private String planJson(String name) {
        return "{\"name\":\"" + name + "\",\"request\":{\"model\":\"llama-3.1-8b\",\"weightFormat\":\"bf16\",\"accelerator\":\"l4\","
                + "\"framework\":\"vllm\",\"workload\":{\"mode\":\"single-stream\",\"inputTokens\":100,\"outputTokens\":10}}}";
    }

    private boolean stored(String name) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans"), Argument.listOf(SavedPlanResponse.Item.class))
                .stream().anyMatch(i -> i.name().equals(name));
    }

    private HttpClientResponseException refused(MutableHttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(request, String.class));
    }

    @Test
    void anOriginOfAnotherSiteIsRefusedWithNothingStored() {
        String name = "cross-site " + UUID.randomUUID();
        HttpClientResponseException e = refused(HttpRequest.POST("/api/v1/plans", planJson(name))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Origin", "https://evil.example"));
        assertEquals(403, e.getStatus().getCode());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("Origin: https://evil.example"));
        assertEquals("nosniff", e.getResponse().header("X-Content-Type-Options"), "refusals carry the security headers");
        assertTrue(!stored(name));
        // a port of the same host is another site too
        assertEquals(403, refused(HttpRequest.POST("/api/v1/plans", planJson(name)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Origin", "http://localhost:1")).getStatus().getCode());
        assertEquals(403, refused(HttpRequest.POST("/api/v1/plans", planJson(name)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Origin", "null")).getStatus().getCode());
        assertTrue(!stored(name));
    }

    @Test
    void deletesFromAnotherSiteAreRefusedEvenWithTheToken() {
        String name = "delete cross-site " + UUID.randomUUID();
        HttpResponse<SavedPlanResponse> created = client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans",
                new SavedPlanInput(name, null, PlanFixtures.llama70bOn4H100(), null)), SavedPlanResponse.class);
        String location = created.header("Location");
        assertEquals(403, refused(HttpRequest.DELETE(location).bearerAuth(TOKEN).header("Origin", "https://evil.example"))
                .getStatus().getCode());
        assertTrue(stored(name));
        client.toBlocking().exchange(HttpRequest.DELETE(location).bearerAuth(TOKEN));
    }

    @Test
    void simpleContentTypesNeedTheTokenOrAuthorization() {
        String name = "simple type " + UUID.randomUUID();
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpClientResponseException e = refused(HttpRequest.POST("/api/v1/plans", planJson(name)).contentType(type));
            assertEquals(403, e.getStatus().getCode(), type);
            assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("X-CSRF-Token"), type);
        }
        assertTrue(!stored(name));
        // the calibration upload takes text/plain: from a page of another site it is refused before any fit runs
        assertEquals(403, refused(HttpRequest.POST("/api/v1/calibration/profiles?name=x" + UUID.randomUUID().toString()
                .substring(0, 8), "a,b\n1,2\n").contentType("text/plain")).getStatus().getCode());
        // with the double-submit token (cookie + header) or the admin token it reaches the route
        int withToken = status(HttpRequest.POST("/api/v1/plans/evaluate", "{}").contentType("text/plain")
                .header("Cookie", "inferplan_csrf=" + COOKIE).header("X-CSRF-Token", COOKIE));
        assertNotEquals(403, withToken);
        int withAuthorization = status(HttpRequest.POST("/api/v1/plans/evaluate", "{}").contentType("text/plain").bearerAuth(TOKEN));
        assertNotEquals(403, withAuthorization);
        assertEquals(403, status(HttpRequest.POST("/api/v1/plans/evaluate", "{}").contentType("text/plain")
                .header("Cookie", "inferplan_csrf=" + COOKIE).header("X-CSRF-Token", COOKIE.replace('a', 'b'))));
    }

    @Test
    void theSameSiteAndClientsWithoutOriginAreServed() {
        String name = "same site " + UUID.randomUUID();
        String origin = "http://localhost:" + server.getPort();
        HttpResponse<String> ok;
        try {
            ok = client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans", planJson(name))
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("Origin", origin), String.class);
        } catch (HttpClientResponseException e) {
            throw new AssertionError(e.getResponse().getBody(String.class).orElse("") + " host " + e.getResponse().getHeaders().asMap(), e);
        }
        assertEquals(201, ok.getStatus().getCode());
        HttpResponse<String> proxied = exchange(HttpRequest.POST("/api/v1/plans", planJson(name + " 2"))
                .contentType(MediaType.APPLICATION_JSON_TYPE).header("Origin", "https://localhost")
                .header("X-Forwarded-Host", "localhost"), String.class);
        assertEquals(201, proxied.getStatus().getCode(), "behind a proxy that forwards the host");
        assertEquals(201, client.toBlocking().exchange(HttpRequest.POST("/api/v1/plans", planJson(name + " 3"))
                .contentType(MediaType.APPLICATION_JSON_TYPE), String.class).getStatus().getCode());
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET("/api/v1/plans").header("Origin", "http://localhost:1"),
                String.class).getStatus().getCode(), "reads stay open to other origins");
    }

    private HttpResponse<String> exchange(MutableHttpRequest<?> request, Class<String> type) {
        try {
            return client.toBlocking().exchange(request, type);
        } catch (HttpClientResponseException e) {
            throw new AssertionError(e.getStatus() + " " + e.getResponse().getBody(String.class).orElse(""), e);
        }
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
