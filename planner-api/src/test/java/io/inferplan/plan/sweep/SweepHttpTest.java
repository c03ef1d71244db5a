package io.inferplan.plan.sweep;

import io.inferplan.plan.PlanFixtures;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
class SweepHttpTest {

    /** The fixture without inputTokens, which the sweeps vary. */
    private static final String BASE = PlanFixtures.LLAMA_70B_QUERY.replace("&inputTokens=2048", "");

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    private JsonNode get(String uri) throws IOException {
        return json.readValue(client.toBlocking().retrieve(uri), JsonNode.class);
    }

    @Test
    void aListSweepHasOnePointPerValueInOrderEachEqualToItsEvaluation() throws IOException {
        JsonNode sweep = get("/api/v1/plans/sweep?vary=workload.inputTokens&values=1024,8192,32768&" + BASE);
        assertEquals("workload.inputTokens", sweep.get("vary").getStringValue());
        JsonNode points = sweep.get("points");
        assertEquals(3, points.size());
        List<String> values = List.of("1024", "8192", "32768");
        for (int i = 0; i < 3; i++) {
            JsonNode p = points.get(i);
            assertEquals(values.get(i), p.get("value").getStringValue());
            assertEquals(Integer.parseInt(values.get(i)), p.get("response").get("plan").get("workload").get("inputTokens").getIntValue());
            JsonNode single = get("/api/v1/plans/evaluate?inputTokens=" + values.get(i) + "&" + BASE);
            assertEquals(single, p.get("response"));
        }
        // longer prompts need more KV per request: fewer of them fit
        long first = points.get(0).get("response").get("memory").get("maxConcurrentRequests").getLongValue();
        long last = points.get(2).get("response").get("memory").get("maxConcurrentRequests").getLongValue();
        assertTrue(last < first, last + " < " + first);
    }

    @Test
    void csvHasOneRowPerValueWithTheVariedValueFirstAndAnErrorColumn() throws IOException {
        String csv = client.toBlocking().retrieve("/api/v1/plans/sweep.csv?vary=acceleratorCount&from=2&to=8&step=2&"
                + PlanFixtures.LLAMA_70B_QUERY.replace("acceleratorCount=4&", ""));
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            assertEquals("acceleratorCount", p.getHeaderNames().get(0));
            assertEquals("error", p.getHeaderNames().get(1));
            List<CSVRecord> rows = p.getRecords();
            assertEquals(List.of("2", "4", "6", "8"), rows.stream().map(r -> r.get(0)).toList());
            for (CSVRecord r : rows) {
                assertEquals("", r.get("error"));
                assertEquals(r.get(0), r.get("plan.acceleratorCount"));
            }
        }
    }

    @Test
    void aValueThatCannotRunBecomesAnErrorRowNotAFailedSweep() throws IOException {
        // llama-3.1-70b has a 131072-token context: 200000 + 256 cannot run
        JsonNode points = get("/api/v1/plans/sweep?vary=inputTokens&values=1024,200000&" + BASE).get("points");
        assertEquals(2, points.size());
        assertTrue(points.get(0).get("response") != null && (points.get(0).get("error") == null || points.get(0).get("error").isNull()));
        assertEquals(422, points.get(1).get("error").get("status").getIntValue());
        assertTrue(points.get(1).get("error").get("detail").getStringValue().contains("maximum context"));

        String csv = client.toBlocking().retrieve("/api/v1/plans/sweep.csv?vary=inputTokens&values=1024,200000&" + BASE);
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            List<CSVRecord> rows = p.getRecords();
            assertEquals("200000", rows.get(1).get(0));
            assertTrue(rows.get(1).get("error").contains("maximum context"));
            assertEquals("", rows.get(1).get("memory.weightsGiB"));
            assertTrue(Double.parseDouble(rows.get(0).get("memory.weightsGiB")) > 60);
        }
    }

    @Test
    void moreThan200ValuesIs400SayingTheLimit() {
        StringJoiner values = new StringJoiner(",");
        IntStream.rangeClosed(1, 201).forEach(i -> values.add(String.valueOf(i * 10)));
        for (String uri : List.of("/api/v1/plans/sweep?vary=workload.inputTokens&values=" + values + "&" + BASE,
                "/api/v1/plans/sweep.csv?vary=workload.inputTokens&from=1&to=201&step=1&" + BASE,
                "/api/v1/plans/sweep?vary=workload.inputTokens&from=1&to=1000000&step=0.001&" + BASE)) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().retrieve(uri));
            assertEquals(400, e.getStatus().getCode(), uri);
            String body = e.getResponse().getBody(String.class).orElseThrow();
            assertTrue(body.contains("at most 200 values"), body);
        }
        // exactly 200 is fine (a cheap rounding check: from 1 to 200 step 1)
        assertEquals(200, assertDoesNotThrowCount("/api/v1/plans/sweep?vary=outputTokens&from=1&to=200&step=1&"
                + PlanFixtures.LLAMA_70B_QUERY.replace("&outputTokens=256", "")));
    }

    private int assertDoesNotThrowCount(String uri) {
        try {
            return get(uri).get("points").size();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aBadSweepIs400NamingTheParameter() {
        for (String[] c : new String[][]{
                {"vary=model&values=a,b&" + BASE, "\"field\":\"vary\""},
                {"vary=inputTokens&values=1024,abc&" + BASE, "\"field\":\"values\""},
                {"vary=inputTokens&" + BASE, "\"field\":\"values\""},
                {"vary=inputTokens&from=10&to=1&step=1&" + BASE, "\"field\":\"to\""},
                {"vary=inputTokens&from=1&to=10&step=0&" + BASE, "\"field\":\"step\""},
                {"vary=accelerator&from=1&to=10&step=1&" + BASE, "\"field\":\"from\""}}) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve("/api/v1/plans/sweep?" + c[0]));
            assertEquals(400, e.getStatus().getCode(), c[0]);
            String body = e.getResponse().getBody(String.class).orElseThrow();
            assertTrue(body.contains(c[1]), c[0] + " -> " + body);
        }
    }

    @Test
    void anIdSweepOverAcceleratorsNamesEachOne() throws IOException {
        JsonNode points = get("/api/v1/plans/sweep?vary=accelerator&values=h100-sxm,h200-sxm&"
                + PlanFixtures.LLAMA_70B_QUERY.replace("accelerator=h100-sxm&", "")).get("points");
        assertEquals(2, points.size());
        assertEquals("h100-sxm", points.get(0).get("response").get("plan").get("accelerator").getStringValue());
        JsonNode second = points.get(1);
        assertTrue(second.get("response") != null
                ? "h200-sxm".equals(second.get("response").get("plan").get("accelerator").getStringValue())
                : second.get("error").get("status").getIntValue() >= 400);
    }
}
