package io.inferplan.plan.advisor;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.advisor.AdviseResponse.Advice;
import io.inferplan.plan.advisor.AdviseResponse.Criterion;
import io.inferplan.plan.advisor.AdviseResponse.CriterionWeight;
import io.inferplan.plan.advisor.AdviseResponse.Question;
import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The advisor's mechanics through the real server: the four questions read or assumed, the weights, the table's
 * arithmetic, the sourced facts, the format rule and the CSV. Rankings that depend on the engine's numbers are in
 * {@link AdvisorScenariosTest}.
 */
@MicronautTest
class AdvisorHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> chat70bOn4H100() {
        Map<String, Object> body = new HashMap<>();
        body.put("model", "llama-3.1-70b");
        body.put("accelerator", "h100-sxm");
        body.put("acceleratorCount", 4);
        body.put("workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500, "concurrency", 64));
        body.put("deploymentMonths", 6);
        return body;
    }

    AdviseResponse advise(Map<String, Object> body) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/advise", body), AdviseResponse.class);
    }

    static Advice row(AdviseResponse r, String framework) {
        return r.frameworks().stream().filter(a -> a.framework().equals(framework)).findFirst().orElseThrow();
    }

    static Question question(List<Question> qs, String id) {
        return qs.stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
    }

    @Nested
    class TheFourQuestions {
        @Test
        void eachIsAnsweredAndSaysWhetherItWasReadOrAssumed() {
            AdviseResponse r = advise(chat70bOn4H100());
            assertEquals(List.of("concurrency", "prefixOverlap", "hardware", "lifetime"), r.questions().stream().map(Question::id).toList());
            Question concurrency = question(r.questions(), "concurrency");
            assertEquals("64 requests in flight at all times", concurrency.answer());
            assertFalse(concurrency.assumed());
            Question prefix = question(r.questions(), "prefixOverlap");
            assertTrue(prefix.assumed(), "no sharedPrefixTokens given");
            assertTrue(prefix.how().contains("assumed no shared prefix"), prefix.how());
            assertTrue(question(r.questions(), "hardware").answer().startsWith("4 × h100-sxm"));
            Question lifetime = question(r.questions(), "lifetime");
            assertEquals("6 months, 0 model changes a year", lifetime.answer());
            assertTrue(lifetime.assumed() && lifetime.how().contains("modelChangesPerYear not given: assumed 0"), lifetime.how());
            assertTrue(question(r.otherInputs(), "teamExperience").assumed());
            assertTrue(question(r.otherInputs(), "qualityBudget").answer().contains("5 %"));
        }

        @Test
        void aBareRequestAssumesTheWorkloadAndSaysWhichNumbers() {
            AdviseResponse r = advise(Map.of("model", "llama-3.1-8b", "accelerator", "l40s"));
            Question concurrency = question(r.questions(), "concurrency");
            assertTrue(concurrency.assumed());
            assertTrue(concurrency.how().contains("workload.inputTokens 2048") && concurrency.how().contains("workload.outputTokens 256"),
                    concurrency.how());
            assertEquals("12 months, 0 model changes a year", question(r.questions(), "lifetime").answer());
        }
    }

    @Nested
    class TheTable {
        @Test
        void weightsAddUpToOneAndEveryScoreIsTheSumOfItsPoints() {
            AdviseResponse r = advise(chat70bOn4H100());
            assertEquals(1.0, r.weights().stream().mapToDouble(CriterionWeight::weight).sum(), 1e-9);
            assertEquals(0.0, r.weights().stream().filter(w -> w.id().equals("prefixCache")).findFirst().orElseThrow().weight(),
                    "no shared prefix: the prefix cache does not weigh");
            double previous = Double.MAX_VALUE;
            for (Advice a : r.frameworks().stream().filter(a -> a.score() != null).toList()) {
                List<Criterion> cs = List.of(a.criteria().throughput(), a.criteria().ttftP95(), a.criteria().tpotP95(),
                        a.criteria().prefixCache(), a.criteria().hardwareFit(), a.criteria().quality(), a.criteria().setupCost(),
                        a.criteria().maintenance(),
                        a.criteria().openAiApi(), a.criteria().structuredOutput(), a.criteria().evidence());
                double sum = cs.stream().mapToDouble(Criterion::points).sum();
                assertEquals(sum, a.score(), 0.06, a.framework());
                for (Criterion c : cs) {
                    assertEquals(c.weight() * (c.score() == null ? 50 : c.score()), c.points(), 0.002, a.framework() + " " + c.reason());
                }
                assertTrue(a.score() <= previous, "ranked by score");
                previous = a.score();
            }
            assertEquals(1, r.frameworks().get(0).rank());
        }

        @Test
        void theFastestGetsTheFullThroughputScoreAndTheOthersTheirShare() {
            AdviseResponse r = advise(chat70bOn4H100());
            List<Advice> running = r.frameworks().stream().filter(a -> a.score() != null).toList();
            double best = running.stream().mapToDouble(Advice::outputTokensPerSecond).max().orElseThrow();
            for (Advice a : running) {
                assertEquals(100 * a.outputTokensPerSecond() / best, a.criteria().throughput().score(), 0.001, a.framework());
                assertTrue(a.criteria().throughput().reason().contains(String.format(java.util.Locale.ROOT, "%,.0f", a.outputTokensPerSecond())));
            }
        }

        @Test
        void tgiScoresNothingOnMaintenanceAndQuotesTheDateItsReadmeSaidSo() {
            Criterion m = row(advise(chat70bOn4H100()), "tgi").criteria().maintenance();
            assertEquals(0.0, m.score());
            assertEquals(0.0, m.points());
            assertTrue(m.value().contains("maintenance mode since 2025-12-11"), m.value());
            assertTrue(m.sourceUrl().contains("text-generation-inference"), m.sourceUrl());
            Criterion vllm = row(advise(chat70bOn4H100()), "vllm").criteria().maintenance();
            assertEquals(100.0, vllm.score());
        }

        @Test
        void hardwareFitCreditsAFrameworkWhoseDocumentedFormatsIncludeTheFp8OfHopper() {
            // vLLM documents fp8 (catalog hardware_need native_fp8); LMDeploy's advised formats leave FP8 out (MoE only)
            AdviseResponse r = advise(chat70bOn4H100());
            Criterion vllm = row(r, "vllm").criteria().hardwareFit();
            assertEquals(100.0, vllm.score(), vllm.reason());
            assertTrue(vllm.reason().contains("one of its documented formats uses the FP8 tensor cores"), vllm.reason());
            Criterion lmdeploy = row(r, "lmdeploy").criteria().hardwareFit();
            assertEquals(50.0, lmdeploy.score(), lmdeploy.reason());
            assertTrue(lmdeploy.reason().contains("none of its documented formats"), lmdeploy.reason());
        }

        @Test
        void setUpStepsAreWeighedByTheLifetimeAndTheTeam() {
            // TensorRT-LLM with FP8: 2 steps per model version (Model Optimizer checkpoint + compilation at start)
            Map<String, Object> body = chat70bOn4H100();
            body.put("priorities", Map.of("throughput", 100.0));  // keeps TensorRT-LLM on FP8 whatever the weights
            Criterion some = row(advise(body), "tensorrt-llm").criteria().setupCost();
            assertEquals(100 / (1 + 2 * 1.0 * 1 / 6.0), some.score(), 0.001, some.reason());
            body.put("teamExperience", "none");
            body.put("modelChangesPerYear", 4.0);
            Criterion none = row(advise(body), "tensorrt-llm").criteria().setupCost();
            // 2 steps × 2 (no team yet) × (1 + 4 × 6/12 = 3 versions) ÷ 6 months = 2 steps a month
            assertEquals(100 / (1 + 2.0), none.score(), 0.001, none.reason());
            assertTrue(none.reason().contains("cold start 1,680 s"), none.reason());
        }

        @Test
        void prioritiesReplaceTheDefaultsTheyNameAndUnknownOnesAreRefused() {
            Map<String, Object> body = chat70bOn4H100();
            body.put("priorities", Map.of("maintenance", 100.0));
            AdviseResponse r = advise(body);
            CriterionWeight m = r.weights().stream().filter(w -> w.id().equals("maintenance")).findFirst().orElseThrow();
            assertTrue(m.weight() > 0.9 && m.why().startsWith("from the request's priorities"), m.toString());
            Advice last = r.frameworks().stream().filter(a -> a.score() != null).reduce((a, b) -> b).orElseThrow();
            assertEquals("tgi", last.framework(), "maintenance mode ranks last when maintenance is all that counts");

            body.put("priorities", Map.of("speed", 1.0));
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> advise(body));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals("priorities.speed", p.errors().get(0).field());
            assertTrue(p.errors().get(0).message().contains("throughput"), p.errors().get(0).message());
        }

        @Test
        void aSharedPrefixWeighsInProportionAndQuotesTheEnginesCacheOnAndOff() {
            AdviseResponse r = advise(Map.of("model", "llama-3.1-8b", "accelerator", "h100-sxm", "acceleratorCount", 1,
                    "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 4000, "outputTokens", 200, "concurrency", 32,
                            "sharedPrefixTokens", 3500)));
            assertEquals("3,500 of 4,000 prompt tokens (88 %)", question(r.questions(), "prefixOverlap").answer());
            Criterion sglang = row(r, "sglang").criteria().prefixCache();
            assertTrue(sglang.weight() > 0);
            assertTrue(sglang.value().startsWith("radix-tree prefix cache: mean TTFT"), sglang.value());
            Criterion ollama = row(r, "ollama").criteria().prefixCache();
            assertTrue(ollama.value().startsWith("no prefix cache"), ollama.value());
            assertEquals(0.0, ollama.score());
        }
    }

    @Nested
    class TheFormat {
        @Test
        void ollamaAndLlamaCppRunTheirDefaultQ4KmWithItsPublishedQualityCost() {
            AdviseResponse r = advise(Map.of("model", "llama-3.1-8b", "accelerator", "apple-m3-max",
                    "workload", Map.of("mode", "single-stream", "inputTokens", 500, "outputTokens", 300)));
            for (String fw : List.of("ollama", "llama.cpp")) {
                Advice a = row(r, fw);
                assertEquals("gguf-q4_k_m", a.weightFormat(), fw);
                assertTrue(a.formatReason().contains("its default"), a.formatReason());
                // llama.cpp's LLaMA 3 8B scoreboard: Q4_K_M 6.407115 against F16 6.233160
                assertEquals((6.407115 / 6.233160 - 1) * 100, a.quality().percentBelowSixteenBit(), 1e-9);
            }
            Advice trt = row(r, "tensorrt-llm");
            assertNull(trt.score());
            assertTrue(trt.cannotRunBecause().contains("NVIDIA"), trt.cannotRunBecause());
        }

        @Test
        void withoutADefaultTheBestDocumentedFormatThatRunsIsChosenAndTheOthersAreNamed() {
            Advice vllm = row(advise(chat70bOn4H100()), "vllm");
            assertTrue(List.of("bf16", "fp8", "awq-int4", "gptq-int4", "int8").contains(vllm.weightFormat()), vllm.weightFormat());
            assertTrue(vllm.formatReason().contains("best here") && vllm.formatReason().contains("bf16")
                    && vllm.formatReason().contains("fp8"), vllm.formatReason());
            assertFalse(vllm.formatReason().contains("gguf"), "GGUF is experimental in vLLM and not advised");
        }

        @Test
        void aModelThatFitsOneAcceleratorIsPlannedAsReplicasForThroughputAndAsOneGroupForOneUser() {
            // 70B fits one B200: for maximum throughput eight single-GPU replicas (MLPerf's layout) beat one TP8 group
            AdviseResponse r = advise(new HashMap<>(Map.of("model", "llama-3.1-70b", "accelerator", "b200", "acceleratorCount", 8,
                    "workload", Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 1000))));
            Advice trt = row(r, "tensorrt-llm");
            assertEquals(1, trt.tensorParallel(), trt.formatReason());
            assertEquals(8, trt.replicas(), trt.formatReason());
            assertTrue(trt.formatReason().contains("as 8 replicas of 1 accelerator"), trt.formatReason());
            // the row's numbers are the plan's with that layout, as /plans/evaluate answers it
            PlanResponse same = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", Map.of("model", "llama-3.1-70b",
                    "weightFormat", trt.weightFormat(), "accelerator", "b200", "acceleratorCount", 8, "framework", "tensorrt-llm",
                    "workload", Map.of("mode", "max-throughput", "inputTokens", 1000, "outputTokens", 1000),
                    "parallelism", Map.of("tensorParallel", 1, "replicas", 8))), PlanResponse.class);
            assertEquals(same.performance().outputTokensPerSecond(), trt.outputTokensPerSecond(), 1e-6);
            // one user on two H100s: one tensor-parallel group (a second replica would idle), for every framework
            AdviseResponse one = advise(new HashMap<>(Map.of("model", "llama-3.1-8b", "accelerator", "h100-sxm", "acceleratorCount", 2,
                    "workload", Map.of("mode", "single-stream", "inputTokens", 500, "outputTokens", 300))));
            for (Advice a : one.frameworks()) {
                if (a.score() != null) {
                    assertEquals(1, a.replicas(), a.framework() + ": " + a.formatReason());
                }
            }
        }

        @Test
        void theWorkloadsLengthSpreadAndBurstinessReachEveryRowsPlan() {
            // a chat workload whose lengths vary: the row's numbers are /plans/evaluate's for the same spread, not for
            // fixed lengths (the advisor used to drop inputTokensSpread, outputTokensSpread, lengthDistribution, burstiness)
            Map<String, Object> workload = Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500,
                    "concurrency", 64, "inputTokensSpread", 300, "outputTokensSpread", 150, "lengthDistribution", "lognormal");
            Map<String, Object> body = chat70bOn4H100();
            body.put("workload", workload);
            AdviseResponse answer = advise(body);
            Question lengths = question(answer.otherInputs(), "lengthSpread");
            assertFalse(lengths.assumed(), lengths.how());
            assertEquals("standard deviation 300 in / 150 out tokens (lognormal)", lengths.answer());
            Question fixedLengths = question(advise(chat70bOn4H100()).otherInputs(), "lengthSpread");
            assertTrue(fixedLengths.assumed());
            assertTrue(fixedLengths.how().contains("waves"), fixedLengths.how());
            Advice vllm = row(answer, "vllm");
            Map<String, Object> plan = new HashMap<>(Map.of("model", "llama-3.1-70b", "weightFormat", vllm.weightFormat(),
                    "accelerator", "h100-sxm", "acceleratorCount", 4, "framework", "vllm", "workload", workload,
                    "parallelism", Map.of("tensorParallel", vllm.tensorParallel(), "replicas", vllm.replicas())));
            PlanResponse spread = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", plan), PlanResponse.class);
            assertEquals(spread.performance().ttftP95Ms(), vllm.ttftP95Ms(), 1e-6);
            plan.put("workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 500, "concurrency", 64));
            PlanResponse fixed = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", plan), PlanResponse.class);
            assertNotEquals(fixed.performance().ttftP95Ms(), vllm.ttftP95Ms(), 1.0,
                    "the spread changes the tail, so a row equal to the fixed-length plan dropped it");
        }

        @Test
        void qualityIsScoredAgainstTheBudgetAndWeighsInTheFormatChoice() {
            // 70B chat on 4 x H100: AWQ INT4 and GPTQ INT4 are equally fast in the engine, but AWQ's published figure is
            // 4.33 % below 16-bit (torchao, Llama 3 8B) and GPTQ's 0.17 % (Neural Magic, Llama 3.1 70B): GPTQ scores higher
            AdviseResponse r = advise(chat70bOn4H100());
            Advice vllm = row(r, "vllm");
            assertEquals("gptq-int4", vllm.weightFormat(), vllm.formatReason());
            Criterion q = vllm.criteria().quality();
            assertEquals(100 * (1 - vllm.quality().percentBelowSixteenBit() / 5.0), q.score(), 1e-9, q.reason());
            assertTrue(q.reason().contains("against the 5 % budget"), q.reason());
            assertTrue(vllm.formatReason().contains("awq-int4 ") && vllm.formatReason().contains("4.33 % below 16-bit"),
                    vllm.formatReason());
            // with the quality and latency criteria weighed at 0 only throughput decides: one of the two fastest formats
            Map<String, Object> body = chat70bOn4H100();
            body.put("priorities", Map.of("quality", 0.0, "ttftP95", 0.0, "tpotP95", 0.0));
            assertTrue(List.of("awq-int4", "gptq-int4").contains(row(advise(body), "vllm").weightFormat()));
        }

        @Test
        void aTightQualityBudgetKeepsQuantizationsPublishedWithinIt() {
            Map<String, Object> body = new HashMap<>(Map.of("model", "llama-3.1-8b", "accelerator", "apple-m3-max",
                    "workload", Map.of("mode", "single-stream", "inputTokens", 500, "outputTokens", 300)));
            body.put("maxQualityLossPercent", 0.5);
            Advice llamaCpp = row(advise(body), "llama.cpp");
            // Q4_K_M (+2.79 %) and Q5_K_M (+0.89 %) are over the budget; Q6_K (+0.32 %), Q8_0 (+0.02 %) and BF16 are not
            assertTrue(List.of("gguf-q6_k", "gguf-q8_0", "bf16").contains(llamaCpp.weightFormat()), llamaCpp.weightFormat());
            assertTrue(llamaCpp.quality().percentBelowSixteenBit() <= 0.5);
        }
    }

    @Nested
    class TheCsv {
        @Test
        void oneRowPerFrameworkOneColumnSetPerCriterionAndReasonsThatSplitBackWhole() throws IOException {
            String csv = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/advise.csv", chat70bOn4H100()));
            AdviseResponse json = advise(chat70bOn4H100());
            try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
                List<CSVRecord> rows = p.getRecords();
                assertEquals(json.frameworks().size(), rows.size());
                assertTrue(p.getHeaderNames().containsAll(List.of("criteria.throughput.score", "criteria.setupCost.reason",
                        "criteria.maintenance.sourceUrl", "quality.percentBelowSixteenBit", "weightFormat", "method")));
                for (CSVRecord row : rows) {
                    Advice a = row(json, row.get("framework"));
                    List<String> split = row.get("reasons").isEmpty() ? List.of() : List.of(row.get("reasons").split("; "));
                    assertEquals(a.reasons(), split, "no reason is cut at its separator: " + a.framework());
                    if (a.score() != null) {
                        assertEquals(a.criteria().setupCost().reason(), row.get("criteria.setupCost.reason"));
                    }
                }
            }
        }
    }

    @Test
    void anUnknownAcceleratorIsAProblemNamingTheNearestIds() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> advise(Map.of("model", "llama-3.1-8b", "accelerator", "h100-sxn")));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals("accelerator", p.errors().get(0).field());
        assertTrue(p.errors().get(0).message().contains("h100-sxm"));
        assertNotNull(p.detail());
    }
}
