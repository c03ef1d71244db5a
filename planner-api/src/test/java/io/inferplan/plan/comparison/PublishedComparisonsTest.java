package io.inferplan.plan.comparison;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Published comparisons between frameworks, asked of the engine through the API, each with its published figure,
 * its source and a tolerance. They test mechanisms (batching, slots, prefix caching, formats), so they move when the
 * efficiency profile is refitted: a failure is reported with its numbers, never loosened to pass.
 */
@MicronautTest
@Tag("engine-comparison")
class PublishedComparisonsTest {

    @Inject
    @Client("/")
    HttpClient client;

    PlanResponse evaluate(String model, String format, String accelerator, Integer count, String framework,
                          Map<String, Object> workload) {
        return evaluate(model, format, accelerator, count, framework, workload, null);
    }

    /** As above with the request's {@code serving} settings (null: the framework's defaults). */
    PlanResponse evaluate(String model, String format, String accelerator, Integer count, String framework,
                          Map<String, Object> workload, Map<String, Object> serving) {
        Map<String, Object> body = new HashMap<>(Map.of("model", model, "weightFormat", format, "accelerator", accelerator,
                "framework", framework, "workload", workload));
        if (count != null) {
            body.put("acceleratorCount", count);
        }
        if (serving != null) {
            body.put("serving", serving);
        }
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    static Map<String, Object> clients(int concurrency, int input, int output) {
        return Map.of("mode", "fixed-concurrency", "inputTokens", input, "outputTokens", output, "concurrency", concurrency);
    }

    double tokensPerSecond(PlanResponse r) {
        return r.performance().outputTokensPerSecond();
    }

    /** Output tokens/s of framework a with format fa ÷ framework b with format fb, same model, hardware and workload. */
    double ratio(String model, String accelerator, String a, String fa, String b, String fb, Map<String, Object> workload) {
        return tokensPerSecond(evaluate(model, fa, accelerator, 1, a, workload))
                / tokensPerSecond(evaluate(model, fb, accelerator, 1, b, workload));
    }

    /** |measured ÷ published − 1| ≤ tolerance, with both numbers in the message. */
    static void near(double published, double tolerance, double engine, String what) {
        assertTrue(Math.abs(engine / published - 1) <= tolerance, String.format(java.util.Locale.ROOT,
                "%s: engine %.3f, published %.3f (tolerance ±%.0f %%)", what, engine, published, tolerance * 100));
    }

    @Test
    void vllmIsAboutTwiceOllamaAtEightRequestsOnOneRtx4090AndTheGapWidensByVllmsOwnBatching() {
        // Llama 3.1 8B, 512 prompt / 128 output tokens (gpuflow's RTX 4090 set-up); vLLM BF16, Ollama its default Q4_K_M.
        // ~2.3x at 8 concurrent requests: the figure of docs/engine.md and issue 14 (original page not located).
        double vllm8 = tokensPerSecond(evaluate("llama-3.1-8b", "bf16", "rtx-4090", 1, "vllm", clients(8, 512, 128)));
        double vllm16 = tokensPerSecond(evaluate("llama-3.1-8b", "bf16", "rtx-4090", 1, "vllm", clients(16, 512, 128)));
        double ollama8 = tokensPerSecond(evaluate("llama-3.1-8b", "gguf-q4_k_m", "rtx-4090", 1, "ollama", clients(8, 512, 128)));
        double ollama16 = tokensPerSecond(evaluate("llama-3.1-8b", "gguf-q4_k_m", "rtx-4090", 1, "ollama", clients(16, 512, 128)));
        double at8 = vllm8 / ollama8;
        double at16 = vllm16 / ollama16;
        near(2.3, 0.25, at8, "vLLM ÷ Ollama at 8 requests");
        // From 8 to 16 requests the gap widens by vLLM's own batching while Ollama, serving one request at a time,
        // stays flat. Measured: vLLM on one RTX 4090 went from 377 to 644 output tok/s (x1.71, Mistral 7B, 256 / 128,
        // https://mushfiqrahman.dev/benchmarking-mistral-7b-on-rtx-4090-vllm-concurrency-latency-and-capacity-planning/);
        // Ollama's default on an RTX 4090 from 74.1 to 72.3 tok/s (https://blog.eduard3v.com/en/posts/benchmarking-local-llm-inference-part-2/).
        // craftrigs' "3.2x at 16 users" (no raw data or set-up published) would need vLLM to gain only x1.39: the README
        // (Published comparisons) gives the evidence against it.
        near((644.0 / 377) * (74.1 / 72.3), 0.15, at16 / at8, "vLLM ÷ Ollama widening from 8 to 16 requests");
        near(72.3 / 74.1, 0.10, ollama16 / ollama8, "Ollama from 8 to 16 requests");
    }

    @Test
    void vllmOnOneRtx4090ScalesWithConcurrencyAsMeasured() {
        // https://mushfiqrahman.dev/benchmarking-mistral-7b-on-rtx-4090-vllm-concurrency-latency-and-capacity-planning/ :
        // Mistral-7B-Instruct-v0.3 on one RTX 4090 with vLLM (OpenAI server, BF16), 256 prompt / 128 output tokens,
        // 300 prompts at an unbounded rate under a max concurrency of 4 … 48. Not in the calibration corpus.
        int[] concurrency = {4, 8, 16, 32, 48};
        double[] measured = {210, 377, 644, 975, 1190};
        for (int i = 0; i < concurrency.length; i++) {
            double engine = tokensPerSecond(evaluate("mistral-7b-v0.3", "bf16", "rtx-4090", 1, "vllm",
                    clients(concurrency[i], 256, 128)));
            near(measured[i], 0.15, engine, "vLLM output tok/s at " + concurrency[i] + " requests");
        }
    }

    @Test
    void vllmWithNvfp4OnABlackwellWorkstationIsAboutSixteenTimesOllama() {
        // https://joshua8.ai/llm-inference-benchmark : RTX PRO 6000 Blackwell Max-Q, Llama 3.1 8B, vLLM NVFP4 peak
        // 8,033 tok/s, Ollama (llama3.1:8b, 4-bit) peak 484 tok/s → 16.6x; asked at 64 clients, 512 / 256 tokens
        double ratio = ratio("llama-3.1-8b", "rtx-pro-6000-blackwell-max-q", "vllm", "nvfp4", "ollama", "gguf-q4_k_m",
                clients(64, 512, 256));
        near(8033.0 / 484, 0.30, ratio, "vLLM NVFP4 ÷ Ollama on RTX PRO 6000 Blackwell Max-Q");
    }

    @Test
    void vllmRunsAtAboutFourFifthsOfTensorRtLlmOnOneH100InOneHarness() {
        // GPUStack performance lab (https://github.com/gpustack/gpustack/tree/47277d79f4a5bae12a2d25e9ecbed2a2177a5f2d/docs/performance-lab):
        // one H100 SXM, BF16, each framework's defaults, the same client (vllm bench serve, ShareGPT: 1,000 prompts,
        // 217 in / 202 out on average), vLLM 0.11.0 against TensorRT-LLM 1.2.0rc1. All prompts at once: Qwen3-14B
        // 3,173.92 ÷ 4,000.99 output tok/s (corpus rows X0622, X0628), Qwen3-32B 1,131.55 ÷ 1,280.04 (X0706, X0712);
        // 4 clients: Qwen3-8B 496.88 ÷ 487.38 (X0745, X0751), mean TTFT 64.00 ÷ 51.61 ms (X0746, X0752). These rows
        // are in the calibration corpus: the test checks the engine keeps the ratio, not a held-out prediction.
        Map<String, Object> sharegptAtOnce = Map.of("mode", "max-throughput", "inputTokens", 217, "outputTokens", 202);
        near(3173.92 / 4000.99, 0.20, ratio("qwen3-14b", "h100-sxm", "vllm", "bf16", "tensorrt-llm", "bf16", sharegptAtOnce),
                "vLLM ÷ TensorRT-LLM, Qwen3-14B, all prompts at once");
        near(1131.55 / 1280.04, 0.20, ratio("qwen3-32b", "h100-sxm", "vllm", "bf16", "tensorrt-llm", "bf16", sharegptAtOnce),
                "vLLM ÷ TensorRT-LLM, Qwen3-32B, all prompts at once");
        Map<String, Object> four = clients(4, 217, 202);
        PlanResponse vllm = evaluate("qwen3-8b", "bf16", "h100-sxm", 1, "vllm", four);
        PlanResponse trt = evaluate("qwen3-8b", "bf16", "h100-sxm", 1, "tensorrt-llm", four);
        near(496.88 / 487.38, 0.20, tokensPerSecond(vllm) / tokensPerSecond(trt), "vLLM ÷ TensorRT-LLM, Qwen3-8B, 4 clients");
        near(64.00 / 51.61, 0.20, vllm.performance().ttftMs() / trt.performance().ttftMs(),
                "vLLM ÷ TensorRT-LLM mean TTFT, Qwen3-8B, 4 clients");
    }

    @Test
    void theOneH100SeventyBComparisonIsAboveTheBandwidthBoundWhichTheEngineKeeps() {
        // https://www.spheron.network/blog/vllm-vs-tensorrt-llm-vs-sglang-benchmarks (2026-03-23): one H100 SXM5,
        // Llama 3.3 70B Instruct FP8, 512 / 256 tokens, 10 requests: vLLM 650, TensorRT-LLM 710 output tok/s (0.915).
        // Every decode step reads the whole FP8 checkpoint once; at the H100 SXM's 3,350 GB/s (catalog) 10 requests
        // yield at most 10 tokens per step, so neither published figure can be what that set-up produced and the
        // ratio is not used as a test of vLLM's share of TensorRT-LLM (README, Published comparisons).
        Map<String, Object> tenClients = clients(10, 512, 256);
        PlanResponse vllm = evaluate("llama-3.3-70b", "fp8", "h100-sxm", 1, "vllm", tenClients);
        PlanResponse trt = evaluate("llama-3.3-70b", "fp8", "h100-sxm", 1, "tensorrt-llm", tenClients);
        double stepSecondsAtLeast = vllm.memory().weightsGiB() * (1L << 30) / 3350e9;
        double bound = 10 / stepSecondsAtLeast;
        assertTrue(650 > bound && 710 > bound, "bound " + bound + " tok/s");
        assertTrue(tokensPerSecond(vllm) <= bound, "vLLM " + tokensPerSecond(vllm) + " above the bound " + bound);
        assertTrue(tokensPerSecond(trt) <= bound, "TensorRT-LLM " + tokensPerSecond(trt) + " above the bound " + bound);
    }

    @Test
    void sglangAndLmdeployRunAboutAQuarterAheadOfVllmOfflineOnOneH100InOneHarness() {
        // https://research.aimultiple.com/inference-engines : Llama 3.1 8B Instruct, BF16, one H100 80GB, 0.8 of GPU
        // memory, 1,000 ShareGPT prompts offline (10 runs per engine): SGLang 16,215, LMDeploy 16,132, vLLM 12,553
        // tok/s (versions not stated). No prompt shares a prefix: this is where issue 14's "~29 % more throughput"
        // comes from. Not in the calibration corpus. ShareGPT's averages as the corpus models them (217 in / 202 out);
        // the published figures are about 3x what one H100 generates for an 8B model, so they likely count prompt
        // tokens too, and only the ratios are compared.
        Map<String, Object> sharegpt = Map.of("mode", "max-throughput", "inputTokens", 217, "outputTokens", 202);
        Map<String, Object> offline = Map.of("requestCount", 1000, "memoryFraction", 0.8);
        double vllm = tokensPerSecond(evaluate("llama-3.1-8b", "bf16", "h100-sxm", 1, "vllm", sharegpt, offline));
        near(16215.0 / 12553, 0.15, tokensPerSecond(evaluate("llama-3.1-8b", "bf16", "h100-sxm", 1, "sglang", sharegpt,
                offline)) / vllm, "SGLang ÷ vLLM offline, ShareGPT");
        near(16132.0 / 12553, 0.15, tokensPerSecond(evaluate("llama-3.1-8b", "bf16", "h100-sxm", 1, "lmdeploy", sharegpt,
                offline)) / vllm, "LMDeploy ÷ vLLM offline, ShareGPT");
    }

    @Test
    void sglangIsAheadOfVllmOnPrefixHeavyWork() {
        // issue 14's published prefix-heavy H100 benchmark (3,500 of 4,000 prompt tokens shared, Llama 3.1 8B,
        // 32 clients): SGLang ~29 % more throughput, TTFT 79 vs 103 ms; the same claim in words ("20-40 % lower TTFT")
        // at https://www.spheron.network/blog/vllm-vs-sglang-2026/. The 29 % traces to AIMultiple's offline ShareGPT
        // run without shared prefixes (the test above); the 79 vs 103 ms run was not located (README).
        Map<String, Object> rag = Map.of("mode", "fixed-concurrency", "inputTokens", 4000, "outputTokens", 200,
                "concurrency", 32, "sharedPrefixTokens", 3500);
        PlanResponse sglang = evaluate("llama-3.1-8b", "bf16", "h100-sxm", 1, "sglang", rag);
        PlanResponse vllm = evaluate("llama-3.1-8b", "bf16", "h100-sxm", 1, "vllm", rag);
        near(79.0 / 103, 0.20, sglang.performance().ttftMs() / vllm.performance().ttftMs(), "SGLang ÷ vLLM mean TTFT");
        near(1.29, 0.15, tokensPerSecond(sglang) / tokensPerSecond(vllm), "SGLang ÷ vLLM throughput");
    }

    @Test
    void llamaCppRunsOnAnAppleLaptopWhereTensorRtLlmIsRefused() {
        // https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference (2024-05): M3 Max, Llama 3 8B Q4_K_M,
        // text generation of 1,024 tokens at 50.74 tok/s
        PlanResponse llamaCpp = evaluate("llama-3-8b", "gguf-q4_k_m", "apple-m3-max", null, "llama.cpp",
                Map.of("mode", "single-stream", "inputTokens", 1, "outputTokens", 1024));
        near(50.74, 0.25, llamaCpp.performance().outputTokensPerSecondPerRequest(), "llama.cpp decode on M3 Max");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> evaluate("llama-3-8b", "bf16",
                "apple-m3-max", null, "tensorrt-llm", Map.of("mode", "single-stream", "inputTokens", 1, "outputTokens", 1024)));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
        Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
        assertTrue(p.detail().contains("NVIDIA"), p.detail());
    }
}
