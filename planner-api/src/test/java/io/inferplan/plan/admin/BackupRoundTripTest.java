package io.inferplan.plan.admin;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.Problem;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.plan.calibration.CalibrationProfileRepository;
import io.inferplan.plan.calibration.CalibrationProfileRow;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backup and restore between instances: H2 → PostgreSQL → H2 (PostgreSQL in CI; H2 → H2 → H2 where only H2 is
 * there) gives the same document, the restored plans evaluate against the restored custom entries, importing into
 * a populated instance skips what is there, and a conflict or a bad field stores nothing.
 */
class BackupRoundTripTest {

    static final String MODEL = "{\"id\":\"bk-model\",\"family\":\"backup test\",\"totalParametersBillions\":8,\"layers\":32,"
            + "\"hiddenSize\":4096,\"intermediateSize\":14336,\"attentionHeads\":32,\"kvHeads\":8,\"headDim\":128,\"vocabSize\":128256,"
            + "\"maxContextTokens\":8192,\"attention\":\"gqa\",\"sourceUrl\":\"https://example.com/config.json\",\"asOf\":\"2026-11-30\"}";
    static final String ACCELERATOR = "{\"id\":\"bk-gpu\",\"vendor\":\"NVIDIA\",\"name\":\"Backup GPU\",\"memoryGB\":80,"
            + "\"memoryBandwidthGBps\":3350,\"fp16Tflops\":989,\"tdpWatts\":700,\"architecture\":\"nvidia_hopper\",\"sourceUrl\":\"https://example.com/gpu\","
            + "\"asOf\":\"2026-11-30\"}";
    static final String GPU_PRICE = "{\"id\":\"bk-gpu-price\",\"provider\":\"Example Cloud\",\"accelerator\":\"bk-gpu\","
            + "\"usdPerGpuHour\":2.5,\"pricingType\":\"on-demand\",\"sourceUrl\":\"https://example.com/prices\",\"asOf\":\"2026-11-30\"}";
    static final String PLAN = "{\"name\":\"%s\",\"notes\":\"restored?\",\"request\":{\"model\":\"%s\",\"weightFormat\":\"bf16\","
            + "\"accelerator\":\"%s\",\"framework\":\"vllm\",\"workload\":{\"mode\":\"fixed-concurrency\",\"inputTokens\":1024,"
            + "\"outputTokens\":128,\"concurrency\":8}}}";

    private final JsonMapper json = JsonMapper.createDefault();

    private static void seed(Instance a) {
        a.post("/api/v1/models", MODEL);
        a.post("/api/v1/accelerators", ACCELERATOR);
        a.post("/api/v1/gpu-prices", GPU_PRICE);
        a.post("/api/v1/plans", PLAN.formatted("custom entries", "bk-model", "bk-gpu"));
        String location = a.post("/api/v1/plans", PLAN.formatted("shipped entries", "llama-3.1-8b", "l4")).header("Location");
        a.client().toBlocking().exchange(HttpRequest.PUT(location, PLAN.formatted("shipped entries, second revision",
                "llama-3.1-8b", "h100-sxm")).contentType(MediaType.APPLICATION_JSON_TYPE).header("If-Match", "\"1\""), String.class);
        a.post("/api/v1/plans", PLAN.formatted("third", "llama-3.1-8b", "l4"));
        a.client().toBlocking().exchange(HttpRequest.DELETE("/api/v1/plans/3").bearerAuth(Instance.TOKEN)); // a gap in the ids
        a.bean(CalibrationProfileRepository.class).save(new CalibrationProfileRow("bk-profile", shippedProfileCsv(),
                12, "row 3: no such model\nrow 9: no such framework", Instant.parse("2026-11-30T10:15:30.123Z")));
    }

    private static String shippedProfileCsv() {
        try (var in = BackupRoundTripTest.class.getResourceAsStream(EfficiencyProfileCsv.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document without the moment it was written. */
    private JsonNode content(String document) throws IOException {
        JsonNode doc = json.readValue(document, JsonNode.class);
        return JsonNode.createObjectNode(doc.entries().iterator().hasNext() ? new java.util.LinkedHashMap<>() {{
            doc.entries().forEach(e -> {
                if (!e.getKey().equals("exportedAt")) {
                    put(e.getKey(), e.getValue());
                }
            });
        }} : java.util.Map.of());
    }

    @Test
    void h2ToPostgresqlAndBackGivesTheSameDocument() throws IOException {
        try (Instance a = Instance.h2(); Instance b = Instance.postgresql().orElseGet(Instance::h2); Instance c = Instance.h2()) {
            seed(a);
            String fromA = a.get("/api/v1/admin/export");
            String reportB = a.client().toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/import", fromA)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(Instance.TOKEN));
            assertTrue(reportB.contains("\"unchanged\":{\"savedPlans\":2,\"customEntries\":3,\"calibrationProfiles\":1}"),
                    "importing into the instance it came from changes nothing: " + reportB);

            String intoB = b.post("/api/v1/admin/import", fromA).body();
            assertTrue(intoB.contains("\"created\":{\"savedPlans\":2,\"customEntries\":3,\"calibrationProfiles\":1}"), intoB);
            String fromB = b.get("/api/v1/admin/export");
            c.post("/api/v1/admin/import", fromB);
            String fromC = c.get("/api/v1/admin/export");

            assertEquals(content(fromA), content(fromB), "H2 → " + b.database);
            assertEquals(content(fromA), content(fromC), b.database + " → H2");

            // the restored plans keep ids and revisions, and evaluate against the restored custom entries
            String plan = c.get("/api/v1/plans/1");
            assertTrue(plan.contains("\"name\":\"custom entries\"") && plan.contains("\"currentError\":null"), plan);
            assertTrue(c.get("/api/v1/plans/2").contains("\"revision\":2"));
            assertEquals(404, c.status(HttpRequest.GET("/api/v1/plans/3")));
            // new plans are numbered after the restored ones (1 and 2; 3 was deleted before the export)
            assertEquals("/api/v1/plans/3", c.post("/api/v1/plans", PLAN.formatted("after restore", "llama-3.1-8b", "l4"))
                    .header("Location"));
        }
    }

    @Test
    void aConflictOrABadFieldStoresNothingAndADryRunOnlyReports() throws IOException {
        try (Instance a = Instance.h2(); Instance b = Instance.h2()) {
            seed(a);
            String document = a.get("/api/v1/admin/export");
            b.post("/api/v1/plans", PLAN.formatted("already here", "llama-3.1-8b", "l4")); // takes id 1
            String before = content(b.get("/api/v1/admin/export")).toString();

            String dry = b.client().toBlocking().retrieve(HttpRequest.POST("/api/v1/admin/import?dryRun=true", document)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).bearerAuth(Instance.TOKEN));
            assertTrue(dry.contains("\"dryRun\":true") && dry.contains("\"imported\":false"), dry);
            assertTrue(dry.contains("{\"item\":\"savedPlans[0]\",\"id\":\"1\",\"reason\":\"a different saved plan with this id "
                    + "exists ('already here', revision 1)\"}"), dry);
            assertTrue(dry.contains("\"created\":{\"savedPlans\":1,\"customEntries\":3"), dry);

            HttpClientResponseException conflict = assertThrows(HttpClientResponseException.class,
                    () -> b.post("/api/v1/admin/import", document));
            assertEquals(409, conflict.getStatus().getCode());
            Problem p = conflict.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals(List.of("savedPlans[0]"), p.errors().stream().map(FieldError::field).toList());
            assertEquals(before, content(b.get("/api/v1/admin/export")).toString(), "nothing half-imported");

            // a bad entry deep in the document: refused with its place, nothing stored
            String bad = document.replace("\"memoryBandwidthGBps\":3350", "\"memoryBandwidthGBps\":-1")
                    .replace("\"name\":\"already here\"", "");
            Instance empty = b;
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> empty.post("/api/v1/admin/import", bad.replace("\"id\":1,", "\"id\":10,")));
            assertEquals(400, refused.getStatus().getCode());
            Problem badField = refused.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals("customEntries.accelerators[0].memoryBandwidthGBps", badField.errors().get(0).field(), badField.toString());
            assertEquals(before, content(b.get("/api/v1/admin/export")).toString(), "nothing half-imported");

            // a plan whose request is longer than its column holds: refused with its place, a dry run too (was a 500)
            String huge = document.replace("\"weightFormat\":\"bf16\"", "\"weightFormat\":\"" + "x".repeat(100_001) + "\"");
            for (String path : List.of("/api/v1/admin/import?dryRun=true", "/api/v1/admin/import")) {
                HttpClientResponseException tooLong = assertThrows(HttpClientResponseException.class,
                        () -> empty.post(path, huge.replace("\"id\":1,", "\"id\":11,")));
                assertEquals(400, tooLong.getStatus().getCode(), path);
                assertEquals("savedPlans[0].request", tooLong.getResponse().getBody(Problem.class).orElseThrow().errors().get(0)
                        .field(), path);
            }
            assertEquals(before, content(b.get("/api/v1/admin/export")).toString(), "nothing half-imported");

            HttpClientResponseException unknown = assertThrows(HttpClientResponseException.class, () -> b.post(
                    "/api/v1/admin/import", document.replace("\"vendor\":\"NVIDIA\"", "\"vendr\":\"NVIDIA\"")));
            assertEquals("customEntries.accelerators[0].vendr", unknown.getResponse().getBody(Problem.class).orElseThrow()
                    .errors().get(0).field());
            assertEquals(401, b.status(HttpRequest.GET("/api/v1/admin/export")));
            assertEquals(401, b.status(HttpRequest.POST("/api/v1/admin/import", document).contentType(MediaType.APPLICATION_JSON_TYPE)));
            assertFalse(before.isEmpty());
        }
    }
}
