package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.defaultQueryWith;
import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency table (mean and percentiles, how they were computed) on the result page, in the PDF and the workbook. */
@MicronautTest
class LatencyPagesTest {

    /** An arrival-rate plan with every workload-shape input of the form. */
    static final String SHAPED_QUERY = defaultQueryWith("mode", "arrival-rate", "requestsPerSecond", "2",
            "inputTokensSpread", "512", "outputTokensSpread", "64", "lengthDistribution", "lognormal", "burstiness", "0.5");

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    static PlanRequest shaped() {
        return llama31_8bOnOneH100(new PlanRequest.WorkloadInput("arrival-rate", 2048, 256, null, 2.0, 0, null, 512.0, 64.0,
                "lognormal", 0.5));
    }

    /** Each latency row of the page equals the answer's mean and percentiles (to the 0.1 ms shown). */
    static void assertTableShows(String html, PlanResponse.PerformanceBlock p) {
        assertRow(rowCells(html, "lat-ttft"), "Time to first token", p.ttftMs(), p.ttftP50Ms(), p.ttftP90Ms(), p.ttftP95Ms(),
                p.ttftP99Ms());
        assertRow(rowCells(html, "lat-tpot"), "Time per output token", p.tpotMs(), p.tpotP50Ms(), p.tpotP90Ms(),
                p.tpotP95Ms(), p.tpotP99Ms());
        assertRow(rowCells(html, "lat-e2e"), "End-to-end latency", p.e2eLatencyMs(), p.e2eLatencyP50Ms(),
                p.e2eLatencyP90Ms(), p.e2eLatencyP95Ms(), p.e2eLatencyP99Ms());
    }

    static void assertRow(List<String> cells, String name, Double... values) {
        assertEquals(name, cells.get(0));
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                assertEquals("—", cells.get(i + 1), name + " column " + i);
            } else {
                assertEquals(values[i], number(cells.get(i + 1)), 0.05, name + " column " + i);
            }
        }
    }

    @Test
    void theDefaultPlanShowsTheSimulatedMeanAndPercentilesAndHowTheyWereComputed() {
        PlanResponse.PerformanceBlock p = plans.evaluate(llama31_8bOnOneH100()).performance();
        String html = web.get("/plan?" + DEFAULT_QUERY).body();
        assertTableShows(html, p);
        PlanResponse.SimulationBlock s = p.simulation();
        assertEquals("simulation", s.method(), "the default plan is answered by the simulator");
        String method = WebClient.unescape(textById(html, "latency-method"));
        assertEquals(String.format(Locale.ROOT, "Simulated: %,d requests per replica stepped through the %s, seed %d; the "
                + "mean and percentiles are over the %,d requests measured after warm-up.", s.requestsSimulatedPerReplica(),
                s.scheduler(), s.seed(), s.requestsMeasuredPerReplica()), method);
        assertEquals(s.meanBatchSize(), number(textById(html, "sim-meanBatchSize")), 0.05);
        assertEquals(s.meanKvOccupancyFraction() * 100, number(textById(html, "sim-meanKvOccupancyFraction")), 0.05);
        assertEquals(s.busyFraction() * 100, number(textById(html, "sim-busyFraction")), 0.05);
        assertEquals(s.preemptions(), (long) number(textById(html, "sim-preemptions")));
        List<String> itl = rowCells(html, "lat-itl");
        assertEquals(p.interTokenLatencyP50Ms(), number(itl.get(2)), 0.05);
        assertEquals(p.interTokenLatencyP99Ms(), number(itl.get(5)), 0.05);
    }

    @Test
    void theWorkloadShapeInputsReachTheEngine() {
        PlanResponse.PerformanceBlock p = plans.evaluate(shaped()).performance();
        PlanResponse.PerformanceBlock poisson = plans.evaluate(llama31_8bOnOneH100(
                new PlanRequest.WorkloadInput("arrival-rate", 2048, 256, null, 2.0, 0))).performance();
        assertNotEquals(poisson.ttftP99Ms(), p.ttftP99Ms(), "spreads and bursts change the tail, so the check below can fail");
        HttpResponse<String> r = web.get("/plan?" + SHAPED_QUERY);
        assertEquals(200, r.statusCode());
        assertTableShows(r.body(), p);
        String workload = WebClient.unescape(r.body());
        assertTrue(workload.contains("input spread 512.0, output spread 64.0, lognormal lengths, burstiness 0.5"), "inputs echoed");
        String form = web.get("/?" + SHAPED_QUERY).body();
        assertTrue(form.contains("<option value=\"lognormal\" selected=\"selected\">"), "the choice is kept on the form");
        assertTrue(form.contains("id=\"burstiness\" name=\"burstiness\" value=\"0.5\""), "the burstiness is kept");
    }

    @Test
    void oneRequestAtATimeIsAnsweredInClosedForm() {
        PlanResponse.PerformanceBlock p = plans.evaluate(llama31_8bOnOneH100(
                new PlanRequest.WorkloadInput("single-stream", 2048, 256, null, null, 0))).performance();
        String html = web.get("/plan?" + defaultQueryWith("mode", "single-stream")).body();
        assertTableShows(html, p);
        assertTrue(textById(html, "latency-method").startsWith("Closed form (analytic model)"));
        assertFalse(html.contains("id=\"simulation-facts\""), "no simulation, no simulation facts");
    }

    @Test
    void aRateBeyondCapacityQuotesNoTimeToFirstToken() {
        PlanResponse.PerformanceBlock p = plans.evaluate(llama31_8bOnOneH100(
                new PlanRequest.WorkloadInput("arrival-rate", 2048, 256, null, 1000.0, 0))).performance();
        assertTrue(p.exceedsCapacity());
        String html = web.get("/plan?" + defaultQueryWith("mode", "arrival-rate", "requestsPerSecond", "1000")).body();
        assertTrue(html.contains("id=\"latency-exceeds\""));
        assertTableShows(html, p);
        assertEquals("—", rowCells(html, "lat-ttft").get(3), "p95 TTFT left empty");
    }

    @Test
    void clientsInStepAreSaidToQueueInWavesBesideTheLatencyTable() {
        // 64 clients asking for identical lengths: every TTFT within 5 % of the median, and the page says why
        String query = defaultQueryWith("inputTokens", "1000", "outputTokens", "500", "concurrency", "64");
        PlanResponse r = plans.evaluate(llama31_8bOnOneH100(new PlanRequest.WorkloadInput("fixed-concurrency", 1000, 500,
                64, null, 0)));
        String warning = r.warnings().stream().filter(w -> w.startsWith("fixed lengths:")).findFirst().orElseThrow();
        String html = web.get("/plan?" + query).body();
        assertEquals(warning, WebClient.unescape(textById(html, "latency-waves")));
        assertTrue(html.indexOf("id=\"latency-waves\"") < html.indexOf("id=\"lat-ttft\""), "above the table it explains");
        String spread = web.get("/plan?" + query + "&outputTokensSpread=50").body();
        assertFalse(spread.contains("id=\"latency-waves\""), "lengths that vary break the waves");
    }

    @Test
    void aShapeTheApiRefusesIsExplainedBesideItsField() {
        HttpResponse<String> bad = web.get("/plan?" + defaultQueryWith("lengthDistribution", "normal"));
        assertTrue(bad.statusCode() == 400 || bad.statusCode() == 422, "status " + bad.statusCode());
        assertTrue(textById(bad.body(), "lengthDistribution-error").contains("lognormal"), "names what is allowed");
        HttpResponse<String> text = web.get("/plan?" + defaultQueryWith("inputTokensSpread", "wide"));
        assertEquals(400, text.statusCode());
        assertEquals("must be a number such as 0.9", textById(text.body(), "inputTokensSpread-error"));
        HttpResponse<String> range = web.get("/plan?" + defaultQueryWith("burstiness", "0"));
        assertTrue(textById(range.body(), "burstiness-error").contains("0.01"), "names the allowed range");
    }

    @Test
    void thePdfAndTheWorkbookCarryTheSameLatencyTable() throws Exception {
        PlanResponse.PerformanceBlock p = plans.evaluate(shaped()).performance();
        try (PDDocument doc = Loader.loadPDF(web.getBytes("/plan/report.pdf?" + SHAPED_QUERY).body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Latency: mean and percentiles"));
            // the numbers of the TTFT row in column order (the label's "fi" may come out as a ligature)
            String ttftRow = String.format(Locale.ROOT, "token %,.1f ms %,.1f ms %,.1f ms %,.1f ms %,.1f ms",
                    p.ttftMs(), p.ttftP50Ms(), p.ttftP90Ms(), p.ttftP95Ms(), p.ttftP99Ms());
            assertTrue(text.replaceAll("\\s+", " ").contains(ttftRow), "PDF row: " + ttftRow);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(web.getBytes("/plan/report.xlsx?" + SHAPED_QUERY).body()))) {
            Map<String, Row> results = new HashMap<>();
            wb.getSheet("Results").forEach(row -> results.putIfAbsent(row.getCell(0).getStringCellValue(), row));
            assertEquals(p.ttftP99Ms(), results.get("performance.ttftP99Ms").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(p.tpotP95Ms(), results.get("performance.tpotP95Ms").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(p.e2eLatencyP50Ms(), results.get("performance.e2eLatencyP50Ms").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(p.simulation().method(), results.get("performance.simulation.method").getCell(1).getStringCellValue());
            assertEquals(p.simulation().requestsSimulatedPerReplica(),
                    results.get("performance.simulation.requestsSimulatedPerReplica").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(p.simulation().meanKvOccupancyFraction(),
                    results.get("performance.simulation.meanKvOccupancyFraction").getCell(1).getNumericCellValue(), 1e-9);
            assertNotNull(results.get("latency.method"));
        }
    }
}
