package io.inferplan.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cheap liveness probe answers through the server as a load balancer would call it. */
@MicronautTest
class LivenessHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersOkAsPlainTextNeverCached() {
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET("/livez"), String.class);
        assertEquals(200, r.code());
        assertEquals("ok", r.body());
        assertEquals("text/plain", r.getContentType().orElseThrow().getName());
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals("DENY", r.header("X-Frame-Options"), "security headers as on every answer");
    }
}
