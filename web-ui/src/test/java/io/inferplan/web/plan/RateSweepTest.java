package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The latency-percentiles-vs-request-rate chart and table: page, CSV link, PDF and workbook. */
@MicronautTest
class RateSweepTest {

    static final int OUTPUT_TOKENS = 256;

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    @Inject
    PlanPages pages;

    @Inject
    Charts charts;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    static PlanRequest atRate(double rps) {
        return llama31_8bOnOneH100(new PlanRequest.WorkloadInput("arrival-rate", 2048, OUTPUT_TOKENS, null, rps, 0));
    }

    /** The saturated request rate of the default plan, from the API's max-throughput answer. */
    double capacity() {
        PlanResponse saturated = plans.evaluate(llama31_8bOnOneH100(
                new PlanRequest.WorkloadInput("max-throughput", 2048, OUTPUT_TOKENS, null, null, 0)));
        return saturated.performance().outputTokensPerSecond() / OUTPUT_TOKENS;
    }

    /** The rows of the page's rate table, in order. */
    static List<List<String>> rows(String html) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; html.contains("id=\"rate-" + i + "\""); i++) {
            out.add(rowCells(html, "rate-" + i));
        }
        return out;
    }

    @Test
    void eachRowIsTheArrivalRateAnswerOfTheSamePlanFromATenthOfCapacityToBeyondIt() {
        String html = web.get("/plan?" + DEFAULT_QUERY).body();
        List<List<String>> rows = rows(html);
        assertEquals(RateSweep.FRACTIONS_OF_CAPACITY.size(), rows.size());
        double capacity = capacity();
        assertEquals(0.1 * capacity, number(rows.get(0).get(0)), 0.1 * capacity * 0.006, "starts at 10 % of capacity");
        boolean over = false;
        for (List<String> cells : rows) {
            double rps = number(cells.get(0));
            PlanResponse.PerformanceBlock p = plans.evaluate(atRate(rps)).performance();
            boolean exceeds = Boolean.TRUE.equals(p.exceedsCapacity());
            assertFalse(over && !exceeds, "nothing is served above a rate that exceeds capacity");
            over |= exceeds;
            assertEquals(exceeds ? "exceeds capacity" : "served", cells.get(7), "rate " + rps);
            assertEquals(rps / capacity * 100, number(cells.get(1)), 0.51);
            assertShown(p.ttftP50Ms(), cells.get(2));
            assertShown(p.ttftP95Ms(), cells.get(3));
            assertShown(p.ttftP99Ms(), cells.get(4));
            assertShown(p.tpotP95Ms(), cells.get(5));
        }
        assertTrue(over, "the sweep reaches a rate beyond capacity, which the table and chart mark");
        assertTrue(html.contains("id=\"chart-rates\""));
    }

    static void assertShown(Double expected, String cell) {
        if (expected == null) {
            assertEquals("—", cell);
        } else {
            assertEquals(expected, number(cell), 0.05);
        }
    }

    @Test
    void theCsvLinkGivesTheSameRatesWithEveryPercentileColumn() throws Exception {
        String html = web.get("/plan?" + DEFAULT_QUERY).body();
        Matcher m = Pattern.compile("href=\"([^\"]+)\" id=\"rates-csv\"").matcher(html);
        assertTrue(m.find(), "the page links the sweep CSV");
        String href = WebClient.unescape(m.group(1));
        assertTrue(href.startsWith("/api/v1/plans/sweep.csv?vary=workload.requestsPerSecond&values="), href);
        HttpResponse<String> csv = web.get(href);
        assertEquals(200, csv.statusCode(), csv.body());
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.parse(new StringReader(csv.body()), CSVFormat.RFC4180.builder().setHeader().build())) {
            for (String column : List.of("performance.ttftP50Ms", "performance.ttftP90Ms", "performance.ttftP95Ms",
                    "performance.ttftP99Ms", "performance.tpotP50Ms", "performance.tpotP95Ms", "performance.tpotP99Ms",
                    "performance.e2eLatencyP50Ms", "performance.e2eLatencyP99Ms", "performance.exceedsCapacity",
                    "performance.simulation.method")) {
                assertTrue(p.getHeaderNames().contains(column), column);
            }
            records = p.getRecords();
        }
        List<List<String>> rows = rows(html);
        assertEquals(rows.size(), records.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = records.get(i);
            assertEquals(rows.get(i).get(0), r.get("workload.requestsPerSecond"));
            assertEquals("", r.get("error"));
            assertEquals("exceeds capacity".equals(rows.get(i).get(7)), Boolean.parseBoolean(r.get("performance.exceedsCapacity")));
            assertShown(r.get("performance.ttftP95Ms").isEmpty() ? null : Double.parseDouble(r.get("performance.ttftP95Ms")),
                    rows.get(i).get(3));
            assertShown(Double.parseDouble(r.get("performance.tpotP95Ms")), rows.get(i).get(5));
        }
    }

    @Test
    void theChartIsAnSvgAndThePdfAndWorkbookCarryTheSweep() throws Exception {
        HttpResponse<byte[]> svg = web.getBytes("/plan/chart/latency-vs-rate.svg?" + DEFAULT_QUERY);
        assertEquals(200, svg.statusCode());
        assertTrue(new String(svg.body()).contains("<svg"));
        List<List<String>> rows = rows(web.get("/plan?" + DEFAULT_QUERY).body());
        String wall = rows.stream().filter(r -> "exceeds capacity".equals(r.get(7))).findFirst().orElseThrow().get(0);
        XYChart chart = charts.rates(pages.rateSweep(pages.evaluate(PlanForm.defaults())));
        assertNotNull(chart.getSeries("Exceeds capacity from " + wall + " req/s"),
                "the chart marks the first rate the table says exceeds capacity");
        double firstRps = number(rows.get(0).get(0));
        PlanResponse.PerformanceBlock first = plans.evaluate(atRate(firstRps)).performance();
        try (PDDocument doc = Loader.loadPDF(web.getBytes("/plan/report.pdf?" + DEFAULT_QUERY).body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Latency percentiles vs request rate"));
            assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%,.1f ms", first.ttftP99Ms())),
                    "the PDF shows the lightest rate's p99 TTFT");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(web.getBytes("/plan/report.xlsx?" + DEFAULT_QUERY).body()))) {
            Sheet s = wb.getSheet("Latency vs rate");
            assertEquals("performance.ttftP95Ms", s.getRow(0).getCell(4).getStringCellValue());
            for (int i = 0; i < rows.size(); i++) {
                double rps = s.getRow(i + 1).getCell(0).getNumericCellValue();
                assertEquals(number(rows.get(i).get(0)), rps, 1e-9);
                PlanResponse.PerformanceBlock p = plans.evaluate(atRate(rps)).performance();
                if (p.ttftP95Ms() == null) {
                    assertNull(s.getRow(i + 1).getCell(4), "no TTFT beyond capacity");
                } else {
                    assertEquals(p.ttftP95Ms(), s.getRow(i + 1).getCell(4).getNumericCellValue(), 1e-9);
                }
                assertEquals(String.valueOf(Boolean.TRUE.equals(p.exceedsCapacity())),
                        s.getRow(i + 1).getCell(8).getStringCellValue());
            }
        }
    }
}
