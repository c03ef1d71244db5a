package io.inferplan.plan.evaluate;

import io.inferplan.plan.PlanFixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
class EvaluateQueryHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Test
    void getWithQueryParametersAnswersExactlyWhatPostAnswers() throws Exception {
        String post = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", PlanFixtures.llama70bOn4H100()));
        String get = client.toBlocking().retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY);
        JsonNode p = json.readValue(post, JsonNode.class);
        JsonNode g = json.readValue(get, JsonNode.class);
        assertEquals(p, g);
        assertEquals(4, g.get("plan").get("acceleratorCount").getIntValue());
        assertTrue(g.get("memory").get("weightsGiB").getDoubleValue() > 60, "70B params in FP8 are about 65 GiB");
    }

    @Test
    void aNonNumericParameterIs400NamingIt() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY.replace("concurrency=32", "concurrency=abc")));
        assertEquals(400, e.getStatus().getCode());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"field\":\"concurrency\""), body);
        assertTrue(body.contains("whole number"), body);
    }
}
