package io.inferplan.web.capacity;

import io.inferplan.plan.day.DayRequest;
import io.inferplan.plan.day.DayResponse;
import io.inferplan.plan.day.DayService;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.List;

import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The day-of-traffic page, its chart and its reports through the real server; numbers are DayService's. */
@MicronautTest
class DayPagesTest {

    /** Four hours at 4, 4, 8, 16 requests/s; 4 per replica; reserved 1.00 and on-demand 2.50 USD/h; 1 reserved. */
    static final String QUERY = "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&acceleratorCount=1&framework=vllm"
            + "&inputTokens=1000&outputTokens=250&ttftP95Ms=2000&tpotP95Ms=50&hourlyRequestsPerSecond=4%2C+4%2C+8%2C+16"
            + "&minReplicas=1&targetRequestsPerSecondPerReplica=4&reservedReplicas=1&spotReplicas=0"
            + "&reservedUsdPerGpuHour=1&onDemandUsdPerGpuHour=2.5";

    @Inject
    EmbeddedServer server;
    @Inject
    DayService days;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    static DayResponse expected(DayService days) {
        return days.plan(new DayRequest(new PlanRequest("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm",
                new PlanRequest.WorkloadInput(null, 1000, 250, null, null, null), null, null, null),
                new DayRequest.Slo(2000.0, 50.0, null), List.of(4.0, 4.0, 8.0, 16.0), null,
                new DayRequest.Autoscaling(1, null, 4.0, null, null, null, null, null, null, null),
                new DayRequest.Purchase(1, 0, null, 1.0, 2.5, null)));
    }

    @Test
    void theBareFormHasAnExampleDay() {
        HttpResponse<String> page = web.get("/day");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(DayForm.EXAMPLE_DAY), "24 example rates in the form");
        assertTrue(page.body().contains("Day of traffic"), "in the navigation");
    }

    @Test
    void theAnswerIsTheServices() {
        DayResponse r = expected(days);
        HttpResponse<String> page = web.get("/day?" + QUERY);
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertEquals(r.month().usd(), number(textById(html, "month-usd")), 0.005);
        assertEquals(r.month().usdPerMillionOutputTokens(), number(textById(html, "month-usdPerMillionOutputTokens")), 0.005);
        // needed 1, 1, 2, 4 at 4 per replica: the last hour runs 4 replicas
        List<String> last = rowCells(html, "hour-3");
        assertEquals("4 (4)", last.get(2));
        assertEquals(r.hours().get(3).replicas() + " (" + r.hours().get(3).desiredReplicas() + ")", last.get(2));
        assertTrue(textById(html, "cheapest-mix").isEmpty() || html.contains("2 reserved, the rest on-demand"),
                "the hand-worked curve's cheapest split is 2 reserved");
        assertTrue(html.contains("/day/chart.svg?"), "the chart is linked");
    }

    @Test
    void withoutAReservedPriceTheMixSaysWhichFieldToGive() {
        HttpResponse<String> page = web.get("/day?" + QUERY.replace("&reservedReplicas=1", "&reservedReplicas=0")
                .replace("&reservedUsdPerGpuHour=1", ""));
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("give purchase.reservedUsdPerGpuHour"), "the catalog has no reserved H100 SXM price");
    }

    @Test
    void aDayWithoutTrafficHasAChart() {
        HttpResponse<String> svg = web.get("/day/chart.svg?" + QUERY.replace("4%2C+4%2C+8%2C+16", "0%2C+0")
                .replace("minReplicas=1", "minReplicas=0"));
        assertEquals(200, svg.statusCode(), svg.body());
    }

    @Test
    void aBadRateIsExplainedBesideItsField() {
        HttpResponse<String> page = web.get("/day?" + QUERY.replace("4%2C+4%2C+8%2C+16", "4%2C+four"));
        assertEquals(400, page.statusCode());
        assertTrue(textById(page.body(), "hourlyRequestsPerSecond-error").replace("&#39;", "'")
                .contains("entry 2 'four' is not a number"),
                page.body());
    }

    @Test
    void theChartIsAnSvg() {
        HttpResponse<String> svg = web.get("/day/chart.svg?" + QUERY);
        assertEquals(200, svg.statusCode());
        assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"),
                svg.headers().toString());
        assertTrue(svg.body().contains("<svg"), svg.body().substring(0, Math.min(300, svg.body().length())));
    }

    @Test
    void theReportsCarryTheSameNumbers() throws Exception {
        DayResponse r = expected(days);
        byte[] pdf = web.getBytes("/day/report.pdf?" + QUERY).body();
        java.nio.file.Files.write(java.nio.file.Path.of("target", "day-report.pdf"), pdf); // to look at
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains(String.format(java.util.Locale.ROOT, "USD %,.2f", r.month().usd())), text);
            assertTrue(text.contains("Hour by hour"));
            assertTrue(text.contains(r.catalogVersion()));
        }
        byte[] xlsx = web.getBytes("/day/report.xlsx?" + QUERY).body();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet hours = wb.getSheet("Hours");
            assertEquals("hour", hours.getRow(0).getCell(0).getStringCellValue());
            assertEquals(5, hours.getPhysicalNumberOfRows(), "a header and four hours");
            int usd = 0;
            while (!"usd".equals(hours.getRow(0).getCell(usd).getStringCellValue())) {
                usd++;
            }
            assertEquals(r.hours().get(3).usd(), hours.getRow(4).getCell(usd).getNumericCellValue(), 1e-9);
            assertEquals(1, wb.getSheet("Chart").getDrawingPatriarch().getShapes().size(), "the chart as a picture");
            assertEquals(6, wb.getSheet("Mix").getPhysicalNumberOfRows(), "a header and reserved 0 to 4 (4 replicas at peak)");
        }
    }
}
