package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code POST /api/v1/plans/evaluate} from the HTTP tests: the answer, or the refusal with its expected status. */
final class EvaluateCalls {

    private EvaluateCalls() {
    }

    static PlanResponse evaluate(HttpClient client, Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    static Problem refused(HttpClient client, Map<String, Object> body, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> evaluate(client, body));
        assertEquals(status, e.getStatus());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }
}
