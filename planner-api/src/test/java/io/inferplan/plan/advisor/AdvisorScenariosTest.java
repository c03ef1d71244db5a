package io.inferplan.plan.advisor;

import io.inferplan.plan.advisor.AdviseResponse.Advice;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The five scenarios of issue 14, each asserting what the field's reasoning argues. The rankings follow from the
 * engine's numbers, which move with every refit of the efficiency profile: a scenario that fails here is listed in
 * the README with the numbers that argue against it (tagged, never weakened).
 */
@MicronautTest
@Tag("engine-comparison")
class AdvisorScenariosTest {

    @Inject
    @Client("/")
    HttpClient client;

    AdviseResponse advise(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/advise", body), AdviseResponse.class);
    }

    static String first(AdviseResponse r) {
        return r.frameworks().get(0).framework();
    }

    static String summary(AdviseResponse r) {
        return r.frameworks().stream().filter(a -> a.score() != null)
                .map(a -> a.rank() + ". " + a.framework() + " " + a.score() + " (" + a.weightFormat() + ", "
                        + Math.round(a.outputTokensPerSecond()) + " tok/s)").toList().toString();
    }

    @Test
    void highConcurrencyChatOnFourH100ForSixMonthsGoesToVllm() {
        // field: vLLM wins by design, at 80-90 % of TensorRT-LLM's peak without its compile step
        AdviseResponse r = advise(Map.of("model", "llama-3.1-70b", "accelerator", "h100-sxm", "acceleratorCount", 4,
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500, "concurrency", 64),
                "deploymentMonths", 6));
        assertEquals("vllm", first(r), summary(r));
    }

    @Test
    void withoutAnInfrastructureTeamAndAMonthlyModelTheCompileStepHandsTheFirstScenarioToVllmOrSglang() {
        // the field's reason for vLLM in the first scenario is TensorRT-LLM's compile step, at 80-90 % of its peak;
        // the advisor weighs that step by the model versions over the lifetime and the team's cost per step
        AdviseResponse r = advise(Map.of("model", "llama-3.1-70b", "accelerator", "h100-sxm", "acceleratorCount", 4,
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500, "concurrency", 64),
                "deploymentMonths", 6, "modelChangesPerYear", 12, "teamExperience", "none"));
        assertTrue(Set.of("vllm", "sglang").contains(first(r)), summary(r));
        Advice trt = AdvisorHttpTest.row(r, "tensorrt-llm");
        assertTrue(trt.criteria().setupCost().score() < AdvisorHttpTest.row(r, first(r)).criteria().setupCost().score(), summary(r));
        // the format follows the lifetime too: a format needing an offline quantization run per model loses to one
        // served from the 16-bit release (or quantized at load) when the model changes monthly
        String vllmFormat = AdvisorHttpTest.row(r, "vllm").weightFormat();
        assertTrue(Set.of("bf16", "fp8").contains(vllmFormat), vllmFormat);
    }

    @Test
    void ragWithMostOfThePromptSharedGoesToSglang() {
        // field: SGLang wins on prefix overlap (RadixAttention)
        AdviseResponse r = advise(Map.of("model", "llama-3.1-8b", "accelerator", "h100-sxm", "acceleratorCount", 1,
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 4000, "outputTokens", 200, "concurrency", 32,
                        "sharedPrefixTokens", 3500)));
        assertEquals("sglang", first(r), summary(r));
        Advice sglang = AdvisorHttpTest.row(r, "sglang");
        Advice vllm = AdvisorHttpTest.row(r, "vllm");
        assertTrue(sglang.criteria().prefixCache().score() >= vllm.criteria().prefixCache().score(), summary(r));
    }

    @Test
    void oneUserOnAnAppleLaptopGetsLlamaCppWithGgufQ4Km() {
        // field: llama.cpp (Ollama on top of it for convenience) with Q4_K_M, within ~5-8 % of FP16
        AdviseResponse r = advise(Map.of("model", "llama-3.1-8b", "accelerator", "apple-m3-max",
                "workload", Map.of("mode", "single-stream", "inputTokens", 500, "outputTokens", 300)));
        assertEquals("llama.cpp", first(r), summary(r));
        Advice top = r.frameworks().get(0);
        assertEquals("gguf-q4_k_m", top.weightFormat());
        assertTrue(top.quality().percentBelowSixteenBit() <= 8, top.quality().basis());
        assertEquals("gguf-q4_k_m", AdvisorHttpTest.row(r, "ollama").weightFormat());
        assertNull(AdvisorHttpTest.row(r, "tensorrt-llm").score());
    }

    @Test
    void aFixedModelOnEightB200ForThreeYearsGoesToTensorRtLlmWithNvfp4() {
        // field: TensorRT-LLM compounds, compile once, highest peak with NVFP4 on Blackwell
        AdviseResponse r = advise(Map.of("model", "llama-3.1-70b", "accelerator", "b200", "acceleratorCount", 8,
                "workload", Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 1000),
                "deploymentMonths", 36, "modelChangesPerYear", 0));
        assertEquals("tensorrt-llm", first(r), summary(r));
        assertEquals("nvfp4", r.frameworks().get(0).weightFormat());
    }

    @Test
    void seventyBOnTwoMi300xGoesToVllmOrSglangAndNeverToTensorRtLlm() {
        // field: vLLM or SGLang (ROCm); TensorRT-LLM cannot run
        AdviseResponse r = advise(Map.of("model", "llama-3.1-70b", "accelerator", "mi300x", "acceleratorCount", 2,
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500, "concurrency", 32)));
        List<String> topTwo = r.frameworks().subList(0, 2).stream().map(Advice::framework).toList();
        assertEquals(Set.of("vllm", "sglang"), Set.copyOf(topTwo), summary(r));
        Advice trt = AdvisorHttpTest.row(r, "tensorrt-llm");
        assertNull(trt.score());
        assertTrue(trt.cannotRunBecause().contains("NVIDIA"), trt.cannotRunBecause());
    }
}
