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

    @Test
    void aMisspeltOrRepeatedParameterIs400NamingItAndAnEmptyOneCountsAsAbsent() throws Exception {
        HttpClientResponseException typo = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY.replace("inputTokens=", "inputToken=")));
        assertEquals(400, typo.getStatus().getCode());
        String body = typo.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"field\":\"inputToken\"") && body.contains("inputTokens"), body);

        HttpClientResponseException twice = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY + "&concurrency=8"));
        assertEquals(400, twice.getStatus().getCode());
        assertTrue(twice.getResponse().getBody(String.class).orElseThrow().contains("more than once"));

        JsonNode withEmpty = json.readValue(client.toBlocking().retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY
                + "&memoryFraction="), JsonNode.class);
        JsonNode without = json.readValue(client.toBlocking().retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY),
                JsonNode.class);
        assertEquals(without, withEmpty);
    }

    @Test
    void dottedNamesAndServingAndParallelismParametersReachTheRequest() throws Exception {
        PlanRequest body = new PlanRequest("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 32, null, 0),
                new PlanRequest.ServingInput(null, 0.85, null, null, null, false, null, null, null), null,
                null);
        String post = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body));
        String get = client.toBlocking().retrieve("/api/v1/plans/evaluate?" + PlanFixtures.LLAMA_70B_QUERY
                .replace("inputTokens=", "workload.inputTokens=") + "&serving.memoryFraction=0.85&prefixCaching=false"
                + "&tensorParallel=4");
        JsonNode p = json.readValue(post, JsonNode.class);
        JsonNode g = json.readValue(get, JsonNode.class);
        assertEquals(p.get("memory"), g.get("memory"));
        assertEquals(0.85, g.get("plan").get("serving").get("memoryFraction").getDoubleValue());
        assertEquals(false, g.get("plan").get("serving").get("prefixCaching").getBooleanValue());
    }
}
