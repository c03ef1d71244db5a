package io.inferplan.web;

import io.inferplan.plan.saved.SavedPlanResponse;
import io.inferplan.plan.saved.SavedPlanService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every form with hostile values: markup and script in text, unknown ids, NaN, huge numbers, very long strings.
 * No 5xx, user text escaped on the pages and literal in the PDF/XLSX, and nothing refused is stored.
 */
@MicronautTest
class HostileFormsTest {

    static final String SCRIPT = "<script>alert('x')</script>";
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    static final String FORMULA = "=HYPERLINK(\"http://evil\",\"click\")";

    @Inject
    EmbeddedServer server;

    @Inject
    SavedPlanService saved;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    static final List<String> HOSTILE = List.of(SCRIPT, IMG, "NaN", "Infinity", "-1", "0", "1e309",
            "99999999999999999999", "2147483648", "1.5", "h100-sxn", "../../etc/passwd", "%00", "'; DROP TABLE saved_plan; --",
            "x".repeat(1500));

    /** (page, parameter) for every input of every GET form. */
    static Stream<String[]> getForms() {
        Map<String, List<String>> forms = new LinkedHashMap<>();
        forms.put("/plan", List.of("model", "weightFormat", "kvCacheFormat", "accelerator", "acceleratorCount", "framework",
                "mode", "inputTokens", "outputTokens", "concurrency", "requestsPerSecond", "sharedPrefixTokens",
                "inputTokensSpread", "outputTokensSpread", "lengthDistribution", "burstiness", "memoryFraction", "tensorParallel", "notes",
                "advice"));
        forms.put("/optimize", List.of("model", "mode", "inputTokens", "outputTokens", "concurrency", "requestsPerSecond",
                "ttftP95Ms", "tpotMs", "tpotP95Ms", "minWeightBits", "accelerators", "frameworks"));
        forms.put("/fleet", List.of("model", "weightFormat", "kvCacheFormat", "accelerator", "acceleratorsPerReplica",
                "framework", "requestsPerSecond", "tokensPerDay", "peakToAverage", "inputTokens", "outputTokens",
                "sharedPrefixTokens", "ttftP95Ms", "tpotMs", "tpotP95Ms"));
        forms.put("/advise", List.of("model", "accelerator", "acceleratorCount", "mode", "inputTokens", "outputTokens",
                "concurrency", "sharedPrefixTokens", "deploymentMonths", "modelChangesPerYear", "teamExperience",
                "maxQualityLossPercent", "structuredOutput", "w-throughput", "w-structuredOutput"));
        List<String[]> out = new ArrayList<>();
        forms.forEach((page, params) -> params.forEach(p -> out.add(new String[] {page, p})));
        return out.stream();
    }

    static String base(String page) {
        return switch (page) {
            case "/plan" -> DEFAULT_QUERY;
            case "/optimize" -> "model=llama-3.1-8b&mode=fixed-concurrency&inputTokens=512&outputTokens=128&concurrency=8"
                    + "&ttftP95Ms=2000&tpotMs=50&accelerators=h100-sxm&frameworks=vllm";
            case "/fleet" -> "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm&requestsPerSecond=2"
                    + "&peakToAverage=2&inputTokens=512&outputTokens=128&ttftP95Ms=2000&tpotMs=50";
            default -> "model=llama-3.1-8b&accelerator=h100-sxm&inputTokens=512&outputTokens=128&concurrency=8";
        };
    }

    static String with(String query, String param, String value) {
        String enc = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String replaced = query.replaceAll("(^|&)" + param + "=[^&]*", "$1" + param + "=" + java.util.regex.Matcher.quoteReplacement(enc));
        return replaced.equals(query) && !query.matches("(^|.*&)" + param + "=.*") ? query + "&" + param + "=" + enc : replaced;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("getForms")
    void everyHostileValueOfEveryInputIsAnsweredWithoutA5xxAndEscaped(String page, String param) {
        for (String value : HOSTILE) {
            HttpResponse<String> r = web.get(page + "?" + with(base(page), param, value));
            assertTrue(r.statusCode() < 500, page + " " + param + "=" + value + " gave " + r.statusCode() + ": " + r.body());
            assertFalse(r.body().contains(SCRIPT), page + " " + param + ": script not escaped");
            assertFalse(r.body().contains("<img src=x"), page + " " + param + ": markup not escaped");
        }
    }

    @Test
    void markupInNotesIsEscapedOnThePageAndLiteralInThePdfAndXlsx() throws Exception {
        String q = with(DEFAULT_QUERY, "notes", SCRIPT + " " + FORMULA);
        String html = web.get("/plan?" + q).body();
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "escaped on the page");
        try (PDDocument doc = Loader.loadPDF(web.getBytes("/plan/report.pdf?" + q).body())) {
            assertTrue(new PDFTextStripper().getText(doc).replace("\n", " ").contains(SCRIPT), "printed literally in the PDF");
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(web.getBytes("/plan/report.xlsx?" + q).body()))) {
            Cell notes = null;
            for (Row row : wb.getSheet("Inputs")) {
                if ("notes".equals(row.getCell(0).getStringCellValue())) {
                    notes = row.getCell(1);
                }
            }
            assertEquals(CellType.STRING, notes.getCellType(), "text, never a formula");
            assertEquals(SCRIPT + " " + FORMULA, notes.getStringCellValue());
        }
    }

    Map<String, String> saveForm(String name, String notes) {
        return web.saveForm(DEFAULT_QUERY, name, notes);
    }

    @Test
    void aSavedPlanWithMarkupInNameAndNotesIsStoredLiterallyAndShownEscaped() {
        HttpResponse<String> post = web.postForm("/saved", saveForm(SCRIPT, IMG + "\n" + FORMULA));
        assertEquals(303, post.statusCode(), post.body());
        String location = post.headers().firstValue("Location").orElseThrow();
        SavedPlanResponse stored = saved.get(Long.parseLong(location.substring("/saved/".length())));
        assertEquals(SCRIPT, stored.name());
        assertEquals(IMG + "\n" + FORMULA, stored.notes());
        for (String page : List.of(location, "/saved")) {
            String html = web.get(page).body();
            assertFalse(html.contains(SCRIPT), page);
            assertFalse(html.contains("<img src=x"), page);
            assertTrue(html.contains("&lt;script&gt;"), page);
        }
    }

    @Test
    void hostileSavesAreRefusedWithoutA5xxAndStoreNothing() {
        int before = saved.list().size();
        List<Map<String, String>> bad = new ArrayList<>();
        bad.add(saveForm("x".repeat(201), ""));
        bad.add(saveForm("too long notes", "n".repeat(4001)));
        bad.add(saveForm("", ""));
        bad.add(saveForm("nul\u0000name", ""));
        for (String[] field : new String[][] {{"model", SCRIPT}, {"accelerator", "h100-sxn"}, {"inputTokens", "NaN"},
                {"concurrency", "99999999999999999999"}, {"memoryFraction", "1e309"}, {"acceleratorCount", "-3"},
                {"mode", IMG}, {"outputTokens", "0"}}) {
            Map<String, String> f = saveForm("hostile " + field[0], "");
            f.put(field[0], field[1]);
            bad.add(f);
        }
        for (Map<String, String> f : bad) {
            HttpResponse<String> r = web.postForm("/saved", f);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, f.get("name") + " gave " + r.statusCode() + ": " + r.body());
            assertFalse(r.body().contains(SCRIPT));
            assertFalse(r.body().contains("<img src=x"));
        }
        assertEquals(before, saved.list().size(), "nothing refused was stored");
    }
}
