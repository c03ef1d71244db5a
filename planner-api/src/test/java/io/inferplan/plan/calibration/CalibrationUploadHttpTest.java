package io.inferplan.plan.calibration;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal of the upload route, through the real server: status, the field named, nothing stored. */
@MicronautTest
class CalibrationUploadHttpTest {

    static final String VLLM_FIELDS = "&format=vllm-bench-serve&accelerator=b200&acceleratorCount=1&weightFormat=bf16";

    @Inject
    @Client("/")
    HttpClient client;

    static String fresh() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    MutableHttpRequest<byte[]> upload(String query, byte[] body) {
        return HttpRequest.POST("/api/v1/calibration/profiles?" + query, body).contentType("application/json");
    }

    Problem refused(MutableHttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request));
        assertEquals(status, e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    List<String> names() {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/calibration/profiles"),
                io.micronaut.core.type.Argument.listOf(CalibrationController.ProfileSummary.class)).stream()
                .map(CalibrationController.ProfileSummary::name).toList();
    }

    @Test
    void withoutTheAdminTokenItIs401AndWithAWrongOne403AndNothingIsStored() {
        String name = fresh();
        refused(upload("name=" + name + VLLM_FIELDS, Samples.read("vllm-bench-serve.json")), HttpStatus.UNAUTHORIZED);
        refused(upload("name=" + name + VLLM_FIELDS, Samples.read("vllm-bench-serve.json"))
                .header("Authorization", "Bearer not-the-token"), HttpStatus.FORBIDDEN);
        assertTrue(!names().contains(name));
    }

    @Test
    void anUnknownFormatIs400ListingTheValidOnes() {
        Problem p = refused(upload("name=" + fresh() + "&format=vllm-json", Samples.read("vllm-bench-serve.json"))
                .header("Authorization", Samples.TOKEN), HttpStatus.BAD_REQUEST);
        assertEquals("format", p.errors().get(0).field());
        assertEquals("must be one of vllm-bench-serve, sglang-bench-serving, llama-bench-json, llama-bench-csv, "
                + "llama-batched-bench, genai-perf, guidellm, measurements-csv", p.errors().get(0).message());
    }

    @Test
    void whatTheFileLacksIsA400NamingEachMissingField() {
        String name = fresh();
        Problem p = refused(upload("name=" + name + "&format=genai-perf&model=llama-3.1-8b",
                Samples.read("genai-perf-profile_export_genai_perf.json")).header("Authorization", Samples.TOKEN),
                HttpStatus.BAD_REQUEST);
        assertEquals(List.of("weightFormat", "accelerator", "acceleratorCount", "framework"),
                p.errors().stream().map(e -> e.field()).toList());
        assertTrue(p.errors().get(3).message().contains("framework=<id>"), p.errors().get(3).message());
        assertTrue(!names().contains(name));
    }

    @Test
    void aFileThatDoesNotParseIs400SayingWhere() {
        byte[] broken = "{\"completed\": 200,\n  \"output_throughput\": 2891.67,\n  \"mean_ttft_ms\": ,}"
                .getBytes(StandardCharsets.UTF_8);
        Problem p = refused(upload("name=" + fresh() + VLLM_FIELDS, broken).header("Authorization", Samples.TOKEN),
                HttpStatus.BAD_REQUEST);
        assertEquals("body", p.errors().get(0).field());
        assertTrue(p.errors().get(0).message().startsWith("line 3, column "), p.errors().get(0).message());
        assertTrue(p.detail().contains("not a vllm-bench-serve file"), p.detail());
    }

    @Test
    void theWrongFormatForAFileSaysWhatIsMissing() {
        Problem p = refused(upload("name=" + fresh() + "&format=guidellm", Samples.read("vllm-bench-serve.json"))
                .header("Authorization", Samples.TOKEN), HttpStatus.BAD_REQUEST);
        assertTrue(p.errors().get(0).message().contains("'benchmarks' list is missing"), p.errors().get(0).message());
    }

    @Test
    void aFileWithNoRunTheEngineCanModelIs422WithTheFilesReasons() {
        String csv = new String(Samples.read("llama-bench.csv"), StandardCharsets.UTF_8).lines().limit(2)
                .map(l -> l.replace("\"512\",\"0\",\"0\",\"2025", "\"512\",\"128\",\"0\",\"2025"))
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        Problem p = refused(upload("name=" + fresh() + "&format=llama-bench-csv&accelerator=rtx-4080",
                csv.getBytes(StandardCharsets.UTF_8)).header("Authorization", Samples.TOKEN),
                HttpStatus.UNPROCESSABLE_ENTITY);
        assertTrue(p.detail().contains("pp512+tg128"), p.detail());
    }

    @Test
    void aMisspeltParameterIs400NamingIt() {
        Problem p = refused(upload("name=" + fresh() + VLLM_FIELDS + "&acceleratorcount=2",
                Samples.read("vllm-bench-serve.json")).header("Authorization", Samples.TOKEN), HttpStatus.BAD_REQUEST);
        assertEquals("acceleratorcount", p.errors().get(0).field());
        assertTrue(p.errors().get(0).message().contains("acceleratorCount"), p.errors().get(0).message());
    }

    @Test
    void anUnknownCatalogIdIs400WithTheNearestOnes() {
        Problem p = refused(upload("name=" + fresh() + "&format=vllm-bench-serve&accelerator=b2000&acceleratorCount=1"
                + "&weightFormat=bf16", Samples.read("vllm-bench-serve.json")).header("Authorization", Samples.TOKEN),
                HttpStatus.BAD_REQUEST);
        assertEquals("accelerator", p.errors().get(0).field());
        assertTrue(p.errors().get(0).message().contains("b200"), p.errors().get(0).message());
    }

    @Test
    void aBadNameAndAMissingBodyAreNamedTogether() {
        Problem p = refused(HttpRequest.POST("/api/v1/calibration/profiles?name=Bad%20Name&format=guidellm", new byte[0])
                .contentType("application/json").header("Authorization", Samples.TOKEN), HttpStatus.BAD_REQUEST);
        assertEquals(List.of("name", "body"), p.errors().stream().map(e -> e.field()).toList());
    }

    @Test
    void aNameThatIsTakenIs409() {
        String name = fresh();
        client.toBlocking().exchange(upload("name=" + name + VLLM_FIELDS, Samples.read("vllm-bench-serve.json"))
                .header("Authorization", Samples.TOKEN));
        refused(upload("name=" + name + VLLM_FIELDS, Samples.read("vllm-bench-serve.json"))
                .header("Authorization", Samples.TOKEN), HttpStatus.CONFLICT);
        refused(upload("name=shipped" + VLLM_FIELDS, Samples.read("vllm-bench-serve.json"))
                .header("Authorization", Samples.TOKEN), HttpStatus.BAD_REQUEST);
    }
}
