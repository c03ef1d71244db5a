package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requests a new user tried that were refused for catalog reasons (issue 13): each now answers, or is refused
 * with a physical reason and its source.
 */
@MicronautTest
class CatalogRefusalsHttpTest {

    private static final double GIB = 1024.0 * 1024 * 1024;

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> plan(String model, String weights, String accelerator, String framework, int input, int output) {
        return EvaluateMemoryHttpTest.plan(model, weights, null, accelerator, null, framework, input, output);
    }

    private PlanResponse evaluate(Map<String, Object> body) {
        return EvaluateCalls.evaluate(client, body);
    }

    private Problem refused(Map<String, Object> body, HttpStatus status) {
        return EvaluateCalls.refused(client, body, status);
    }

    @Nested
    class Mxfp4 {
        @ParameterizedTest(name = "{0} in MXFP4 with {2} on {1}")
        @CsvSource({
                "gpt-oss-20b, h100-sxm, vllm",
                "gpt-oss-120b, h100-sxm, vllm",
                "gpt-oss-120b, b200, tensorrt-llm",
                "gpt-oss-20b, rtx-4090, ollama",
                "gpt-oss-20b, apple-m4-max, llama.cpp",
                "deepseek-r1, mi355x, sglang"})
        void runsInItsNativeFormat(String model, String accelerator, String framework) {
            PlanResponse r = evaluate(plan(model, "mxfp4", accelerator, framework, 1024, 256));
            assertTrue(r.memory().fits());
            assertTrue(r.performance().outputTokensPerSecond() > 0);
        }

        @Test
        void onAnA100VllmRunsItWeightOnlyAndSaysSo() {
            PlanResponse r = evaluate(plan("gpt-oss-20b", "mxfp4", "a100-80gb-sxm", "vllm", 1024, 256));
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("weight format mxfp4 runs weight-only on a100-80gb-sxm")
                    && w.contains("recipes")), r.warnings().toString());
        }

        @Test
        void onAdaVllmRefusesWithTheRecipeAsSource() {
            Problem p = refused(plan("gpt-oss-20b", "mxfp4", "l40s", "vllm", 1024, 256), HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("weightFormat", p.errors().get(0).field());
            assertTrue(p.detail().contains("Ada Lovelace") && p.detail().contains("OpenAI/GPT-OSS.md"), p.detail());
        }
    }

    @Nested
    class Fp8OnAmpere {
        @Test
        void vllmRunsFp8CheckpointsWeightOnlyOnAnA100() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "fp8", "a100-80gb-sxm", "vllm", 1024, 256));
            assertTrue(r.memory().fits());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("runs weight-only") && w.contains("FP8 Marlin")
                    && w.contains("fp8.md")), r.warnings().toString());
        }

        @Test
        void tensorRtLlmRefusesWithItsHardwareMatrixAsSource() {
            Problem p = refused(plan("llama-3.1-8b", "fp8", "a100-80gb-sxm", "tensorrt-llm", 1024, 256),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertTrue(p.detail().contains("no FP8 kernels on Ampere") && p.detail().contains("features/quantization.md"),
                    p.detail());
        }
    }

    @Nested
    class BitsFromTheFormatsDefinition {
        /** Llama-3.1-8B in GPTQ int4 g128: 4.15625 bits on the quantized linears, 16-bit embeddings and head. */
        @Test
        void gptqInt4Answers() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "gptq-int4", "a100-80gb-sxm", "vllm", 1024, 256));
            PlanResponse bf16 = evaluate(plan("llama-3.1-8b", "bf16", "a100-80gb-sxm", "vllm", 1024, 256));
            assertTrue(r.memory().weightsGiB() < bf16.memory().weightsGiB() / 2.5, r.memory().weightsGiB() + " GiB");
        }

        @Test
        void mlcQ4f16Answers() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "mlc-q4f16_1", "rtx-4090", "mlc-llm", 1024, 256));
            assertTrue(r.memory().fits());
            // MLC quantizes the embedding and head too: all 8.03 B parameters at 4.5 bits = 4.2 GiB
            assertEquals(8.03e9 * 4.5 / 8 / GIB, r.memory().weightsGiB(), 0.35);
        }
    }

    @Nested
    class CpuOnly {
        private Map<String, Object> genoa(Map<String, Object> host) {
            Map<String, Object> body = plan("llama-3.1-8b", "gguf-q4_k_m", "epyc-9004-genoa", "llama.cpp", 512, 128);
            if (host != null) {
                body.put("host", host);
            }
            return body;
        }

        @Test
        void withoutItsRamTheCpuIsRefusedNamingTheInput() {
            Problem p = refused(genoa(null), HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("host.hostMemoryGB", p.errors().get(0).field());
            assertTrue(p.detail().contains("host's RAM") && p.detail().contains("channels × MT/s × 8 B"), p.detail());
        }

        @Test
        void withItsRamItAnswersAtTwelveChannelsOfDdr5_4800() {
            PlanResponse r = evaluate(genoa(Map.of("hostMemoryGB", 384)));
            assertTrue(r.memory().fits());
            assertEquals(384.0, r.plan().host().hostMemoryGB(), 1e-9);
            assertEquals(460.8, r.plan().host().memoryBandwidthGBps(), 1e-9);
            assertEquals(384.0, r.memory().capacityGiBPerAccelerator(), 1e-9);
        }

        @Test
        void fewerChannelsMeanLessBandwidthAndSlowerDecode() {
            PlanResponse full = evaluate(genoa(Map.of("hostMemoryGB", 384)));
            PlanResponse half = evaluate(genoa(Map.of("hostMemoryGB", 192, "memoryChannels", 6)));
            assertEquals(230.4, half.plan().host().memoryBandwidthGBps(), 1e-9);
            assertTrue(half.performance().outputTokensPerSecondPerRequest() < full.performance().outputTokensPerSecondPerRequest());
        }

        @Test
        void moreChannelsThanThePlatformHasIsABadRequest() {
            Problem p = refused(genoa(Map.of("hostMemoryGB", 384, "memoryChannels", 13)), HttpStatus.BAD_REQUEST);
            assertEquals("host.memoryChannels", p.errors().get(0).field());
            assertTrue(p.detail().contains("at most 12"), p.detail());
        }

        @Test
        void ollamaAnswersOnADesktopCpu() {
            Map<String, Object> body = plan("llama-3.1-8b", "gguf-q4_k_m", "ryzen-9-7950x", "ollama", 512, 128);
            body.put("host", Map.of("hostMemoryGB", 64));
            PlanResponse r = evaluate(body);
            assertEquals(83.2, r.plan().host().memoryBandwidthGBps(), 1e-9);
        }

        @Test
        void aUnifiedMemorySocTakesTheConfigurationBought() {
            Map<String, Object> body = plan("llama-3.1-8b", "gguf-q4_k_m", "apple-m4-max", "llama.cpp", 512, 128);
            body.put("host", Map.of("hostMemoryGB", 36));
            assertEquals(36.0, evaluate(body).memory().capacityGiBPerAccelerator(), 1e-9);
            body.put("host", Map.of("hostMemoryGB", 256));
            assertEquals("host.hostMemoryGB", refused(body, HttpStatus.BAD_REQUEST).errors().get(0).field());
        }

        @Test
        void theRaspberryPi5RunsASmallModelWithLlamaCpp() {
            PlanResponse r = evaluate(plan("llama-3.2-1b", "gguf-q4_k_m", "raspberry-pi-5", "llama.cpp", 256, 64));
            assertTrue(r.memory().fits());
        }

        @Test
        void theHostBlockWorksAsQueryParameters() {
            PlanResponse r = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/evaluate?model=llama-3.1-8b"
                    + "&weightFormat=gguf-q4_k_m&accelerator=epyc-9004-genoa&framework=llama.cpp&mode=single-stream"
                    + "&inputTokens=512&outputTokens=128&hostMemoryGB=768&memoryChannels=8&memoryTransferRateMTps=4800"),
                    PlanResponse.class);
            assertEquals(307.2, r.plan().host().memoryBandwidthGBps(), 1e-9);
        }
    }

    @Nested
    class RopeScaling {
        private Map<String, Object> qwen(int input, Map<String, Object> rope) {
            Map<String, Object> body = plan("qwen3-8b", "bf16", "h100-sxm", "vllm", input, 1000);
            body.put("acceleratorCount", 1);
            if (rope != null) {
                body.put("serving", Map.of("ropeScaling", rope));
            }
            return body;
        }

        @Test
        void beyondTheNativeWindowTheRefusalPointsAtTheDocumentedExtension() {
            Problem p = refused(qwen(60_000, null), HttpStatus.UNPROCESSABLE_ENTITY);
            assertTrue(p.detail().contains("40960") && p.detail().contains("yarn") && p.detail().contains("serving.ropeScaling"),
                    p.detail());
        }

        @Test
        void withYarnFactorFourQwen3Serves131072Tokens() {
            PlanResponse r = evaluate(qwen(60_000, Map.of("type", "yarn", "factor", 4.0)));
            assertEquals(131_072, r.plan().maxContextTokens());
            assertTrue(r.warnings().get(0).contains("context extended by yarn rope scaling"), r.warnings().get(0));
        }

        @Test
        void aFactorBeyondTheCardIsRefused() {
            Problem p = refused(qwen(60_000, Map.of("type", "yarn", "factor", 8.0)), HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("serving.ropeScaling", p.errors().get(0).field());
        }

        @Test
        void theFactorWorksAsAQueryParameter() {
            PlanResponse r = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/evaluate?model=qwen3-8b"
                    + "&weightFormat=bf16&accelerator=h100-sxm&acceleratorCount=1&framework=vllm&mode=single-stream"
                    + "&inputTokens=60000&outputTokens=100&ropeScalingType=yarn&ropeScalingFactor=2.5"), PlanResponse.class);
            assertEquals(81_920, r.plan().maxContextTokens());
        }
    }

    @Nested
    class NewHardware {
        @Test
        void vllmServesLlamaOnTpuV6e() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "bf16", "google-tpu-v6e", "vllm", 1024, 256));
            assertTrue(r.memory().fits());
        }

        @Test
        void fp8OnTpuV6eIsRefusedPhysically() {
            Problem p = refused(plan("llama-3.1-8b", "fp8", "google-tpu-v6e", "vllm", 1024, 256), HttpStatus.UNPROCESSABLE_ENTITY);
            assertTrue(p.detail().contains("no FP8 matrix units") && p.detail().contains("tpu-inference"), p.detail());
        }

        @Test
        void jetsonAgxOrinRunsLlamaCpp() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "gguf-q4_k_m", "jetson-agx-orin-64gb", "llama.cpp", 512, 128));
            assertTrue(r.memory().fits());
        }

        @Test
        void aHybridModelAnswersWithItsRecurrentStateCounted() {
            PlanResponse r = evaluate(plan("nemotron-h-56b", "bf16", "h200-sxm", "vllm", 4000, 1000));
            // 10 attention layers × 2 × 8 × 128 × 2 B = 40,960 B per token; + 459,620,352 B of Mamba-2 state per request
            assertEquals(40_960, r.memory().kvCacheBytesPerToken());
            assertEquals((40_960.0 * 5000 + 459_620_352.0) / GIB, r.memory().kvCacheGiBPerRequest(), 1e-9);
        }
    }
}
