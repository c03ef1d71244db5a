package io.inferplan.common.http;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A NUL in an id was a 500 on PostgreSQL (found by the hostile-request run there); now a 400 naming where it is. */
@MicronautTest
class NulCharacterHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private Problem refusal(HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(400, e.getStatus().getCode());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    @Test
    void aNulInThePathOrAParameterIsA400() {
        assertEquals("path", refusal(HttpRequest.GET("/api/v1/models/%00")).errors().get(0).field());
        assertEquals("path", refusal(HttpRequest.DELETE("/api/v1/models/a%00b").bearerAuth("test-admin-token"))
                .errors().get(0).field());
        assertEquals("family", refusal(HttpRequest.GET("/api/v1/models?family=llama%00")).errors().get(0).field());
        assertEquals(200, client.toBlocking().exchange(HttpRequest.GET("/api/v1/models?family=llama"), String.class)
                .getStatus().getCode());
    }
}
