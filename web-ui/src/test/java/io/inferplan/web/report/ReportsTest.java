package io.inferplan.web.report;

import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ReportsTest {

    private static final String ADMIN_TOKEN = "test-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    PlanService plans;

    @Inject
    AdvisorService advisor;

    @Test
    void thePdfReportCarriesThePlansNumbersBillOfMaterialsAndSources() throws IOException {
        PlanResponse expected = plans.evaluate(llama31_8bOnOneH100());
        HttpResponse<byte[]> r = client.toBlocking().exchange(HttpRequest.GET("/plan/report.pdf?" + DEFAULT_QUERY.replace("notes=", "notes=For+ACME+procurement")), byte[].class);
        assertEquals("application/pdf", r.getContentType().orElseThrow().toString());
        String text;
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertTrue(text.contains("For ACME procurement"), "notes printed");
        assertTrue(text.contains("catalog version " + expected.catalogVersion()), "catalog version");
        assertEquals(expected.memory().weightsGiB(), after(text, "Weights \\(one copy\\)"), 0.005);
        assertEquals(expected.memory().totalGiBPerAccelerator(), after(text, "In use per accelerator \\(most loaded\\)"), 0.005);
        assertEquals(expected.memory().maxConcurrentRequests(), after(text, "Requests that fit at once \\(deployment\\)"));
        assertTrue(text.contains("Bill of materials") && text.contains("700 W"), "power at TDP of 1 × H100 SXM (700 W)");
        assertTrue(text.contains("Sources") && text.contains("https://"), "sources");
        assertEquals(expected.performance().outputTokensPerSecond(), after(text, "Output tokens/s, deployment \\(low–high\\)"), 0.05);
        double perHour = expected.cost().usdPerHour();
        assertEquals(perHour, after(text, "Rental per hour, all accelerators\\s+USD"), 0.005);
        assertEquals(perHour * 26_280, after(text, "Rental for three years \\(26,280 h\\)\\s+USD"), 2.0);
        assertEquals(expected.cost().energy().kWhPerMillionOutputTokens(), after(text, "Energy per million output tokens"), 0.0005);
        assertEquals(expected.cost().energy().joulesPerOutputToken(), after(text, "Energy per output token"), 0.0005);
        assertEquals(expected.cost().carbon().gCo2ePerMillionOutputTokens(), after(text, "Carbon per million output tokens"), 0.05);
        assertTrue(text.contains("World (472.9 gCO2e/kWh, 2024)"), "grid named with its intensity and year");
    }

    @Test
    void theWorkbookHasInputsResultsSweepAndSources() throws IOException {
        PlanResponse expected = plans.evaluate(llama31_8bOnOneH100());
        byte[] bytes = client.toBlocking().retrieve(HttpRequest.GET("/plan/report.xlsx?" + DEFAULT_QUERY), byte[].class);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (String name : new String[] {"Inputs", "Results", "Frameworks", "Sweep", "Sources"}) {
                assertNotNull(wb.getSheet(name), name);
            }
            Map<String, Row> results = byFirstColumn(wb.getSheet("Results"));
            assertEquals(expected.memory().weightsGiB(), results.get("memory.weightsGiB").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(expected.memory().maxConcurrentRequests(),
                    results.get("memory.maxConcurrentRequests").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals("h100-sxm", byFirstColumn(wb.getSheet("Inputs")).get("accelerator").getCell(2).getStringCellValue());
            assertEquals(expected.cost().energy().kWhPerMillionOutputTokens(),
                    results.get("cost.energy.kWhPerMillionOutputTokens").getCell(1).getNumericCellValue(), 1e-9);
            assertEquals(expected.cost().carbon().gCo2ePerMillionOutputTokens(),
                    results.get("cost.carbon.gCo2ePerMillionOutputTokens").getCell(1).getNumericCellValue(), 1e-9);
            Sheet sweep = wb.getSheet("Sweep");
            assertEquals(XlsxReport.SWEEP_CONCURRENCY.size(), sweep.getLastRowNum());
            assertEquals(16.0, sweep.getRow(5).getCell(0).getNumericCellValue());
            Map<String, Row> sources = byFirstColumn(wb.getSheet("Sources"));
            assertTrue(sources.get("Accelerator").getCell(3).getStringCellValue().startsWith("https://"));
        }
    }

    @Test
    void aPlanOpenedFromTheAdvisorCarriesItsReasoningIntoThePdfAndTheWorkbook() throws IOException {
        String advice = "model=llama-3.1-8b&accelerator=h100-sxm&acceleratorCount=1&mode=fixed-concurrency&concurrency=16"
                + "&inputTokens=2048&outputTokens=256&deploymentMonths=6";
        AdviseResponse expected = advisor.advise(new AdviseRequest("llama-3.1-8b", "h100-sxm", 1,
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, null), 6, null, null, null));
        AdviseResponse.Advice vllm = expected.frameworks().stream().filter(a -> a.framework().equals("vllm")).findFirst()
                .orElseThrow();
        String query = "model=llama-3.1-8b&weightFormat=" + vllm.weightFormat() + "&accelerator=h100-sxm&acceleratorCount=1"
                + "&framework=vllm&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=16&advice="
                + java.net.URLEncoder.encode(advice, java.nio.charset.StandardCharsets.UTF_8);
        byte[] pdfBytes = client.toBlocking().retrieve(HttpRequest.GET("/plan/report.pdf?" + query), byte[].class);
        String text;
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
        }
        assertTrue(text.contains("Why vLLM: the framework advisor"), "the reasoning section");
        assertTrue(text.contains("Ranked " + vllm.rank() + " of"), "its rank");
        assertTrue(text.contains("How long does the deployment live"), "the four questions");
        // word for word; line breaks inside words (the PDF wraps "tok/s" at its slash) are ignored
        assertTrue(text.replace(" ", "").contains(vllm.reasons().get(1).replaceAll("\\s+", "")), "the reasons, word for word");
        byte[] xlsx = client.toBlocking().retrieve(HttpRequest.GET("/plan/report.xlsx?" + query), byte[].class);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet("Advisor");
            assertNotNull(sheet, "the Advisor sheet");
            Map<String, Row> rows = byFirstColumn(sheet);
            assertEquals(vllm.score(), rows.get("framework").getCell(4).getNumericCellValue(), 1e-9);
            Row throughput = rows.get("criterion: Throughput share");
            assertEquals(vllm.criteria().throughput().points(), throughput.getCell(4).getNumericCellValue(), 1e-9);
            assertTrue(rows.get("criterion: Maintenance status").getCell(5).getStringCellValue().startsWith("https://"));
        }
        byte[] plain = client.toBlocking().retrieve(HttpRequest.GET("/plan/report.xlsx?" + DEFAULT_QUERY), byte[].class);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(plain))) {
            assertEquals(null, wb.getSheet("Advisor"), "no advisor, no Advisor sheet");
        }
    }

    @Test
    void aReportAskedAgainIsTheKeptOneUntilTheCatalogChanges() throws IOException {
        String id = "report-gpu-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> gpu = Fixtures.customHopper(id);
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/accelerators", gpu).bearerAuth(ADMIN_TOKEN));
        try {
            String query = DEFAULT_QUERY.replace("accelerator=h100-sxm", "accelerator=" + id);
            HttpResponse<byte[]> pdf = get("/plan/report.pdf?" + query);
            HttpResponse<byte[]> xlsx = get("/plan/report.xlsx?" + query);
            assertTrue(pdfText(pdf.body()).contains("80.00 GiB"), "capacity of the 80 GB accelerator");
            for (HttpResponse<byte[]> first : List.of(pdf, xlsx)) {
                String uri = first == pdf ? "/plan/report.pdf?" + query : "/plan/report.xlsx?" + query;
                HttpResponse<byte[]> again = get(uri);
                assertArrayEquals(first.body(), again.body(), uri);
                assertNotNull(first.header("ETag"), uri);
                assertEquals(first.header("ETag"), again.header("ETag"), uri);
                assertEquals(first.header("Content-Disposition"), again.header("Content-Disposition"), uri);
                assertEquals(first.getContentType(), again.getContentType(), uri);
            }

            gpu.put("memoryGB", 96.0);
            client.toBlocking().exchange(HttpRequest.PUT("/api/v1/accelerators/" + id, gpu).bearerAuth(ADMIN_TOKEN));
            assertTrue(pdfText(get("/plan/report.pdf?" + query).body()).contains("96.00 GiB"),
                    "the report after the change shows the 96 GB capacity");
            assertNotEquals(xlsx.header("ETag"), get("/plan/report.xlsx?" + query).header("ETag"));
        } finally {
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/accelerators/" + id).bearerAuth(ADMIN_TOKEN));
        }
    }

    private HttpResponse<byte[]> get(String uri) {
        return client.toBlocking().exchange(HttpRequest.GET(uri), byte[].class);
    }

    private static String pdfText(byte[] bytes) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(pdf);
        }
    }

    /** The number printed right after a row label. */
    private static double after(String text, String label) {
        Matcher m = Pattern.compile(label + "\\s+([0-9][0-9,]*(\\.[0-9]+)?)").matcher(text);
        assertTrue(m.find(), "no number after " + label);
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    private static Map<String, Row> byFirstColumn(Sheet s) {
        Map<String, Row> out = new HashMap<>();
        for (Row row : s) {
            out.putIfAbsent(row.getCell(0).toString(), row);
        }
        return out;
    }
}
