package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class PlanPagesTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    PlanService plans;

    HttpResponse<String> get(String uri) {
        try {
            return client.toBlocking().exchange(HttpRequest.GET(uri), String.class);
        } catch (HttpClientResponseException e) {
            return HttpResponse.status(e.getStatus()).body(e.getResponse().getBody(String.class).orElse(""));
        }
    }

    @Nested
    class TheHomePage {
        @Test
        void offersTheOneClickDefaults() {
            HttpResponse<String> r = get("/");
            assertEquals(200, r.code());
            String html = r.body();
            assertTrue(html.contains("<option value=\"llama-3.1-8b\" selected=\"selected\">"), "default model selected");
            assertTrue(html.contains("<option value=\"h100-sxm\" selected=\"selected\">"), "default accelerator selected");
            assertTrue(html.contains("<option value=\"vllm\" selected=\"selected\">"), "default framework selected");
            assertTrue(html.contains("id=\"inputTokens\" name=\"inputTokens\" value=\"2048\""));
            assertTrue(html.contains("<form method=\"get\" action=\"/plan\""), "works without JavaScript: a GET form");
            assertTrue(html.contains("<label for=\"model\">Model</label>"), "labelled inputs");
        }

        @Test
        void prefillsTheFormFromAPermalink() {
            String html = get("/?" + DEFAULT_QUERY.replace("concurrency=16", "concurrency=64")).body();
            assertTrue(html.contains("id=\"concurrency\" name=\"concurrency\" value=\"64\""));
        }
    }

    @Nested
    class TheResultPage {
        @Test
        void showsThePlanServicesNumbers() {
            PlanResponse expected = plans.evaluate(llama31_8bOnOneH100());
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY);
            assertEquals(200, r.code());
            String html = r.body();
            PlanResponse.MemoryBlock m = expected.memory();
            assertEquals(m.weightsGiB(), number(textById(html, "weightsGiB")), 0.005);
            assertEquals(m.totalGiBPerAccelerator(), number(textById(html, "totalGiBPerAccelerator")), 0.005);
            assertEquals(m.capacityGiBPerAccelerator(), number(textById(html, "capacityGiBPerAccelerator")), 0.005);
            assertEquals(m.kvCacheGiBPerRequest(), number(textById(html, "kvCacheGiBPerRequest")), 0.005);
            assertEquals(m.kvCacheBytesPerToken(), (long) number(textById(html, "kvCacheBytesPerToken")));
            assertEquals(m.maxConcurrentRequests(), (long) number(textById(html, "maxConcurrentRequests")));
            assertEquals(m.concurrency().naiveRequests(), (long) number(textById(html, "naiveRequests")));
            assertEquals(m.concurrency().pagedRequests(), (long) number(textById(html, "pagedRequests")));
            assertEquals("1 × h100-sxm", textById(html, "plan-accelerators"));
        }

        @Test
        void showsSpeedAndCostAsThePlanServiceAnswers() {
            PlanResponse expected = plans.evaluate(llama31_8bOnOneH100());
            assertNotNull(expected.performance(), "the default plan has a speed estimate");
            assertNotNull(expected.cost(), "the default plan has a price");
            String html = get("/plan?" + DEFAULT_QUERY).body();
            PlanResponse.PerformanceBlock p = expected.performance();
            assertEquals(p.ttftMs(), number(textById(html, "ttftMs")), 0.05);
            assertEquals(p.tpotMs(), number(textById(html, "tpotMs")), 0.05);
            assertEquals(p.outputTokensPerSecond(), number(textById(html, "outputTokensPerSecond")), 0.05);
            String range = html.substring(html.indexOf("id=\"outputTokensPerSecond\""));
            range = range.substring(range.indexOf("class=\"range\">") + 15, range.indexOf("</span>", range.indexOf("class=\"range\"")));
            String[] lowHigh = range.replaceAll("[()\\s]", "").split("–");
            assertEquals(p.outputTokensPerSecondLow(), number(lowHigh[0]), 0.05);
            assertEquals(p.outputTokensPerSecondHigh(), number(lowHigh[1]), 0.05);
            assertEquals(expected.cost().usdPerHour(), number(textById(html, "usdPerHour")), 0.005);
            assertEquals(expected.cost().usdPerMillionOutputTokens(), number(textById(html, "usdPerMillionOutputTokens")), 0.005);
        }

        @Test
        void aBlankCountPlansTheFewestAcceleratorsThatFit() {
            PlanResponse expected = plans.evaluate(new io.inferplan.plan.evaluate.PlanRequest("llama-3.1-70b", "bf16", null,
                    "h100-sxm", null, "vllm", llama31_8bOnOneH100().workload(), null, null, null));
            String html = get("/plan?" + DEFAULT_QUERY.replace("model=llama-3.1-8b", "model=llama-3.1-70b")
                    .replace("acceleratorCount=1", "acceleratorCount=")).body();
            assertTrue(expected.plan().acceleratorCount() > 1, "70B in bf16 needs more than one H100");
            assertEquals(expected.plan().acceleratorCount() + " × h100-sxm", textById(html, "plan-accelerators"));
        }

        @Test
        void acceleratorsPerReplicaSplitTheCountIntoReplicas() {
            // four H100s as four single-GPU replicas of the 8B: the page shows the layout and the service's numbers
            PlanResponse expected = plans.evaluate(new io.inferplan.plan.evaluate.PlanRequest("llama-3.1-8b", "bf16", null,
                    "h100-sxm", 4, "vllm", llama31_8bOnOneH100().workload(), null,
                    new io.inferplan.plan.evaluate.PlanRequest.ParallelismInput(1, null, 4), null));
            String html = get("/plan?" + DEFAULT_QUERY.replace("acceleratorCount=1", "acceleratorCount=4") + "&tensorParallel=1")
                    .body();
            assertEquals(4, expected.plan().parallelism().replicas());
            assertTrue(html.contains("tensor 1 × pipeline 1 × replicas 4"), "the layout is shown");
            assertEquals(expected.performance().outputTokensPerSecond(), number(textById(html, "outputTokensPerSecond")), 0.05);
            String form = get("/?" + DEFAULT_QUERY.replace("acceleratorCount=1", "acceleratorCount=4") + "&tensorParallel=1").body();
            assertTrue(form.contains("id=\"tensorParallel\" name=\"tensorParallel\" value=\"1\""), "the field keeps its value");
        }

        @Test
        void listsTheSourceOfEveryCatalogRowUsed() {
            String html = get("/plan?" + DEFAULT_QUERY).body();
            String sources = html.substring(html.indexOf("id=\"sources\""));
            for (String catalog : new String[] {"Model", "Weight format", "Accelerator", "Framework"}) {
                assertTrue(sources.contains("<td>" + catalog + "</td>"), catalog + " source listed");
            }
            assertTrue(sources.contains("href=\"https://"), "source links");
            assertTrue(sources.matches("(?s).*<td>20[0-9]{2}-[0-9]{2}-[0-9]{2}</td>.*"), "as-of dates");
        }

        @Test
        void comparesEveryFrameworkAndSaysWhyOneCannotRun() {
            String html = get("/plan?" + DEFAULT_QUERY).body();
            assertTrue(html.contains("id=\"fw-vllm\""));
            assertTrue(html.contains("id=\"fw-sglang\""));
            String dynamo = html.substring(html.indexOf("id=\"fw-dynamo\""));
            dynamo = dynamo.substring(0, dynamo.indexOf("</tr>"));
            assertTrue(dynamo.contains("serving layer"), "the 422 reason of a framework that cannot plan: " + dynamo);
        }

        @Test
        void linksChartsAndReportsOfTheSamePlan() {
            String html = get("/plan?" + DEFAULT_QUERY).body();
            assertTrue(html.contains("src=\"/plan/chart/memory.svg?model=llama-3.1-8b&amp;weightFormat=bf16"));
            assertTrue(html.contains("href=\"/plan/report.pdf?model=llama-3.1-8b"));
            assertTrue(html.contains("href=\"/plan/report.xlsx?model=llama-3.1-8b"));
        }
    }

    @Nested
    class RefusedChoices {
        @Test
        void explainAnUnsupportedFormatBesideItsField() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("weightFormat=bf16", "weightFormat=nvfp4"));
            assertEquals(422, r.code());
            String message = textById(r.body(), "weightFormat-error");
            assertTrue(message.contains("nvfp4") && message.contains("Blackwell"), message);
            assertTrue(r.body().contains("<option value=\"nvfp4\" selected=\"selected\">"), "the choice is kept");
        }

        @Test
        void explainANumberThatIsNotANumber() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("inputTokens=2048", "inputTokens=lots"));
            assertEquals(400, r.code());
            assertEquals("must be a whole number", textById(r.body(), "inputTokens-error"));
            assertTrue(r.body().contains("value=\"lots\""), "the typed text is kept");
        }

        @Test
        void explainAGroupThatDoesNotDivideTheCount() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("acceleratorCount=1", "acceleratorCount=4")
                    + "&tensorParallel=3");
            assertTrue(r.code() == 400 || r.code() == 422, "status " + r.code());
            assertTrue(textById(r.body(), "tensorParallel-error").contains("acceleratorCount"), r.body().length() + "");
        }

        @Test
        void explainAnOutOfRangeValue() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("concurrency=16", "concurrency=0"));
            assertEquals(400, r.code());
            assertTrue(textById(r.body(), "concurrency-error").contains("between 1 and 100000"));
        }
    }

    @Nested
    class UserText {
        @Test
        void anUnknownModelIdWithMarkupIsEscaped() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("model=llama-3.1-8b",
                    "model=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));
            assertEquals(400, r.code());
            assertFalse(r.body().contains("<script>alert(1)</script>"));
            assertTrue(textById(r.body(), "model-error").contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }

        @Test
        void notesWithMarkupAreEscaped() {
            HttpResponse<String> r = get("/plan?" + DEFAULT_QUERY.replace("notes=",
                    "notes=%3Cscript%3Ealert(%27x%27)%3C%2Fscript%3E%3Cb%3Ebold%3C%2Fb%3E"));
            assertEquals(200, r.code());
            assertFalse(r.body().contains("<script>alert"));
            assertFalse(r.body().contains("<b>bold</b>"));
            assertTrue(r.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;"));
        }
    }

    @Nested
    class Charts {
        @Test
        void areServedAsSvgAndPng() {
            HttpResponse<byte[]> svg = client.toBlocking().exchange(HttpRequest.GET("/plan/chart/memory.svg?" + DEFAULT_QUERY), byte[].class);
            assertEquals("image/svg+xml", svg.getContentType().orElseThrow().toString());
            assertTrue(new String(svg.body()).contains("<svg"));
            HttpResponse<byte[]> png = client.toBlocking().exchange(HttpRequest.GET("/plan/chart/kv-growth.png?" + DEFAULT_QUERY), byte[].class);
            assertEquals("image/png", png.getContentType().orElseThrow().toString());
            assertEquals((byte) 0x89, png.body()[0]);
            assertEquals('P', png.body()[1]);
        }

        @Test
        void anUnknownChartIsNotFound() {
            assertEquals(404, get("/plan/chart/nothing.svg?" + DEFAULT_QUERY).code());
        }
    }
}
