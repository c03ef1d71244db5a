package io.inferplan.plan.limits;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.Problem;
import io.inferplan.plan.PlanFixtures;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misspelt JSON property is a 400 naming its path and the valid names, on every JSON route. */
@MicronautTest(transactional = false)
class UnknownPropertiesHttpTest {

    private static final String TOKEN = "test-admin-token";
    /** A valid evaluate body without its closing brace, to add properties to. */
    static final String EVALUATE = PlanFixtures.SMALL_PLAN_JSON.substring(0, PlanFixtures.SMALL_PLAN_JSON.length() - 1);

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Router router;

    private Problem refusal(HttpMethod method, String path, String body) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.create(method, path).body(body).contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(TOKEN),
                String.class), path);
        assertEquals(400, e.getStatus().getCode(), path + " " + e.getResponse().getBody(String.class).orElse(""));
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    @Test
    void aMisspeltBlockIsNamedWithTheValidNames() {
        Problem p = refusal(HttpMethod.POST, "/api/v1/plans/evaluate", EVALUATE + ",\"servng\":{\"memoryFraction\":0.5}}");
        assertEquals(List.of("servng"), p.errors().stream().map(FieldError::field).toList());
        String message = p.errors().get(0).message();
        assertTrue(message.startsWith("unknown property; valid names here: "), message);
        for (String valid : List.of("accelerator", "calibrationProfile", "serving", "workload", "pricing", "parallelism")) {
            assertTrue(message.contains(valid), message);
        }
        assertEquals("servng: " + message, p.detail());
    }

    @Test
    void aMisspeltNestedPropertyIsNamedByItsPath() {
        String body = EVALUATE.replace("\"concurrency\":4", "\"concurency\":4") + "}";
        Problem p = refusal(HttpMethod.POST, "/api/v1/plans/evaluate", body);
        assertEquals("workload.concurency", p.errors().get(0).field());
        for (String valid : List.of("concurrency", "inputTokens", "mode", "outputTokens")) {
            assertTrue(p.errors().get(0).message().contains(valid), p.errors().get(0).message());
        }

        Problem mix = refusal(HttpMethod.POST, "/api/v1/plans/mix", "{\"routes\":[{\"name\":\"a\",\"requestShare\":1,\"plan\":"
                + EVALUATE + ",\"servng\":{}}}]}");
        assertEquals("routes[0].plan.servng", mix.errors().get(0).field());

        Problem saved = refusal(HttpMethod.POST, "/api/v1/plans", "{\"name\":\"x\",\"request\":" + EVALUATE
                + ",\"pricing\":{\"owned\":{\"usdPerKwh\":0.1}}}}");
        assertEquals("request.pricing.owned.usdPerKwh", saved.errors().get(0).field());
        assertTrue(saved.errors().get(0).message().contains("usdPerKWh"));
    }

    @Test
    void everyMisspeltPropertyIsListedAtOnce() {
        Problem p = refusal(HttpMethod.POST, "/api/v1/plans/evaluate", EVALUATE.replace("\"mode\"", "\"mdoe\"")
                + ",\"servng\":{},\"acceleratorCnt\":2}");
        assertEquals(List.of("workload.mdoe", "servng", "acceleratorCnt"), p.errors().stream().map(FieldError::field).toList());
    }

    /** Every route that binds a JSON body to a type, found in the router so a new route is covered without listing it. */
    @Test
    void everyJsonRouteRefusesAnUnknownProperty() {
        java.util.Set<String> checked = new java.util.TreeSet<>();
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            var body = route.getBodyArgument();
            if (body.isEmpty() || body.get().getType() == String.class || Map.class.isAssignableFrom(body.get().getType())
                    || body.get().getType() == byte[].class) {
                continue; // text bodies (CSV uploads) and open maps (a Hugging Face config) take any content
            }
            String path = route.getUriMatchTemplate().toString().replaceAll("\\{id[^}]*}", "1").replaceAll("\\{[^}]*}", "x");
            Problem p = refusal(route.getHttpMethod(), path, "{\"bogusProperty\":1}");
            assertEquals("bogusProperty", p.errors().get(0).field(), path);
            checked.add(route.getHttpMethod() + " " + path);
        }
        assertTrue(checked.size() >= 15, "JSON routes checked: " + checked);
        assertTrue(checked.contains("POST /api/v1/plans/evaluate") && checked.contains("PUT /api/v1/plans/1")
                && checked.contains("POST /api/v1/models") && checked.contains("PUT /api/v1/gpu-prices/1"), checked.toString());
    }
}
