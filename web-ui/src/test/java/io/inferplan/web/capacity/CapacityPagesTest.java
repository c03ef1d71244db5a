package io.inferplan.web.capacity;

import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.capacity.CapacityRequests;
import io.inferplan.plan.capacity.FleetService;
import io.inferplan.plan.capacity.OptimizerService;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static io.inferplan.web.Fixtures.elementText;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class CapacityPagesTest {

    static final String OPTIMIZE_QUERY = "model=llama-3.1-8b&mode=fixed-concurrency&inputTokens=2048&outputTokens=256"
            + "&concurrency=16&ttftP95Ms=2000&tpotMs=50&minWeightBits=";
    static final String FLEET_QUERY = "model=llama-3.1-8b&weightFormat=bf16&kvCacheFormat=&accelerator=h100-sxm"
            + "&acceleratorsPerReplica=&framework=vllm&requestsPerSecond=10&tokensPerDay=&peakToAverage=2&inputTokens=2048"
            + "&outputTokens=256&sharedPrefixTokens=0&ttftP95Ms=2000&tpotMs=50";
    static final String ADVISE_QUERY = "model=llama-3.1-8b&accelerator=h100-sxm&acceleratorCount=&inputTokens=2048"
            + "&outputTokens=256&concurrency=16&sharedPrefixTokens=1024&deploymentMonths=12&structuredOutput=true";

    @Inject
    EmbeddedServer server;
    @Inject
    OptimizerService optimizer;
    @Inject
    FleetService fleet;
    @Inject
    AdvisorService advisor;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    static PlanRequest.WorkloadInput workload() {
        return new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, null);
    }

    static String href(String html, String rowId) {
        int at = html.indexOf("id=\"" + rowId + "\"");
        Matcher m = Pattern.compile("href=\"([^\"]+)\"").matcher(html.substring(at));
        assertTrue(m.find());
        return WebClient.unescape(m.group(1));
    }

    @Nested
    class TheOptimizer {
        @Test
        void showsTheFormWithDefaultsAndNoAnswerUntilSubmitted() {
            HttpResponse<String> r = web.get("/optimize");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<form method=\"get\" action=\"/optimize\""));
            assertTrue(r.body().contains("<label for=\"ttftP95Ms\">"));
            assertFalse(r.body().contains("id=\"optimizer-result\""));
        }

        @Test
        void ranksTheConfigurationsTheOptimizerServiceRanks() {
            OptimizerService.OptimizeResponse expected = optimizer.optimize(new CapacityRequests.OptimizeRequest("llama-3.1-8b",
                    workload(), new CapacityRequests.Slo(2000.0, 50.0), null, null, null, null));
            assertFalse(expected.ranked().isEmpty(), "the default SLO is met by something");
            String html = web.get("/optimize?" + OPTIMIZE_QUERY).body();
            for (int i = 0; i < Math.min(5, expected.ranked().size()); i++) {
                OptimizerService.Candidate c = expected.ranked().get(i);
                List<String> cells = rowCells(html, "rank-" + (i + 1));
                assertEquals(c.acceleratorCount() + " × " + c.accelerator(), cells.get(1));
                assertEquals(c.weightFormat() + " / " + c.kvCacheFormat(), cells.get(2));
                assertEquals(c.framework(), cells.get(3));
                assertEquals(c.usdPerMillionOutputTokens(), number(cells.get(4)), 0.005);
                assertEquals(c.ttftMs(), number(cells.get(5)), 0.05);
                assertEquals(c.tpotMs(), number(cells.get(6)), 0.05);
                if (c.tpotP95Ms() == null) {
                    assertEquals("—", cells.get(7));
                } else {
                    assertEquals(c.tpotP95Ms(), number(cells.get(7)), 0.05);
                }
                assertEquals(c.outputTokensPerSecond(), number(cells.get(8)), 0.05);
                assertEquals(c.method(), cells.get(9));
                if (c.qualityPercentBelowSixteenBit() == null) {
                    assertEquals("no published figure", cells.get(10));
                } else {
                    assertEquals(c.qualityPercentBelowSixteenBit(), number(cells.get(10)), 0.005);
                }
            }
            assertTrue(html.contains("id=\"chart-pareto\""));
            assertEquals(expected.sloQuantiles() + ". The TTFT column is the 95th percentile where the answer has one, "
                    + "otherwise the mean.", WebClient.unescape(textById(html, "slo-quantiles")).replace("SLO checked: ", ""));
            assertTrue(textById(html, "search-summary").contains("(" + expected.simulated() + " of them simulated"),
                    textById(html, "search-summary"));
        }

        @Test
        void aTpotP95SloIsCheckedAsTheOptimizerServiceChecksIt() {
            OptimizerService.OptimizeResponse expected = optimizer.optimize(new CapacityRequests.OptimizeRequest("llama-3.1-8b",
                    workload(), new CapacityRequests.Slo(2000.0, null, 15.0), null, List.of("h100-sxm"), List.of("vllm"), null));
            String html = web.get("/optimize?" + OPTIMIZE_QUERY.replace("tpotMs=50", "tpotMs=&tpotP95Ms=15")
                    + "&accelerators=h100-sxm&frameworks=vllm").body();
            assertTrue(html.contains("id=\"tpotP95Ms\" name=\"tpotP95Ms\" value=\"15\""), "the SLO is kept on the form");
            assertTrue(textById(html, "search-summary").contains(expected.meetingSlo() + " meet the SLO"),
                    textById(html, "search-summary"));
            for (int i = 0; i < expected.ranked().size(); i++) {
                OptimizerService.Candidate c = expected.ranked().get(i);
                List<String> cells = rowCells(html, "rank-" + (i + 1));
                assertEquals(c.usdPerMillionOutputTokens(), number(cells.get(4)), 0.005);
                assertEquals(c.tpotP95Ms() == null ? "—" : String.format(java.util.Locale.ROOT, "%,.1f ms", c.tpotP95Ms()),
                        cells.get(7));
                assertEquals(c.method(), cells.get(9));
            }
            for (OptimizerService.Candidate c : expected.closest()) {
                assertTrue(WebClient.unescape(html).contains(c.missedBecause()), c.missedBecause());
            }
        }

        @Test
        void eachRowLinksToThePlanPageOfThatConfiguration() {
            String html = web.get("/optimize?" + OPTIMIZE_QUERY).body();
            List<String> first = rowCells(html, "rank-1");
            String plan = web.get(href(html, "rank-1")).body();
            assertEquals(number(first.get(4)), number(textById(plan, "usdPerMillionOutputTokens")), 0.005);
            assertEquals(first.get(1), textById(plan, "plan-accelerators"));
        }

        @Test
        void theParetoChartIsAnSvg() {
            HttpResponse<byte[]> r = web.getBytes("/optimize/pareto.svg?" + OPTIMIZE_QUERY);
            assertEquals(200, r.statusCode());
            assertTrue(new String(r.body()).contains("<svg"));
        }

        @Test
        void anSloNobodyMeetsSaysWhyAndShowsTheClosestMisses() {
            OptimizerService.OptimizeResponse expected = optimizer.optimize(new CapacityRequests.OptimizeRequest("llama-3.1-8b",
                    workload(), new CapacityRequests.Slo(1.0, 0.1), null, null, null, null));
            HttpResponse<String> r = web.get("/optimize?" + OPTIMIZE_QUERY.replace("ttftP95Ms=2000", "ttftP95Ms=1")
                    .replace("tpotMs=50", "tpotMs=0.1"));
            assertEquals(200, r.statusCode());
            assertEquals(expected.reason(), WebClient.unescape(textById(r.body(), "optimizer-reason")));
            assertTrue(r.body().contains("id=\"closest\""));
            assertFalse(r.body().contains("id=\"ranked\""));
        }

        @Test
        void aFilterOfAcceleratorsAndAQualityFloorNarrowTheSearch() {
            String html = web.get("/optimize?" + OPTIMIZE_QUERY.replace("minWeightBits=", "minWeightBits=8")
                    + "&accelerators=h100-sxm&frameworks=vllm").body();
            for (int i = 1; html.contains("id=\"rank-" + i + "\""); i++) {
                List<String> cells = rowCells(html, "rank-" + i);
                assertTrue(cells.get(1).endsWith("h100-sxm"), cells.get(1));
                assertEquals("vllm", cells.get(3));
                assertFalse(cells.get(2).contains("int4") || cells.get(2).contains("q4"), cells.get(2));
            }
            assertTrue(html.contains("<option value=\"h100-sxm\" selected=\"selected\">"), "the filter is kept");
        }

        @Test
        void anUnknownAcceleratorIsExplainedBesideItsField() {
            HttpResponse<String> r = web.get("/optimize?" + OPTIMIZE_QUERY + "&accelerators=h100-sxn");
            assertEquals(400, r.statusCode());
            assertTrue(textById(r.body(), "accelerators-error").contains("h100-sxm"), "names the nearest id");
        }
    }

    @Nested
    class FleetSizing {
        @Test
        void showsTheFleetServicesAnswer() {
            FleetService.FleetResponse expected = fleet.size(new CapacityRequests.FleetRequest("llama-3.1-8b", "bf16", null,
                    "h100-sxm", null, "vllm", null, new CapacityRequests.Traffic(10.0, null, 2.0, 2048, 256, 0),
                    new CapacityRequests.Slo(2000.0, 50.0)));
            HttpResponse<String> r = web.get("/fleet?" + FLEET_QUERY);
            assertEquals(200, r.statusCode());
            String html = r.body();
            assertEquals(expected.replicas(), (int) number(textById(html, "replicas")));
            assertEquals(expected.acceleratorCount(), (int) number(textById(html, "acceleratorCount")));
            assertEquals(expected.peakRequestsPerSecond(), number(textById(html, "peakRequestsPerSecond")), 0.005);
            assertEquals(expected.utilisationAtPeak() * 100, number(textById(html, "utilisationAtPeak")), 0.05);
            assertEquals(expected.bindingConstraint(), textById(html, "bindingConstraint"));
            assertEquals(expected.bindingExplanation(), WebClient.unescape(textById(html, "bindingExplanation")));
            assertEquals(expected.usdPerMonth(), number(textById(html, "usdPerMonth")), 0.005);
            assertEquals(expected.goodputRequestsPerSecondPerReplica(),
                    number(textById(html, "goodputRequestsPerSecondPerReplica")), 0.005);
            assertEquals(expected.goodputOutputTokensPerSecondPerReplica(),
                    number(textById(html, "goodputOutputTokensPerSecondPerReplica")), 0.05);
            assertEquals(expected.saturatedRequestsPerSecondPerReplica(),
                    number(textById(html, "saturatedRequestsPerSecondPerReplica")), 0.005);
            assertEquals(expected.sloQuantiles(), WebClient.unescape(textById(html, "sloQuantiles")));
        }

        @Test
        void aTpotP95SloSizesTheFleetAsTheFleetServiceDoes() {
            FleetService.FleetResponse mean = fleet.size(new CapacityRequests.FleetRequest("llama-3.1-8b", "bf16", null,
                    "h100-sxm", null, "vllm", null, new CapacityRequests.Traffic(10.0, null, 2.0, 2048, 256, 0),
                    new CapacityRequests.Slo(2000.0, 50.0)));
            FleetService.FleetResponse expected = fleet.size(new CapacityRequests.FleetRequest("llama-3.1-8b", "bf16", null,
                    "h100-sxm", null, "vllm", null, new CapacityRequests.Traffic(10.0, null, 2.0, 2048, 256, 0),
                    new CapacityRequests.Slo(2000.0, 50.0, 20.0)));
            assertTrue(expected.goodputRequestsPerSecondPerReplica() < mean.goodputRequestsPerSecondPerReplica(),
                    "a tighter p95 bound lowers the goodput, so the page check below can fail");
            String html = web.get("/fleet?" + FLEET_QUERY + "&tpotP95Ms=20").body();
            assertEquals(expected.replicas(), (int) number(textById(html, "replicas")));
            assertEquals(expected.goodputRequestsPerSecondPerReplica(),
                    number(textById(html, "goodputRequestsPerSecondPerReplica")), 0.005);
            assertEquals(expected.bindingConstraint(), textById(html, "bindingConstraint"));
        }

        @Test
        void tokensPerDayWorkInsteadOfARequestRate() {
            HttpResponse<String> r = web.get("/fleet?" + FLEET_QUERY.replace("requestsPerSecond=10", "requestsPerSecond=")
                    .replace("tokensPerDay=", "tokensPerDay=1000000000"));
            assertEquals(200, r.statusCode());
            assertTrue(number(textById(r.body(), "replicas")) >= 1);
        }

        @Test
        void noTrafficIsExplainedBesideItsField() {
            HttpResponse<String> r = web.get("/fleet?" + FLEET_QUERY.replace("requestsPerSecond=10", "requestsPerSecond="));
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("id=\"requestsPerSecond-error\""));
        }
    }

    @Nested
    class TheAdvisor {
        static final AdviseRequest REQUEST = new AdviseRequest("llama-3.1-8b", "h100-sxm", null,
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, 1024), 12, true, false, false);

        @Test
        void theScoreTableIsTheAdvisorServicesTableRowByRowAndCellByCell() {
            AdviseResponse expected = advisor.advise(REQUEST);
            HttpResponse<String> r = web.get("/advise?" + ADVISE_QUERY);
            assertEquals(200, r.statusCode());
            String html = r.body();
            for (AdviseResponse.Advice a : expected.frameworks()) {
                if (a.cannotRunBecause() != null) {
                    assertTrue(WebClient.unescape(elementText(html, "advice-" + a.framework())).contains(a.cannotRunBecause()));
                    continue;
                }
                List<String> cells = rowCells(html, "advice-" + a.framework());
                assertEquals(a.rank(), (int) number(cells.get(0)));
                if (a.frameworkVersion() != null) {
                    // the version whose defaults the engine modelled, said as such (the criteria cite the release read)
                    assertTrue(WebClient.unescape(cells.get(1)).contains("defaults of " + a.frameworkVersion()), cells.get(1));
                }
                assertEquals(a.score(), number(cells.get(2)), 0.05);
                assertTrue(cells.get(3).contains(a.weightFormat()), cells.get(3));
                if (a.replicas() != null && a.replicas() > 1) {
                    assertTrue(cells.get(3).contains("as " + a.replicas() + " replicas of " + a.tensorParallel()), cells.get(3));
                }
                // the criteria cells follow in the weights' order: the bold score of each is the service's, to 1
                List<AdviseResponse.CriterionWeight> weights = expected.weights();
                for (int i = 0; i < weights.size(); i++) {
                    AdviseResponse.Criterion c = criterion(a, weights.get(i).id());
                    String cell = WebClient.unescape(cells.get(4 + i));
                    if (c.score() != null) {
                        assertEquals(c.score(), number(cell.substring(0, cell.indexOf(' ') < 0 ? cell.length() : cell.indexOf(' '))), 0.5,
                                a.framework() + " " + weights.get(i).id());
                    }
                    assertTrue(cell.contains(c.value()), cell + " should show " + c.value());
                }
                String reasons = WebClient.unescape(elementText(html, "reasons-" + a.framework()));
                for (String reason : a.reasons()) {
                    assertTrue(reasons.contains(reason), reason);
                }
            }
            assertTrue(html.indexOf("id=\"advice-" + expected.frameworks().get(0).framework() + "\"")
                    < html.indexOf("id=\"advice-" + expected.frameworks().get(1).framework() + "\""), "best first");
        }

        @Test
        void theFourQuestionsAreAnsweredAndEachWeighedCriterionHasItsChart() {
            AdviseResponse expected = advisor.advise(REQUEST);
            String html = web.get("/advise?" + ADVISE_QUERY).body();
            for (AdviseResponse.Question q : expected.questions()) {
                String row = WebClient.unescape(elementText(html, "q-" + q.id()));
                assertTrue(row.contains(q.answer()) && row.contains(q.assumed() ? "assumed" : "read"), row);
            }
            // one chart per weighed criterion, fetched by the browser after the page (inline they made it ~1.2 MB)
            List<String> weighed = expected.weights().stream().filter(w -> w.weight() > 0).map(w -> w.id()).toList();
            List<String> srcs = Pattern.compile("id=\"chart-([a-zA-Z0-9]+)\"><img src=\"([^\"]+)\"").matcher(html).results()
                    .map(m -> m.group(1) + " " + WebClient.unescape(m.group(2))).toList();
            assertEquals(weighed, srcs.stream().map(x -> x.substring(0, x.indexOf(' '))).toList());
            for (String x : srcs) {
                String src = x.substring(x.indexOf(' ') + 1);
                assertTrue(src.startsWith("/advise/chart.svg?") && src.endsWith("criterion=" + x.substring(0, x.indexOf(' '))), src);
                HttpResponse<String> chart = web.get(src);
                assertEquals(200, chart.statusCode(), src);
                assertTrue(chart.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), src);
                assertTrue(chart.body().contains("<svg"), src);
            }
            assertTrue(html.length() < 200_000, "page without inline charts: " + html.length() + " characters");
            HttpResponse<String> unknown = web.get("/advise/chart.svg?" + ADVISE_QUERY + "&criterion=looks");
            assertEquals(400, unknown.statusCode());
            assertTrue(unknown.body().contains("criterion") && unknown.body().contains("throughput"), unknown.body());
        }

        @Test
        void aFrameworksPlanLinkCarriesTheAdvisorsReasoningToThePlanPage() {
            AdviseResponse expected = advisor.advise(REQUEST);
            AdviseResponse.Advice best = expected.frameworks().get(0);
            String html = web.get("/advise?" + ADVISE_QUERY).body();
            String plan = href(html, "advice-" + best.framework());
            assertTrue(plan.contains("advice="), plan);
            String page = web.get(plan).body();
            assertTrue(page.contains("id=\"advisor-reasoning\""));
            String reasons = WebClient.unescape(elementText(page, "advisor-reasons"));
            assertTrue(reasons.contains(best.reasons().get(1)), reasons);
        }

        @Test
        void lengthSpreadsReachEveryRowAndItsPlanLink() {
            String query = ADVISE_QUERY + "&inputTokensSpread=500&outputTokensSpread=100&lengthDistribution=lognormal";
            AdviseResponse expected = advisor.advise(new AdviseRequest("llama-3.1-8b", "h100-sxm", null,
                    new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, 1024, null, 500.0, 100.0, "lognormal",
                            null), 12, true, false, false));
            String html = web.get("/advise?" + query).body();
            assertTrue(inputTag(html, "outputTokensSpread").contains("value=\"100\""), "kept");
            String lengths = WebClient.unescape(elementText(html, "q-lengthSpread"));
            assertTrue(lengths.contains("standard deviation 500 in / 100 out tokens (lognormal)") && lengths.contains("read"), lengths);
            AdviseResponse.Advice best = expected.frameworks().get(0);
            List<String> cells = rowCells(html, "advice-" + best.framework());
            assertEquals(best.score(), number(cells.get(2)), 0.05);
            String plan = href(html, "advice-" + best.framework());
            assertTrue(plan.contains("outputTokensSpread=100") && plan.contains("lengthDistribution=lognormal"), plan);
            HttpResponse<String> refused = web.get("/advise?" + ADVISE_QUERY + "&outputTokensSpread=-5");
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("id=\"outputTokensSpread-error\""), "explained beside its field");
        }

        @Test
        void keepsTheTickedBoxesAndTheTypedWeights() {
            String html = web.get("/advise?" + ADVISE_QUERY + "&w-throughput=3").body();
            assertTrue(inputTag(html, "structuredOutput").contains("checked=\"checked\""), "kept ticked");
            assertFalse(inputTag(html, "agentWorkflows").contains("checked"), "left unticked");
            assertTrue(inputTag(html, "w-throughput").contains("value=\"3\""));
        }

        @Test
        void aWeightThatIsNotANumberIsExplainedBesideItsField() {
            HttpResponse<String> r = web.get("/advise?" + ADVISE_QUERY + "&w-maintenance=lots");
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("id=\"w-maintenance-error\""));
        }

        AdviseResponse.Criterion criterion(AdviseResponse.Advice a, String id) {
            var c = a.criteria();
            return switch (id) {
                case "throughput" -> c.throughput();
                case "ttftP95" -> c.ttftP95();
                case "tpotP95" -> c.tpotP95();
                case "prefixCache" -> c.prefixCache();
                case "hardwareFit" -> c.hardwareFit();
                case "quality" -> c.quality();
                case "setupCost" -> c.setupCost();
                case "maintenance" -> c.maintenance();
                case "openAiApi" -> c.openAiApi();
                case "structuredOutput" -> c.structuredOutput();
                default -> c.evidence();
            };
        }

        String inputTag(String html, String id) {
            Matcher m = Pattern.compile("<input[^>]*id=\"" + id + "\"[^>]*>").matcher(html);
            assertTrue(m.find(), id);
            return m.group();
        }
    }
}
