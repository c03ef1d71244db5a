package io.inferplan.plan.kvgrowth;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(environments = "test")
class KvGrowthHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    @Test
    void theCurveGrowsLinearlyUpToTheModelsMaximumContextAndPagedFitsAtLeastAsManyAsNaive() throws IOException {
        JsonNode curve = json.readValue(client.toBlocking().retrieve("/api/v1/plans/kv-growth?" + PlanFixtures.LLAMA_70B_QUERY),
                JsonNode.class);
        assertEquals("llama-3.1-70b", curve.get("model").getStringValue());
        assertEquals(131072, curve.get("maxContextTokens").getIntValue(), "Llama 3.1 context");
        long perToken = curve.get("kvCacheBytesPerToken").getLongValue();
        // Llama 3.1 70B: 80 layers x 8 KV heads x 128 dims x 2 (K and V) x 1 byte (FP8) = 163840 bytes per token
        assertEquals(163840, perToken);
        JsonNode points = curve.get("points");
        assertTrue(points.size() >= 2);
        int previous = 0;
        for (JsonNode p : points.values()) {
            int ctx = p.get("contextTokens").getIntValue();
            assertTrue(ctx > previous, "increasing context");
            previous = ctx;
            // no sliding window: KV is linear in the context
            assertEquals((double) ctx * perToken, p.get("kvBytesPerRequest").getDoubleValue(), 1e-6 * ctx * perToken);
            assertTrue(p.get("pagedRequestsPerReplica").getLongValue() >= p.get("naiveRequestsPerReplica").getLongValue());
            assertTrue(p.get("sharedPrefixRequestsPerReplica").getLongValue() >= p.get("pagedRequestsPerReplica").getLongValue());
            assertEquals(p.get("pagedRequestsPerReplica").getLongValue() * curve.get("replicas").getIntValue(),
                    p.get("pagedRequests").getLongValue());
        }
        assertEquals(131072, previous);
    }

    @Test
    void theCsvHasOneRowPerPointWithTheSameNumbers() throws IOException {
        JsonNode points = json.readValue(client.toBlocking().retrieve("/api/v1/plans/kv-growth?" + PlanFixtures.LLAMA_70B_QUERY),
                JsonNode.class).get("points");
        String csv = client.toBlocking().retrieve("/api/v1/plans/kv-growth.csv?" + PlanFixtures.LLAMA_70B_QUERY);
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            assertEquals(List.of("contextTokens", "kvBytesPerRequest", "kvGiBPerRequest", "kvBlockTokens", "naiveRequestsPerReplica",
                    "pagedRequestsPerReplica", "sharedPrefixRequestsPerReplica", "naiveRequests", "pagedRequests",
                    "sharedPrefixRequests"), p.getHeaderNames());
            List<CSVRecord> rows = p.getRecords();
            assertEquals(points.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(points.get(i).get("contextTokens").getIntValue(), Integer.parseInt(rows.get(i).get("contextTokens")));
                assertEquals(points.get(i).get("kvGiBPerRequest").getDoubleValue(), Double.parseDouble(rows.get(i).get("kvGiBPerRequest")));
                assertEquals(points.get(i).get("naiveRequests").getLongValue(), Long.parseLong(rows.get(i).get("naiveRequests")));
            }
        }
    }

    @Test
    void aPlanThatCannotRunIsRefusedLikeEvaluate() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve("/api/v1/plans/kv-growth?" + PlanFixtures.LLAMA_70B_QUERY.replace("model=llama-3.1-70b", "model=llama-9")));
        assertTrue(e.getStatus().getCode() == 400 || e.getStatus().getCode() == 404 || e.getStatus().getCode() == 422);
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"model\""));
    }
}
