package io.inferplan.plan.technique;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving techniques through the real HTTP server: answers, the CSV columns, and refusals naming the field. */
@MicronautTest(environments = "test")
class TechniquesHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> plan(String model, String accelerator, int count, String framework, Map<String, Object> workload,
                                    Map<String, Object> serving) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("model", model, "weightFormat", "bf16",
                "accelerator", accelerator, "acceleratorCount", count, "framework", framework, "workload", workload));
        if (serving != null) {
            body.put("serving", serving);
        }
        return body;
    }

    static Map<String, Object> chat(int concurrency) {
        return Map.of("mode", "fixed-concurrency", "inputTokens", 1024, "outputTokens", 256, "concurrency", concurrency);
    }

    PlanResponse evaluate(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
    }

    Problem refused(Map<String, Object> body, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> evaluate(body));
        assertEquals(status, e.getStatus());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    static String field(Problem p) {
        return p.errors().get(0).field();
    }

    @Nested
    class Speculative {
        @Test
        void eagleCutsTpotAndSaysWithoutAndWhereItStopsPaying() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(4),
                    Map.of("speculative", Map.of("method", "eagle", "numSpeculativeTokens", 3, "acceptanceRate", 0.8))));
            TechniquesBlock.Speculative s = r.techniques().speculative();
            assertEquals(2.952, s.expectedTokensPerStep(), 1e-9); // (1 − 0.8^4) ÷ 0.2
            assertEquals("given", s.acceptanceRateSource());
            assertTrue(s.tpotMsWithout() > r.performance().tpotMs() * 1.5, s.tpotMsWithout() + " vs " + r.performance().tpotMs());
            assertEquals(s.tpotMsWithout() / r.performance().tpotMs(), s.tpotSpeedup(), 1e-9);
            assertTrue(s.curve().size() >= 5 && s.curve().get(0).concurrency() == 1);
            assertNotNull(s.breakEvenNote());
        }

        @Test
        void withoutAnAcceptanceRateThePublishedDefaultIsUsedAndCited() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(1),
                    Map.of("speculative", Map.of("method", "ngram"))));
            TechniquesBlock.Speculative s = r.techniques().speculative();
            assertEquals(5, s.numSpeculativeTokens()); // the k TensorRT-LLM measured 1.37 tokens per step at
            assertTrue(s.acceptanceRateSource().contains("https://github.com/NVIDIA/TensorRT-LLM/"), s.acceptanceRateSource());
        }

        @Test
        void aDraftOfAnotherTokenizerFamilyIsRefusedNamingTheField() {
            Problem p = refused(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(1),
                    Map.of("speculative", Map.of("method", "draft-model", "draftModel", "qwen3-0.6b"))),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("serving.speculative.draftModel", field(p));
            assertTrue(p.detail().contains("qwen3") && p.detail().contains("llama3"), p.detail());
        }

        @Test
        void aDraftModelMethodWithoutItsModelIs400() {
            Problem p = refused(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(1),
                    Map.of("speculative", Map.of("method", "draft-model"))), HttpStatus.BAD_REQUEST);
            assertEquals("serving.speculative.draftModel", field(p));
        }

        @Test
        void anUnknownMethodListsTheAllowedOnes() {
            Problem p = refused(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(1),
                    Map.of("speculative", Map.of("method", "medusa"))), HttpStatus.BAD_REQUEST);
            assertEquals("serving.speculative.method", field(p));
            assertTrue(p.errors().get(0).message().contains("draft-model"), p.errors().get(0).message());
        }
    }

    @Nested
    class Lora {
        /** PEFT defaults, rank 8 on q_proj and v_proj of Llama-3.1-8B: 32 × 8 × (8,192 + 5,120) × 2 B = 6.5 MiB. */
        @Test
        void adaptersAreSizedFromTheModelsShapes() {
            PlanResponse r = evaluate(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(32),
                    Map.of("lora", Map.of("adapters", 100, "maxLorasPerBatch", 8))));
            TechniquesBlock.Lora l = r.techniques().lora();
            assertEquals(6.5, l.adapterMiB(), 1e-12);
            assertEquals(List.of("q_proj", "v_proj"), l.targetModules());
            assertEquals(0.92, l.missFraction(), 1e-12);
            assertEquals(8, l.maxConcurrentRequestsFromSlots()); // ln(0.92) ÷ ln(0.99) = 8.3
            assertEquals("pcie-gen5-x16", l.hostLink());
            assertTrue(l.outputTokensPerSecondWithout() > r.performance().outputTokensPerSecond());
        }

        @Test
        void aFrameworkWithoutADocumentedDefaultNeedsTheSlotCount() {
            Problem p = refused(plan("llama-3.1-8b", "h100-sxm", 1, "tensorrt-llm", chat(8),
                    Map.of("lora", Map.of("adapters", 10))), HttpStatus.BAD_REQUEST);
            assertEquals("serving.lora.maxLorasPerBatch", field(p));
        }

        @Test
        void anUnknownTargetModuleIs400() {
            Problem p = refused(plan("llama-3.1-8b", "h100-sxm", 1, "vllm", chat(8),
                    Map.of("lora", Map.of("adapters", 10, "targetModules", List.of("qkv")))), HttpStatus.BAD_REQUEST);
            assertEquals("serving.lora.targetModules[0]", field(p));
        }
    }

    @Nested
    class Disaggregation {
        static Map<String, Object> pools(String framework) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(plan("llama-3.1-70b", "h100-sxm", 4, framework,
                    Map.of("mode", "arrival-rate", "inputTokens", 2048, "outputTokens", 256, "requestsPerSecond", 1.0), null));
            body.put("weightFormat", "fp8");
            body.put("kvCacheFormat", "fp8");
            body.put("disaggregation", Map.of("prefill", Map.of("tensorParallel", 2), "decode", Map.of("tensorParallel", 4)));
            return body;
        }

        /**
         * 1P1D of 2 + 4 H100 on one node: the KV of a 2,048-token prompt (163,840 B per token in FP8) crosses NVLink 4,
         * 450 GB/s on each of the 2 ranks that send: 335,544,320 ÷ 900e9 s = 0.3728 ms.
         */
        @Test
        void twoPoolsOnOneNodeSendTheKvOverNvlink() {
            PlanResponse r = evaluate(pools("vllm"));
            TechniquesBlock.Disaggregation d = r.techniques().disaggregation();
            assertEquals("1P1D", d.ratio());
            assertEquals(6, r.plan().acceleratorCount());
            assertEquals("nvlink-4", d.kvLink());
            assertEquals(335_544_320 / 900e9 * 1000, d.kvTransferMs(), 1e-9);
            assertEquals(2, d.prefill().tensorParallel());
            assertEquals(4, d.decode().tensorParallel());
            assertTrue(r.performance().ttftMs() > d.prefill().ttftMs());
            assertEquals(5, d.poolSizesByTraffic().size());
        }

        @Test
        void aFrameworkWithoutDisaggregationIsRefusedWithItsSource() {
            Problem p = refused(pools("llama.cpp"), HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("disaggregation", field(p));
            assertTrue(p.detail().contains("source: https://"), p.detail());
        }

        @Test
        void anUnknownLinkListsTheValidOnes() {
            Map<String, Object> body = pools("vllm");
            body.put("disaggregation", Map.of("kvLink", "carrier-pigeon"));
            Problem p = refused(body, HttpStatus.BAD_REQUEST);
            assertEquals("disaggregation.kvLink", field(p));
            assertTrue(p.errors().get(0).message().contains("infiniband-ndr-400"));
        }
    }

    @Nested
    class Csv {
        @Test
        void theTechniqueColumnsAreInTheCsvAndFilledFromTheQuery() throws Exception {
            String csv = client.toBlocking().retrieve("/api/v1/plans/evaluate.csv?model=llama-3.1-8b&weightFormat=bf16"
                    + "&accelerator=h100-sxm&acceleratorCount=1&framework=vllm&mode=fixed-concurrency&inputTokens=1024"
                    + "&outputTokens=256&concurrency=4&speculativeMethod=eagle&numSpeculativeTokens=3&acceptanceRate=0.8");
            List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVParser.parse(csv,
                    org.apache.commons.csv.CSVFormat.RFC4180).getRecords();
            List<String> header = rows.get(0).toList();
            int col = header.indexOf("techniques.speculative.expectedTokensPerStep");
            assertTrue(col > 0, header.toString());
            assertTrue(header.contains("techniques.lora.adapterMiB") && header.contains("techniques.disaggregation.ratio"));
            assertEquals(2.952, Double.parseDouble(rows.get(1).get(col)), 1e-9);
        }
    }

    @Nested
    class Tables {
        /** The sourced tables a plan is made with: NVLink 4 is 900 GB/s both ways, 450 GB/s each way per GPU. */
        @Test
        void theLinksTheSupportTableAndTheAcceptanceDefaultsCarryTheirSources() {
            List<TechniqueCatalogController.Link> links = client.toBlocking().retrieve(HttpRequest.GET(
                    "/api/v1/techniques/kv-links"), io.micronaut.core.type.Argument.listOf(TechniqueCatalogController.Link.class));
            TechniqueCatalogController.Link nvlink = links.stream().filter(l -> l.id().equals("nvlink-4")).findFirst()
                    .orElseThrow();
            assertEquals(450.0, nvlink.gigabytesPerSecond(), 1e-9);
            assertTrue(links.stream().allMatch(l -> l.sourceUrl().startsWith("https://")), "every link sourced");

            List<TechniqueCatalogController.SupportCell> cells = client.toBlocking().retrieve(HttpRequest.GET(
                    "/api/v1/techniques/support?framework=llama.cpp&technique=pd-disaggregation"),
                    io.micronaut.core.type.Argument.listOf(TechniqueCatalogController.SupportCell.class));
            assertEquals(1, cells.size());
            assertEquals("unsupported", cells.get(0).status());

            List<TechniqueCatalogController.Acceptance> rows = client.toBlocking().retrieve(HttpRequest.GET(
                    "/api/v1/techniques/acceptance"), io.micronaut.core.type.Argument.listOf(
                    TechniqueCatalogController.Acceptance.class));
            TechniqueCatalogController.Acceptance ngram = rows.stream().filter(r -> r.method().equals("ngram")
                    && r.modelFamily().equals("*")).findFirst().orElseThrow();
            assertEquals(5, ngram.numSpeculativeTokens());
            // mean acceptance length 1.37 at k = 5: (1 − α⁶) ÷ (1 − α) = 1.37
            assertEquals(1.37, (1 - Math.pow(ngram.acceptanceRate(), 6)) / (1 - ngram.acceptanceRate()), 1e-6);
        }
    }
}
