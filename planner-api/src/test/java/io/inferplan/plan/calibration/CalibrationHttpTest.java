package io.inferplan.plan.calibration;

import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user posts measurements, gets a named profile, and evaluates with it. */
@MicronautTest
class CalibrationHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    /** The header and the llama.cpp rows of the bundled measurements: a user's own llama-bench results. */
    static String llamaCppRows() throws Exception {
        try (var in = CalibrationHttpTest.class.getResourceAsStream("/io/inferplan/engine/calibration/corpus/wave1.csv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().filter(l -> !l.startsWith("#")).toList();
            return lines.get(0) + "\n" + lines.stream().skip(1).filter(l -> l.contains(",llama.cpp,")).limit(40)
                    .collect(Collectors.joining("\n")) + "\n";
        }
    }

    private static Map<String, Object> plan(String profile) {
        Map<String, Object> body = new HashMap<>(Map.of("model", "llama-3.1-8b", "weightFormat", "gguf-q4_k_m",
                "accelerator", "rtx-4090", "framework", "llama.cpp",
                "workload", Map.of("mode", "single-stream", "inputTokens", 512, "outputTokens", 128)));
        if (profile != null) {
            body.put("calibrationProfile", profile);
        }
        return body;
    }

    @Test
    void aProfileRefittedOnPostedRowsIsUsedByName() throws Exception {
        String name = "mine-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<CalibrationReport> created = client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/calibration/profiles?name=" + name, llamaCppRows()).contentType("text/csv")
                        .header("Authorization", Samples.TOKEN), CalibrationReport.class);
        assertEquals(HttpStatus.CREATED, created.getStatus());
        assertTrue(created.body().rowsUsed() > 0);

        PlanResponse shipped = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", plan(null)), PlanResponse.class);
        PlanResponse mine = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", plan(name)), PlanResponse.class);
        assertTrue(mine.performance().provenance().contains(name), mine.performance().provenance());
        assertNotEquals(shipped.performance().outputTokensPerSecond(), mine.performance().outputTokensPerSecond());

        String csv = client.toBlocking().retrieve("/api/v1/calibration/profiles/" + name);
        assertTrue(csv.contains(name));
    }

    @Test
    void anUnknownProfileIsA400() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.POST("/api/v1/plans/evaluate", plan("nobody-has-this")), PlanResponse.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
    }

    @Test
    void rowsThatCannotBeModelledAreRefusedWithTheReason() {
        String header = "id,source_url,source_date,framework,framework_version,model,weight_format,kv_cache_format,accelerator,"
                + "accelerator_count,tensor_parallel,input_tokens,output_tokens,mode,concurrency,requests_per_second,metric,value,"
                + "raw_model,raw_accelerator,raw_weight_dtype,raw_kv_dtype,raw_concurrency,notes\n";
        String row = "X1,https://example.com,2026-01-01,vllm,,no-such-model,bf16,,h100-sxm,1,1,512,128,single-stream,1,,"
                + "output_tokens_per_second_per_request,100,,,,,,\n";
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/calibration/profiles?name=bad-" + UUID.randomUUID().toString().substring(0, 6),
                        header + row).contentType("text/csv").header("Authorization", Samples.TOKEN)));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
        assertTrue(e.getResponse().getBody(String.class).orElse("").contains("catalog id not found"),
                "the reason of every row is in the answer");
    }
}
