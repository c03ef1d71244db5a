package io.inferplan.common.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest
class SecurityHeadersTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void answersAndRefusalsCarryTheSecurityHeaders() {
        HttpResponse<String> ok = client.toBlocking().exchange(HttpRequest.GET("/api/v1/models/llama-3.1-8b"), String.class);
        assertEquals("nosniff", ok.header("X-Content-Type-Options"));
        assertEquals("DENY", ok.header("X-Frame-Options"));
        assertEquals(SecurityHeadersFilter.CSP, ok.header("Content-Security-Policy"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/api/v1/models/nope"), String.class));
        assertEquals("nosniff", e.getResponse().header("X-Content-Type-Options"));
    }
}
