package io.inferplan.plan.csv;

import io.inferplan.plan.PlanFixtures;
import io.inferplan.plan.evaluate.EvaluateController;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
class SpreadsheetHttpTest {

    private static final String Q = PlanFixtures.LLAMA_70B_QUERY;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            return p.getRecords();
        }
    }

    static List<String> header(String csv) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().build().parse(new StringReader(csv))) {
            return p.getHeaderNames();
        }
    }

    private JsonNode evaluateJson() throws IOException {
        return json.readValue(client.toBlocking().retrieve("/api/v1/plans/evaluate?" + Q), JsonNode.class);
    }

    @Test
    void csvHasTheContractsDottedHeaderAndOneRowWithTheJsonValues() throws IOException {
        HttpResponse<String> r = client.toBlocking().exchange("/api/v1/plans/evaluate.csv?" + Q, String.class);
        assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/csv"));
        String csv = r.body();
        List<String> header = header(csv);
        for (String column : List.of("memory.weightsGiB", "memory.kvCacheBytesPerToken", "memory.kvCacheGiBPerRequest",
                "memory.totalGiBPerAccelerator", "memory.capacityGiBPerAccelerator", "memory.fits",
                "memory.maxConcurrentRequests", "performance.ttftMs", "performance.tpotMs", "performance.outputTokensPerSecond",
                "cost.usdPerHour", "cost.usdPerMillionOutputTokens", "plan.workload.inputTokens", "catalogVersion")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        assertTrue(csv.contains("\r\n"), "RFC 4180 line ends");
        List<CSVRecord> rows = parse(csv);
        assertEquals(1, rows.size());
        CSVRecord row = rows.get(0);
        JsonNode j = evaluateJson();
        JsonNode memory = j.get("memory");
        assertEquals(memory.get("weightsGiB").getDoubleValue(), Double.parseDouble(row.get("memory.weightsGiB")));
        assertEquals(memory.get("kvCacheBytesPerToken").getLongValue(), Long.parseLong(row.get("memory.kvCacheBytesPerToken")));
        assertEquals(memory.get("maxConcurrentRequests").getLongValue(), Long.parseLong(row.get("memory.maxConcurrentRequests")));
        assertEquals(String.valueOf(memory.get("fits").getBooleanValue()), row.get("memory.fits"));
        assertEquals(memory.get("breakdownPerAccelerator").get("weightsBytes").getDoubleValue(),
                Double.parseDouble(row.get("memory.breakdownPerAccelerator.weightsBytes")));
        assertEquals("2048", row.get("plan.workload.inputTokens"));
        assertEquals(j.get("performance").get("ttftMs").getDoubleValue(), Double.parseDouble(row.get("performance.ttftMs")));
        assertEquals(j.get("cost").get("usdPerMillionOutputTokens").getDoubleValue(),
                Double.parseDouble(row.get("cost.usdPerMillionOutputTokens")));
        assertEquals(j.get("catalogVersion").getStringValue(), row.get("catalogVersion"));
        // locale-independent: no decimal comma and no grouping anywhere in the number columns
        assertFalse(row.get("memory.weightsGiB").contains(","));
    }

    @Test
    void acceptTextCsvOnPostAndGetGivesTheSameCsv() {
        String viaPath = client.toBlocking().retrieve("/api/v1/plans/evaluate.csv?" + Q);
        String viaGet = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/evaluate?" + Q).accept("text/csv"));
        String viaPost = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", PlanFixtures.llama70bOn4H100())
                .accept("text/csv"));
        assertEquals(viaPath, viaGet);
        assertEquals(viaPath, viaPost);
    }

    @Test
    void nullBlocksKeepTheirColumnsSoTheHeaderIsTheSameForEveryPlan() throws IOException {
        String a = client.toBlocking().retrieve("/api/v1/plans/evaluate.csv?" + Q);
        String b = client.toBlocking().retrieve("/api/v1/plans/evaluate.csv?" + Q.replace("acceleratorCount=4", "acceleratorCount=8"));
        assertEquals(header(a), header(b));
        assertEquals(PlanCells.FIELDS, header(a));
    }

    @Test
    void valueIsTheBareNumberWithoutTrailingNewlineEqualToTheJsonValue() throws IOException {
        HttpResponse<String> r = client.toBlocking().exchange("/api/v1/plans/value?field=memory.weightsGiB&" + Q, String.class);
        assertEquals(200, r.getStatus().getCode());
        assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/plain"));
        String body = r.body();
        assertFalse(body.endsWith("\n") || body.endsWith("\r") || body.endsWith(" "), "no trailing newline: [" + body + "]");
        assertTrue(body.matches("[0-9]+\\.[0-9]+"), body);
        assertEquals(evaluateJson().get("memory").get("weightsGiB").getDoubleValue(), Double.parseDouble(body));

        JsonNode j = evaluateJson();
        for (String field : List.of("cost.usdPerMillionOutputTokens", "performance.ttftMs", "performance.outputTokensPerSecond")) {
            String[] path = field.split("\\.");
            String cell = client.toBlocking().retrieve("/api/v1/plans/value?field=" + field + "&" + Q);
            assertEquals(j.get(path[0]).get(path[1]).getDoubleValue(), Double.parseDouble(cell), field);
            assertFalse(cell.endsWith("\n"), field);
        }

        String count = client.toBlocking().retrieve("/api/v1/plans/value?field=memory.maxConcurrentRequests&" + Q);
        assertEquals(evaluateJson().get("memory").get("maxConcurrentRequests").getLongValue(), Long.parseLong(count));
    }

    @Test
    void anUnknownFieldIsReadableNaTextListingTheValidFieldsMarked400() {
        // 200, because a spreadsheet shows only #VALUE! for a 4xx; the header says what it stands for
        HttpResponse<String> r = client.toBlocking().exchange("/api/v1/plans/value?field=memory.weightGiB&" + Q, String.class);
        assertEquals(200, r.getStatus().getCode());
        assertEquals("400", r.header(EvaluateController.PROBLEM_STATUS_HEADER));
        assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/plain"));
        String body = r.body();
        assertTrue(body.startsWith("#N/A field: unknown field 'memory.weightGiB'; valid: "), body);
        assertTrue(body.contains("memory.weightsGiB"), body);
        assertTrue(body.contains("cost.usdPerMillionOutputTokens"), body);
    }

    @Test
    void anUnknownFieldAnswersProblemJsonToAClientAskingForJson() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.GET("/api/v1/plans/value?field=nope&" + Q).accept("application/json")));
        assertEquals(400, e.getStatus().getCode());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"field\":\"field\""), body);
    }

    @Test
    void aPlanThatCannotRunGivesItsReasonAsNaTextMarked422() {
        HttpResponse<String> r = client.toBlocking().exchange(
                "/api/v1/plans/value?field=memory.weightsGiB&" + Q.replace("inputTokens=2048", "inputTokens=200000"), String.class);
        assertEquals("422", r.header(EvaluateController.PROBLEM_STATUS_HEADER));
        String body = r.body();
        assertFalse(body.endsWith("\n"), "no trailing newline");
        assertTrue(body.startsWith("#N/A ") && body.contains("maximum context"), body);
    }
}
