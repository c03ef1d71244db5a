package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory block of evaluate, through the real HTTP server, against the facts of engine.md worked by hand. */
@MicronautTest
class EvaluateMemoryHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> plan(String model, String weights, String kv, String accelerator, Integer count,
                                    String framework, int input, int output) {
        Map<String, Object> body = new HashMap<>();
        body.put("model", model);
        body.put("weightFormat", weights);
        if (kv != null) {
            body.put("kvCacheFormat", kv);
        }
        body.put("accelerator", accelerator);
        if (count != null) {
            body.put("acceleratorCount", count);
        }
        body.put("framework", framework);
        body.put("workload", Map.of("mode", "fixed-concurrency", "inputTokens", input, "outputTokens", output, "concurrency", 4));
        return body;
    }

    private PlanResponse evaluate(Map<String, Object> body) {
        return EvaluateCalls.evaluate(client, body);
    }

    private Problem refused(Map<String, Object> body, HttpStatus status) {
        return EvaluateCalls.refused(client, body, status);
    }

    @Nested
    class KvCacheFacts {
        /** engine.md: 2 × 80 layers × 8 KV heads × 128 head dim × 2 B = 327,680 B per token; 131,072 tokens = 40 GiB. */
        @Test
        void llama31_70bFp16KvIs320KiBPerTokenAnd40GiBAtFullContext() {
            PlanResponse r = evaluate(plan("llama-3.1-70b", "fp8", "fp16", "h200-sxm", 8, "vllm", 131_071, 1));
            assertEquals(327_680, r.memory().kvCacheBytesPerToken());
            assertEquals(40.0, r.memory().kvCacheGiBPerRequest(), 1e-9);
        }

        @Test
        void fp8KvHalvesIt() {
            PlanResponse r = evaluate(plan("llama-3.1-70b", "fp8", "fp8", "h200-sxm", 8, "vllm", 131_071, 1));
            assertEquals(163_840, r.memory().kvCacheBytesPerToken());
            assertEquals(20.0, r.memory().kvCacheGiBPerRequest(), 1e-9);
        }

        /** engine.md: Llama-3.1-8B is 2 × 32 × 8 × 128 × 2 B = 128 KiB per token, 4 GiB at 32K. */
        @Test
        void llama31_8bIs128KiBPerTokenAnd4GiBAt32k() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm", 32_767, 1));
            assertEquals(131_072, r.memory().kvCacheBytesPerToken());
            assertEquals(4.0, r.memory().kvCacheGiBPerRequest(), 1e-9);
        }

        /** DeepSeek-V3 MLA stores one latent of (512 + 64) per layer: 576 × 61 × 2 B = 70,272 B per token. */
        @Test
        void deepSeekV3StoresTheCompressedLatent() {
            PlanResponse r = evaluate(plan("deepseek-v3", "fp8", null, "h200-sxm", 8, "sglang", 1024, 128));
            assertEquals(70_272, r.memory().kvCacheBytesPerToken());
        }

        @Test
        void pagedAllocationFitsFarMoreRequestsThanMaxContextReservation() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm", 2048, 256));
            long naive = r.memory().concurrency().naiveRequests();
            long paged = r.memory().concurrency().pagedRequests();
            assertTrue(paged > 10 * naive, "naive " + naive + " vs paged " + paged);
        }
    }

    @Nested
    class Capacity {
        @Test
        void withoutACountTheFewestAcceleratorsThatFitAreChosen() {
            // 405B in BF16 is ~756 GiB of weights: more than 8 × 80 GiB, so one 8-GPU node is not enough.
            PlanResponse r = evaluate(plan("llama-3.1-405b", "bf16", null, "h100-sxm", null, "vllm", 1024, 128));
            assertTrue(r.plan().acceleratorCount() > 8, "count " + r.plan().acceleratorCount());
            assertTrue(r.memory().fits());
        }

        @Test
        void anExplicitCountThatIsTooSmallSaysFitsFalse() {
            PlanResponse r = evaluate(plan("llama-3.1-70b", "bf16", null, "l4", 1, "vllm", 1024, 128));
            assertFalse(r.memory().fits());
            assertEquals(24.0, r.memory().capacityGiBPerAccelerator(), 1e-9);
        }
    }

    @Nested
    class CombinationsThatCannotRun {
        @ParameterizedTest(name = "{0} weights on {1} with {2}: 422 naming {3}")
        @CsvSource({
                "nvfp4, h100-sxm, vllm, weightFormat",
                "fp8, a100-80gb-sxm, tensorrt-llm, weightFormat",
                "bf16, mi300x, tensorrt-llm, accelerator",
                "gguf-q4_k_m, h100-sxm, tensorrt-llm, weightFormat",
                "bf16, apple-m2-ultra, vllm, accelerator"})
        void isRefusedWithAReason(String weights, String accelerator, String framework, String field) {
            Problem p = refused(plan("llama-3.1-8b", weights, null, accelerator, 1, framework, 512, 64),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals(field, p.errors().get(0).field(), p.detail());
            assertFalse(p.detail().isBlank());
        }

        @Test
        void aPromptLongerThanTheModelsContextIsRefused() {
            Problem p = refused(plan("llama-2-7b", "fp16", null, "a100-80gb-sxm", 1, "vllm", 4096, 1),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertTrue(p.detail().contains("4096"), p.detail());
        }

        /**
         * A catalog entry without a sourced figure is refused, not guessed: no retrieved source states the Orange Pi 5
         * Plus's DRAM rate (the model-side refusal is EngineSpecsTest's, every shipped model being complete).
         */
        @Test
        void anAcceleratorWithoutSourcedBandwidthIsRefusedNotGuessed() {
            Problem p = refused(plan("llama-3.2-1b", "gguf-q4_k_m", null, "orange-pi-5-plus-16gb", 1, "llama.cpp", 512, 64),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertTrue(p.detail().contains("orange-pi-5-plus-16gb has no sourced value for memoryBandwidthGBps"), p.detail());
        }
    }

    @Nested
    class BadInput {
        @Test
        void everyBadFieldIsNamedWithWhatIsAllowed() {
            Map<String, Object> body = plan("llama-3.1-7b", "bf16", null, "h100-sxm", 0, "vllm", 0, 10);
            Problem p = refused(body, HttpStatus.BAD_REQUEST);
            Map<String, String> byField = new HashMap<>();
            p.errors().forEach(e -> byField.put(e.field(), e.message()));
            assertTrue(byField.get("model").contains("llama-3.1-8b"), byField.toString());
            assertTrue(byField.get("acceleratorCount").contains("between 1 and 1024"), byField.toString());
            assertTrue(byField.get("workload.inputTokens").contains("between 1"), byField.toString());
        }

        @Test
        void malformedJsonIsA400ProblemNotA500() {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                    .exchange(HttpRequest.POST("/api/v1/plans/evaluate", "{\"model\": [").contentType("application/json")));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        }

        @Test
        void aStringWhereANumberBelongsIsA400() {
            Map<String, Object> body = plan("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm", 10, 10);
            body.put("acceleratorCount", "four");
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> evaluate(body));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        }
    }
}
