package io.inferplan.plan.calibration;

import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload → profile → evaluate with {@code calibrationProfile}, for every format's sample file: the prediction for
 * the uploaded setup moves toward the uploaded figure, the answer reports the errors before and after, and the
 * profile answers only the framework × hardware pairs its rows cover.
 */
@MicronautTest
class CalibrationRoundTripHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    /**
     * One format's round trip: the sample, the query fields the file lacks, the plan of the uploaded run, the
     * answer's figure for the measured metric and the figure measured in the file.
     */
    record Trip(String format, String file, String fields, Map<String, Object> plan,
                Function<PlanResponse.PerformanceBlock, Double> figure, double measured) {
        @Override
        public String toString() {
            return format;
        }
    }

    static Map<String, Object> plan(String model, String weights, String accelerator, String framework,
                                    Map<String, Object> workload, Map<String, Object> serving) {
        Map<String, Object> p = new HashMap<>(Map.of("model", model, "weightFormat", weights, "accelerator", accelerator,
                "acceleratorCount", 1, "framework", framework, "workload", workload));
        if (serving != null) {
            p.put("serving", serving);
        }
        return p;
    }

    static Map<String, Object> concurrency(int c, int in, int out) {
        return Map.of("mode", "fixed-concurrency", "concurrency", c, "inputTokens", in, "outputTokens", out);
    }

    static List<Trip> trips() {
        Function<PlanResponse.PerformanceBlock, Double> total = PlanResponse.PerformanceBlock::outputTokensPerSecond;
        Function<PlanResponse.PerformanceBlock, Double> stream =
                PlanResponse.PerformanceBlock::outputTokensPerSecondPerRequest;
        Map<String, Object> tg128 = Map.of("mode", "single-stream", "inputTokens", 1, "outputTokens", 128);
        return List.of(
                new Trip("vllm-bench-serve", "vllm-bench-serve.json", "accelerator=b200&acceleratorCount=1&weightFormat=bf16",
                        plan("llama-3.1-8b", "bf16", "b200", "vllm", concurrency(16, 1024, 128),
                                Map.of("requestCount", 200)), total, 2891.67),
                new Trip("sglang-bench-serving", "sglang-bench-serving.jsonl", "accelerator=a100-80gb-sxm&weightFormat=bf16",
                        plan("llama-3.1-8b", "bf16", "a100-80gb-sxm", "sglang", concurrency(32, 1024, 256),
                                Map.of("requestCount", 320, "memoryFraction", 0.88)), total, 2268.0),
                new Trip("llama-bench-json", "llama-bench.json", "accelerator=rtx-4080",
                        plan("qwen2.5-7b", "gguf-q4_k_m", "rtx-4080", "llama.cpp", tg128, null), stream, 118.881588),
                new Trip("llama-bench-csv", "llama-bench.csv", "accelerator=rtx-4080",
                        plan("qwen2.5-7b", "gguf-q4_k_m", "rtx-4080", "llama.cpp", tg128, null), stream, 119.915244),
                new Trip("llama-batched-bench", "llama-batched-bench.txt",
                        "model=llama-3.1-8b&accelerator=rtx-4090&acceleratorCount=1",
                        plan("llama-3.1-8b", "gguf-q4_k_m", "rtx-4090", "llama.cpp", concurrency(8, 512, 128),
                                Map.of("parallelSlots", 8)), total, 769.92),
                new Trip("genai-perf", "genai-perf-profile_export_genai_perf.json",
                        "accelerator=l40s&acceleratorCount=1&weightFormat=bf16&framework=vllm",
                        plan("llama-3.1-8b", "bf16", "l40s", "vllm", concurrency(8, 550, 256), Map.of("requestCount", 80)),
                        total, 359.7),
                new Trip("guidellm", "guidellm-benchmarks.json",
                        "accelerator=h100-sxm&acceleratorCount=1&weightFormat=bf16&framework=vllm",
                        plan("qwen3-8b", "bf16", "h100-sxm", "vllm", concurrency(8, 512, 256), Map.of("requestCount", 200)),
                        total, 982.4),
                new Trip("measurements-csv", "measurements.csv", "accelerator=h100-sxm",
                        plan("llama-3.1-8b", "bf16", "h100-sxm", "vllm", concurrency(16, 1024, 128),
                                Map.of("requestCount", 200)), total, 2210.5));
    }

    CalibrationReport upload(String name, String format, String fields, byte[] body) {
        HttpResponse<CalibrationReport> r = client.toBlocking().exchange(HttpRequest.POST("/api/v1/calibration/profiles?name="
                + name + "&format=" + format + "&" + fields, body).contentType("application/json")
                .header("Authorization", Samples.TOKEN), CalibrationReport.class);
        assertEquals(HttpStatus.CREATED, r.getStatus());
        assertEquals("/api/v1/calibration/profiles/" + name, r.getHeaders().get("Location"));
        return r.body();
    }

    PlanResponse evaluate(Map<String, Object> plan, String profile) {
        Map<String, Object> body = new HashMap<>(plan);
        if (profile != null) {
            body.put("calibrationProfile", profile);
        }
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    static String fresh(String format) {
        return format.replace('.', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trips")
    void anUploadedFileMovesThePredictionForItsSetupTowardItsFigures(Trip t) {
        String name = fresh(t.format());
        CalibrationReport report = upload(name, t.format(), t.fields(), Samples.read(t.file()));
        assertTrue(report.rowsUsed() > 0);
        assertTrue(report.medianAbsErrorAfterPercent() < report.medianAbsErrorBeforePercent(), report.toString());
        assertFalse(report.parameters().isEmpty(), "the fitted quantities that moved are listed");

        double before = t.figure().apply(evaluate(t.plan(), null).performance());
        PlanResponse mine = evaluate(t.plan(), name);
        double after = t.figure().apply(mine.performance());
        System.out.printf("%-22s measured %9.2f  shipped %9.2f (%+6.1f %%)  profile %9.2f (%+6.1f %%); uploaded rows: "
                        + "median |error| %5.1f %% -> %5.1f %%%n", t.format(), t.measured(), before,
                (before / t.measured() - 1) * 100, after, (after / t.measured() - 1) * 100,
                report.medianAbsErrorBeforePercent(), report.medianAbsErrorAfterPercent());
        assertTrue(Math.abs(Math.log(after / t.measured())) < Math.abs(Math.log(before / t.measured())),
                "before " + before + ", after " + after + ", measured " + t.measured());
        assertTrue(mine.performance().provenance().contains("'" + name + "'"), mine.performance().provenance());
    }

    @Test
    void theAnswerListsRowsBeforeAndAfterTheMovedQuantitiesTheUnusedRowsAndTheLimits() {
        CalibrationReport r = upload(fresh("vllm"), "vllm-bench-serve", "accelerator=b200&acceleratorCount=1&weightFormat=bf16",
                Samples.read("vllm-bench-serve.json"));
        assertEquals(8, r.rowsRead());
        assertEquals(4, r.rowsUsed());
        CalibrationReport.Row throughput = r.rows().get(0);
        assertEquals("output_tokens_per_second_total", throughput.metric());
        assertEquals(2891.67, throughput.measured());
        assertNotNull(throughput.errorBeforePercent());
        assertTrue(Math.abs(throughput.errorAfterPercent()) < Math.abs(throughput.errorBeforePercent()));
        assertTrue(r.unusedRows().stream().anyMatch(u -> "p99".equals(u.statistic())), r.unusedRows().toString());
        CalibrationReport.Parameter bw = r.parameters().stream().filter(p -> p.name().equals("bw")).findFirst().orElseThrow();
        assertEquals("fraction of datasheet", bw.unit());
        assertTrue(bw.before() > 0 && bw.before() < 1 && bw.after() > 0 && bw.after() < 1, bw.toString());
        assertEquals(new CalibrationReport.Limits(1_048_576, 1000, 10_000), r.limits());
        assertFalse(r.fit().stoppedAtDeadline());
    }

    @Test
    void aPairTheShippedFitNeverSawGetsTheCalibratedBandAndLosesItsWarning() {
        String name = fresh("band");
        // vLLM × Volta: a pair the shipped corpus has no rows of (the sample's B200 pair now has a few)
        upload(name, "vllm-bench-serve", "accelerator=v100-sxm2-32gb&acceleratorCount=1&weightFormat=fp16",
                Samples.read("vllm-bench-serve.json"));
        Map<String, Object> p = new HashMap<>(trips().get(0).plan());
        p.put("accelerator", "v100-sxm2-32gb");
        p.put("weightFormat", "fp16");
        PlanResponse.PerformanceBlock shipped = evaluate(p, null).performance();
        PlanResponse mine = evaluate(p, name);
        double widthBefore = shipped.ttftMsHigh() / shipped.ttftMsLow();
        double widthAfter = mine.performance().ttftMsHigh() / mine.performance().ttftMsLow();
        System.out.printf("vLLM × Volta TTFT band: high/low %.2f shipped -> %.2f with the profile; throughput %.2f -> %.2f%n",
                widthBefore, widthAfter, shipped.outputTokensPerSecondHigh() / shipped.outputTokensPerSecondLow(),
                mine.performance().outputTokensPerSecondHigh() / mine.performance().outputTokensPerSecondLow());
        assertTrue(widthAfter < widthBefore);
        assertTrue(evaluate(p, null).warnings().stream().anyMatch(w -> w.contains("is not calibrated")));
        assertTrue(mine.warnings().stream().noneMatch(w -> w.contains("is not calibrated")), mine.warnings().toString());
    }

    /** One measurement of one's own box shifts that pair only, and only part of the way (shrunk to the shipped fit). */
    @Test
    void oneRowShiftsItsPairTowardItAndLeavesOtherPairsOnTheShippedFit() {
        String csv = "id,source_url,source_date,framework,framework_version,model,weight_format,kv_cache_format,accelerator,"
                + "accelerator_count,tensor_parallel,input_tokens,output_tokens,mode,concurrency,requests_per_second,metric,"
                + "value,raw_model,raw_accelerator,raw_weight_dtype,raw_kv_dtype,raw_concurrency,notes\n"
                + "B1,https://example.org/my-box,2026-12,llama.cpp,,llama-3.1-8b,gguf-q4_k_m,fp16,rtx-4090,1,1,1,128,"
                + "single-stream,1,,output_tokens_per_second_per_request,95,,,,,,my llama-bench tg128\n";
        String name = fresh("one");
        CalibrationReport r = upload(name, "measurements-csv", "", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, r.rowsUsed());
        Map<String, Object> box = plan("llama-3.1-8b", "gguf-q4_k_m", "rtx-4090", "llama.cpp",
                Map.of("mode", "single-stream", "inputTokens", 1, "outputTokens", 128), null);
        double before = evaluate(box, null).performance().outputTokensPerSecondPerRequest();
        double after = evaluate(box, name).performance().outputTokensPerSecondPerRequest();
        System.out.printf("one row (measured 95 tok/s): shipped %.1f -> profile %.1f tok/s%n", before, after);
        assertTrue(Math.signum(after - before) == Math.signum(95 - before), "moved toward 95");
        assertTrue(Math.abs(after - before) <= Math.abs(95 - before), "not past it: shrunk toward the shipped fit");

        Map<String, Object> other = plan("llama-3.1-8b", "bf16", "h100-sxm", "vllm", concurrency(16, 1024, 128), null);
        PlanResponse shippedOther = evaluate(other, null);
        PlanResponse mineOther = evaluate(other, name);
        assertEquals(shippedOther.performance().outputTokensPerSecond(), mineOther.performance().outputTokensPerSecond());
        assertTrue(mineOther.warnings().stream().anyMatch(w -> w.contains("has no rows of vllm × nvidia_hopper")),
                mineOther.warnings().toString());
    }
}
