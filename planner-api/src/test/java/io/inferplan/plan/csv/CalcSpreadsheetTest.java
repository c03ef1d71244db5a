package io.inferplan.plan.csv;

import io.inferplan.plan.PlanFixtures;
import io.inferplan.plan.evaluate.EvaluateController;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The spreadsheet path in a real LibreOffice Calc: headless Calc opens {@code calc/plan.fods}, whose cells call this
 * running server with {@code WEBSERVICE} and whose second sheet is linked to {@code evaluate.csv}, recalculates it,
 * and the cell values it computed are compared with what the JSON API answers for the same plan. Run twice, with
 * the office locale en-US and de-DE (decimal comma), each time with a fresh user profile.
 * <p>
 * Skipped where {@code soffice} is not on the PATH, unless {@code INFERPLAN_REQUIRE_CALC=1} (CI), where a missing
 * Calc fails. Each Calc run is killed, with the processes it started, after 120 s.
 */
@MicronautTest(environments = "test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalcSpreadsheetTest {

    /** Overridable ({@code -Dinferplan.calc.timeoutSeconds=…}) to check the kill with a fake soffice that hangs. */
    static final long CALC_TIMEOUT_SECONDS = Long.getLong("inferplan.calc.timeoutSeconds", 120);
    private static final String Q = PlanFixtures.LLAMA_70B_QUERY;
    private static final String Q_WITHOUT_INPUT = Q.replace("&inputTokens=2048", "");
    private static final String Q_TOO_LONG = Q.replace("inputTokens=2048", "inputTokens=200000");
    private static final String VALUE = "/api/v1/plans/value?field=";

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    Path soffice;

    @BeforeAll
    void findCalc() {
        soffice = findSoffice().orElse(null);
        if ("1".equals(System.getenv("INFERPLAN_REQUIRE_CALC"))) {
            assertTrue(soffice != null, "soffice (LibreOffice Calc) is required on the PATH (INFERPLAN_REQUIRE_CALC=1)");
        }
        assumeTrue(soffice != null, "no soffice on the PATH: LibreOffice Calc test skipped");
    }

    /** {@code -Dinferplan.soffice=…} overrides the PATH look-up (a non-existent path checks the skip). */
    static Optional<Path> findSoffice() {
        String override = System.getProperty("inferplan.soffice");
        Stream<Path> candidates = override != null ? Stream.of(Path.of(override))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "soffice"));
        return candidates.filter(Files::isExecutable).findFirst();
    }

    @Test
    void calcComputesTheJsonApisValuesInAnEnglishLocale(@TempDir Path dir) throws Exception {
        Map<String, Cell> cells = recalculate(dir, "en-US");
        checkCommonCells(cells);
        // VALUE reads the text with the office locale: fine where '.' is the decimal separator
        assertEquals(jsonDouble(evaluate(Q), "performance", "outputTokensPerSecond"), cells.get("Values!B5").number(), 1e-9,
                "VALUE(WEBSERVICE(…)) in en-US");
    }

    @Test
    void numbervalueComputesTheSameInADecimalCommaLocaleWhereValueFails(@TempDir Path dir) throws Exception {
        Map<String, Cell> cells = recalculate(dir, "de-DE");
        checkCommonCells(cells);
        // the reason for NUMBERVALUE(…; "."): in de-DE VALUE("1234.5") is Err:502 (invalid argument)
        Cell value = cells.get("Values!B5");
        assertEquals(502, value.error(), "VALUE(WEBSERVICE(…)) in de-DE: " + value);
    }

    private void checkCommonCells(Map<String, Cell> cells) throws IOException {
        JsonNode plan = evaluate(Q);

        // B1: the bare WEBSERVICE text is exactly the /value body, and that is the JSON number
        Cell text = cells.get("Values!B1");
        assertEquals(client.toBlocking().retrieve(VALUE + "memory.weightsGiB&" + Q), text.text());
        assertEquals(jsonDouble(plan, "memory", "weightsGiB"), Double.parseDouble(text.text()));

        // B2-B4: NUMBERVALUE(WEBSERVICE(url); ".") turns it into the number the JSON API answers
        assertNumber(jsonDouble(plan, "cost", "usdPerMillionOutputTokens"), cells.get("Values!B2"), "usdPerMillionOutputTokens");
        assertNumber(jsonDouble(plan, "performance", "ttftMs"), cells.get("Values!B3"), "ttftMs");
        assertEquals((double) plan.get("memory").get("maxConcurrentRequests").getLongValue(), cells.get("Values!B4").number(),
                "maxConcurrentRequests " + cells.get("Values!B4"));

        // B7: the URL built from cell B6 (inputTokens 8192) gives the plan with 8192 input tokens
        assertEquals(8192.0, cells.get("Values!B6").number());
        JsonNode longer = evaluate(Q_WITHOUT_INPUT + "&inputTokens=8192");
        assertNumber(jsonDouble(longer, "memory", "kvCacheGiBPerRequest"), cells.get("Values!B7"), "kvCacheGiBPerRequest at 8192");

        // B8, B9: a refused URL answers "#N/A <reason>" (200, the status it stands for in a header, because
        // Calc's WEBSERVICE shows only #VALUE! (Err 519) for a non-2xx answer): the reason is readable in the cell
        assertRefusal(VALUE + "memory.weightGiB&" + Q, 400, "#N/A field: unknown field 'memory.weightGiB'", cells.get("Values!B8"));
        assertRefusal(VALUE + "memory.weightsGiB&" + Q_TOO_LONG, 422, "#N/A ", cells.get("Values!B9"));

        // the sheet linked to evaluate.csv: its header row and value row are the CSV's, the numbers the JSON's
        String csv = client.toBlocking().retrieve("/api/v1/plans/evaluate.csv?" + Q);
        List<String> header = SpreadsheetHttpTest.header(csv);
        CSVRecord row = SpreadsheetHttpTest.parse(csv).get(0);
        assertEquals(header.get(0), cells.get(address("Csv", 0, 0)).text());
        assertEquals(row.get(0), cells.get(address("Csv", 0, 1)).text());
        int weights = header.indexOf("memory.weightsGiB");
        assertEquals("memory.weightsGiB", cells.get(address("Csv", weights, 0)).text());
        assertNumber(jsonDouble(plan, "memory", "weightsGiB"), cells.get(address("Csv", weights, 1)), "linked memory.weightsGiB");
        int tpot = header.indexOf("performance.tpotMs");
        assertNumber(jsonDouble(plan, "performance", "tpotMs"), cells.get(address("Csv", tpot, 1)), "linked performance.tpotMs");
        int last = header.size() - 1;
        assertEquals(header.get(last), cells.get(address("Csv", last, 0)).text(), "every column arrived");
    }

    private void assertRefusal(String url, int status, String bodyStart, Cell cell) {
        HttpResponse<String> r = client.toBlocking().exchange(url, String.class);
        assertEquals(String.valueOf(status), r.header(EvaluateController.PROBLEM_STATUS_HEADER), url);
        String body = r.body();
        assertTrue(body.startsWith(bodyStart), body);
        assertEquals(0, cell.error(), "WEBSERVICE on a refusal shows its text: " + cell);
        assertEquals(body, cell.text(), cell.toString());
    }

    /** Calc's value, written by the macro with 15 significant digits, against the JSON double. */
    private static void assertNumber(double expected, Cell cell, String what) {
        assertEquals(0, cell.error(), what + ": " + cell);
        assertEquals(expected, cell.number(), Math.abs(expected) * 1e-13, what + ": " + cell);
    }

    private JsonNode evaluate(String query) throws IOException {
        return json.readValue(client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/evaluate?" + query)
                .accept("application/json")), JsonNode.class);
    }

    private static double jsonDouble(JsonNode node, String block, String field) {
        JsonNode value = Objects.requireNonNull(node.get(block).get(field), block + "." + field);
        return value.getDoubleValue();
    }

    static String address(String sheet, int column, int row) {
        StringBuilder letters = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sheet + "!" + letters + (row + 1);
    }

    /** One non-empty cell as the macro wrote it: Calc's error code (0 = none), its number and its displayed text. */
    record Cell(int error, double number, String text) {
    }

    /**
     * Writes the sheet and a fresh profile into {@code dir}, runs headless Calc on it with the macro and returns the
     * cells by address ({@code Values!B2}).
     */
    private Map<String, Cell> recalculate(Path dir, String locale) throws IOException, InterruptedException {
        String service = "http://127.0.0.1:" + server.getPort() + "/api/v1/plans";
        Path sheet = dir.resolve("plan.fods");
        Files.writeString(sheet, resource("plan.fods")
                .replace("@SERVICE@", service)
                .replace("@Q_WITHOUT_INPUT@", xml(Q_WITHOUT_INPUT))
                .replace("@Q_TOO_LONG@", xml(Q_TOO_LONG))
                .replace("@Q@", xml(Q)));

        Path user = dir.resolve("profile/user");
        Path basic = Files.createDirectories(user.resolve("basic/Standard"));
        Files.writeString(user.resolve("registrymodifications.xcu"), resource("registrymodifications.xcu")
                .replace("@LOCALE@", locale).replace("@TRUSTED@", xml(dir.toUri().toString())));
        Files.writeString(user.resolve("basic/script.xlc"), resource("script.xlc"));
        Files.writeString(user.resolve("basic/dialog.xlc"), resource("dialog.xlc"));
        Files.writeString(basic.resolve("script.xlb"), resource("script.xlb"));
        Files.writeString(basic.resolve("dialog.xlb"), resource("dialog.xlb"));
        Files.writeString(basic.resolve("Module1.xba"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
                <script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">"""
                + xml(resource("Module1.bas")) + "</script:module>\n");

        Path out = dir.resolve("cells.tsv");
        Path log = dir.resolve("soffice.log");
        ProcessBuilder pb = new ProcessBuilder(soffice.toString(),
                "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "macro:///Standard.Module1.Main(\"" + sheet.toUri() + "\",\"" + out + "\")")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOME", dir.toString());
        long start = System.nanoTime();
        Process process = pb.start();
        boolean finished = process.waitFor(CALC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!finished) {
            // soffice is a script that starts oosplash, which starts soffice.bin: end them all
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail("LibreOffice Calc did not finish in " + CALC_TIMEOUT_SECONDS + " s; killed. Log: " + Files.readString(log));
        }
        System.out.printf("LibreOffice Calc (%s) recalculated the sheet in %d ms (exit %d)%n", locale, millis, process.exitValue());
        assertTrue(Files.exists(out), "Calc wrote no cells (exit " + process.exitValue() + "). Log: " + Files.readString(log));

        Map<String, Cell> cells = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            cells.put(address(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2])),
                    new Cell(Integer.parseInt(f[3]), Double.parseDouble(f[4]), f[5]));
        }
        return cells;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CalcSpreadsheetTest.class.getResourceAsStream("/calc/" + name)) {
            return new String(Objects.requireNonNull(in, "/calc/" + name).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
