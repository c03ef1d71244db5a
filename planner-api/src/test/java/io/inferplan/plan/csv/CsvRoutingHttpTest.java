package io.inferplan.plan.csv;

import io.inferplan.plan.PlanFixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code *.csv} path answers CSV whatever the Accept header says, and {@code /plans/{id}} only takes numeric ids,
 * so other names under {@code /plans/} are a 404 problem rather than a saved-plan id that does not parse.
 */
@MicronautTest(environments = "test")
class CsvRoutingHttpTest {

    private static final String Q = PlanFixtures.LLAMA_70B_QUERY;
    private static final List<String> CSV_PATHS = List.of(
            "/api/v1/plans/evaluate.csv?" + Q,
            "/api/v1/plans/sweep.csv?vary=workload.inputTokens&values=1024,8192&" + Q.replace("&inputTokens=2048", ""),
            "/api/v1/plans/kv-growth.csv?" + Q);

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void csvPathsAnswerCsvWhateverTheAcceptHeader() {
        for (String path : CSV_PATHS) {
            String plain = client.toBlocking().retrieve(path);
            for (String accept : List.of("application/json", "application/problem+json", "text/csv", "*/*",
                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/plain")) {
                HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET(path).accept(accept), String.class);
                assertEquals(200, r.getStatus().getCode(), path + " Accept: " + accept);
                assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/csv"), path + " Accept: " + accept);
                assertEquals(plain, r.body(), path + " Accept: " + accept);
            }
        }
    }

    @Test
    void aCsvPathsRefusalIsStillAProblemNotASavedPlanLookup() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.GET("/api/v1/plans/evaluate.csv?" + Q.replace("concurrency=32", "concurrency=x"))
                        .accept("application/json")));
        assertEquals(400, e.getStatus().getCode());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("concurrency"), body);
    }

    @Test
    void unknownNamesUnderPlansAre404ProblemsForEveryAccept() {
        for (String path : List.of("/api/v1/plans/abc", "/api/v1/plans/nope.csv", "/api/v1/plans/evaluate.json",
                "/api/v1/plans/12abc", "/api/v1/plans/-1")) {
            for (String accept : List.of("application/json", "text/csv", "*/*")) {
                HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                        () -> client.toBlocking().retrieve(HttpRequest.GET(path).accept(accept)), path);
                assertEquals(404, e.getStatus().getCode(), path + " Accept: " + accept);
                assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString(),
                        path + " Accept: " + accept);
            }
        }
    }

    @Test
    void aNumericIdStillReachesTheSavedPlans() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/987654321").accept("application/json")));
        assertEquals(404, e.getStatus().getCode());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("987654321"), body);
    }
}
