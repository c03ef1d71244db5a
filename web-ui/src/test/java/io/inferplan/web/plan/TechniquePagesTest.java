package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.technique.TechniquesBlock;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.defaultQueryWith;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serving-technique inputs and sections of the plan form, the result page, its chart and the PDF/XLSX reports,
 * checked against the API's answer to the same query (the page's URL is also an API call).
 */
@MicronautTest
class TechniquePagesTest {

    /** EAGLE, k = 3, α = 0.8 at 4 concurrent requests: (1 − 0.8⁴) ÷ 0.2 = 2.952 tokens per step. */
    static final String SPECULATIVE = defaultQueryWith("concurrency", "4", "speculativeMethod", "eagle",
            "numSpeculativeTokens", "3", "acceptanceRate", "0.8");
    static final String LORA = defaultQueryWith("concurrency", "32", "loraAdapters", "100", "maxLorasPerBatch", "8");
    static final String DISAGGREGATED = defaultQueryWith("mode", "arrival-rate", "requestsPerSecond", "2",
            "prefillTensorParallel", "1", "prefillInstances", "1", "decodeTensorParallel", "1", "decodeInstances", "1");

    @Inject
    EmbeddedServer server;

    @Inject
    ObjectMapper json;

    @Inject
    TechniqueCharts charts;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    PlanResponse api(String query) throws IOException {
        HttpResponse<String> r = web.get("/api/v1/plans/evaluate?" + query.replace("&notes=", "")); // a page-only field
        assertEquals(200, r.statusCode(), r.body());
        return json.readValue(r.body(), PlanResponse.class);
    }

    static int rows(String html, String tableId) {
        int at = html.indexOf("id=\"" + tableId + "\"");
        String table = html.substring(html.indexOf("<tbody>", at), html.indexOf("</tbody>", at));
        return table.split("<tr").length - 1;
    }

    @Test
    void speculationShowsWithAndWithoutTheCurveAndItsChart() throws IOException {
        PlanResponse r = api(SPECULATIVE);
        TechniquesBlock.Speculative s = r.techniques().speculative();
        String html = web.get("/plan?" + SPECULATIVE).body();
        List<String> tpot = rowCells(html, "spec-tpot");
        assertEquals(r.performance().tpotMs(), number(tpot.get(1)), 0.05);
        assertEquals(s.tpotMsWithout(), number(tpot.get(2)), 0.05);
        assertEquals(s.tpotSpeedup(), number(tpot.get(3)), 0.005);
        List<String> tps = rowCells(html, "spec-throughput");
        assertEquals(s.outputTokensPerSecondWithout(), number(tps.get(2)), 0.05);
        assertTrue(WebClient.unescape(textById(html, "spec-summary")).contains("= 2.95."), textById(html, "spec-summary"));
        assertEquals(s.curve().size(), rows(html, "spec-curve"));
        String breakEven = WebClient.unescape(textById(html, "spec-break-even"));
        assertEquals(s.breakEvenConcurrency() != null ? s.breakEvenConcurrency() + " concurrent requests" : s.breakEvenNote(),
                breakEven);

        String src = WebClient.unescape(html.substring(html.indexOf("src=\"", html.indexOf("id=\"chart-technique\"")) + 5));
        src = src.substring(0, src.indexOf('"'));
        assertTrue(src.startsWith("/plan/technique-chart/speculative.svg?"), src);
        HttpResponse<String> svg = web.get(src);
        assertEquals(200, svg.statusCode());
        assertTrue(svg.headers().firstValue("content-type").orElse("").startsWith("image/svg+xml"));
        assertTrue(svg.body().contains("<svg"), "an SVG");
        var chart = charts.of("speculative", api(SPECULATIVE).techniques());
        assertEquals(java.util.Set.of("TPOT with", "TPOT without", "Tokens/s with", "Tokens/s without"),
                chart.getSeriesCollection().stream().map(x -> x.getName()).collect(java.util.stream.Collectors.toSet()),
                "with and without, both axes");
        assertEquals(s.curve().get(0).tpotMsWith(), chart.getSeries("TPOT with").getYData()[0], 1e-9);
        byte[] png = web.getBytes(src.replace("speculative.svg", "speculative.png")).body();
        assertEquals((byte) 0x89, png[0], "a PNG");
        assertEquals(404, web.get("/plan/technique-chart/medusa.svg?" + SPECULATIVE).statusCode());
    }

    @Test
    void loraShowsWhatFitsAndTheThroughputWithNAdapters() throws IOException {
        TechniquesBlock.Lora l = api(LORA).techniques().lora();
        String html = web.get("/plan?" + LORA).body();
        assertEquals(l.adaptersThatFitOnAccelerators(), (long) number(textById(html, "lora-fit")));
        assertEquals("92.0 %", textById(html, "lora-miss")); // 1 − 8 ÷ 100 adapters held
        assertTrue(WebClient.unescape(textById(html, "lora-summary")).startsWith("100 adapters of rank 8 on q_proj, v_proj: "));
        assertEquals(l.curve().size(), rows(html, "lora-curve"));
        assertTrue(html.contains("/plan/technique-chart/lora.svg?"));
    }

    @Test
    void disaggregationShowsBothPoolsAndThePoolSizesByTraffic() throws IOException {
        TechniquesBlock.Disaggregation d = api(DISAGGREGATED).techniques().disaggregation();
        String html = web.get("/plan?" + DISAGGREGATED).body();
        List<String> prefill = rowCells(html, "pool-prefill");
        assertEquals("1 × TP1", WebClient.unescape(prefill.get(1)));
        assertEquals(d.prefill().saturatedRequestsPerSecond(), number(prefill.get(2)), 0.005);
        assertEquals(d.decode().tpotMs(), number(rowCells(html, "pool-decode").get(5)), 0.05);
        assertTrue(WebClient.unescape(textById(html, "disagg-summary")).startsWith("1P1D: 2 accelerators in all"));
        assertEquals(d.poolSizesByTraffic().size(), rows(html, "pool-sizes"));
    }

    @Test
    void theFormKeepsTheTechniqueAndOpensItsInputs() {
        String form = WebClient.unescape(web.get("/?" + SPECULATIVE).body());
        assertTrue(form.contains("<details id=\"speculative-inputs\" open=\"open\">"), "speculation inputs open");
        assertTrue(form.contains("<details id=\"lora-inputs\">"), "the others closed");
        assertTrue(form.contains("<option value=\"eagle\" selected=\"selected\">"));
        assertTrue(form.contains("id=\"acceptanceRate\" name=\"acceptanceRate\" value=\"0.8\""));
    }

    @Test
    void refusalsAreExplainedBesideTheirField() {
        HttpResponse<String> family = web.get("/plan?" + defaultQueryWith("speculativeMethod", "draft-model",
                "draftModel", "qwen3-0.6b"));
        assertEquals(422, family.statusCode());
        String why = WebClient.unescape(textById(family.body(), "draftModel-error"));
        assertTrue(why.contains("qwen3") && why.contains("tokenizer family"), why);
        assertTrue(family.body().contains("<details id=\"speculative-inputs\" open=\"open\">"), "opened on its error");

        HttpResponse<String> text = web.get("/plan?" + defaultQueryWith("speculativeMethod", "eagle",
                "numSpeculativeTokens", "three"));
        assertEquals(400, text.statusCode());
        assertEquals("must be a whole number", textById(text.body(), "numSpeculativeTokens-error"));

        HttpResponse<String> unsupported = web.get("/plan?" + defaultQueryWith("framework", "llama.cpp",
                "weightFormat", "gguf-q4_k_m", "prefillInstances", "1", "decodeInstances", "1"));
        assertEquals(422, unsupported.statusCode(), unsupported.body());
        String summary = WebClient.unescape(textById(unsupported.body(), "problem-summary"));
        assertTrue(summary.contains("source: https://"), summary);
    }

    @Test
    void thePdfAndTheWorkbookCarryTheTechnique() throws IOException {
        TechniquesBlock.Speculative s = api(SPECULATIVE).techniques().speculative();
        byte[] pdf = web.getBytes("/plan/report.pdf?" + SPECULATIVE).body();
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.write(dir.resolve("technique-report.pdf"), pdf); // for a person to look at
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Speculative decoding"));
            assertTrue(text.contains(String.format(Locale.ROOT, "%.2f×", s.tpotSpeedup())), "speed-up in the PDF");
        }
        for (String[] other : new String[][] {{LORA, "LoRA adapters", "lora"}, {DISAGGREGATED,
                "Prefill/decode disaggregation", "disaggregation"}}) {
            byte[] bytes = web.getBytes("/plan/report.pdf?" + other[0]).body();
            java.nio.file.Files.write(dir.resolve("technique-report-" + other[2] + ".pdf"), bytes);
            try (PDDocument doc = Loader.loadPDF(bytes)) {
                assertTrue(new PDFTextStripper().getText(doc).contains(other[1]), other[1]);
            }
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(web.getBytes("/plan/report.xlsx?" + SPECULATIVE).body()))) {
            Sheet sheet = wb.getSheet("Techniques");
            assertNotNull(sheet);
            Row expected = find(sheet, "techniques.speculative.expectedTokensPerStep");
            assertEquals(2.952, expected.getCell(1).getNumericCellValue(), 1e-9);
            assertEquals("given", find(sheet, "techniques.speculative.acceptanceRateSource").getCell(1).getStringCellValue());
            Row curve = find(sheet, "techniques.speculative.curve");
            Row header = sheet.getRow(curve.getRowNum() + 1);
            assertEquals("concurrency", header.getCell(0).getStringCellValue());
            for (int i = 0; i < s.curve().size(); i++) {
                Row row = sheet.getRow(curve.getRowNum() + 2 + i);
                assertEquals(s.curve().get(i).concurrency(), row.getCell(0).getNumericCellValue(), 0);
                assertEquals(String.valueOf(s.curve().get(i).pays()), row.getCell(9).getStringCellValue());
            }
        }
    }

    /** The fleet page's disaggregated pools are the fleet API's, beside the colocated fleet of the same request. */
    @Test
    void theFleetPageSizesDisaggregatedPoolsBesideTheColocatedFleet() throws IOException {
        String query = "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm&requestsPerSecond=4"
                + "&peakToAverage=2&inputTokens=2048&outputTokens=256&sharedPrefixTokens=0&ttftP95Ms=2000&tpotMs=50";
        HttpResponse<String> api = web.get("/api/v1/plans/fleet?" + query + "&disaggregation=true");
        assertEquals(200, api.statusCode(), api.body());
        var d = json.readValue(api.body(), io.inferplan.plan.capacity.FleetService.FleetResponse.class).disaggregation();
        String html = web.get("/fleet?" + query + "&disaggregation=true").body();
        assertEquals("Disaggregated: " + d.ratio(), textById(html, "fleet-disaggregation"));
        List<String> gpus = rowCells(html, "disagg-accelerators");
        assertEquals(d.acceleratorCount(), (int) number(gpus.get(1)));
        assertEquals(d.colocatedAcceleratorCount(), (int) number(gpus.get(2)));
        assertEquals(d.goodputRequestsPerSecondPerAccelerator(), number(rowCells(html, "disagg-goodput").get(1)), 0.0005);
        assertEquals(d.poolSizesByTraffic().size(), rows(html, "disagg-sizes"));
        assertTrue(html.matches("(?s).*<input type=\"checkbox\"[^>]*id=\"disaggregation\"[^>]*checked=\"checked\".*"),
                "kept ticked");
        assertFalse(web.get("/fleet?" + query).body().contains("id=\"fleet-disaggregation\""), "only when asked");
    }

    @Test
    void aPlanWithoutATechniqueHasNoSectionAndNoSheet() throws IOException {
        assertFalse(web.get("/plan?" + DEFAULT_QUERY).body().contains("id=\"techniques\""));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(web.getBytes("/plan/report.xlsx?" + DEFAULT_QUERY).body()))) {
            assertNull(wb.getSheet("Techniques"));
        }
    }

    static Row find(Sheet sheet, String name) {
        for (Row r : sheet) {
            if (r.getCell(0) != null && r.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && name.equals(r.getCell(0).getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row " + name);
    }
}
