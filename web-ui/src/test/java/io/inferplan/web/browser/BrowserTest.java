package io.inferplan.web.browser;

import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.capacity.CapacityRequests;
import io.inferplan.plan.capacity.FleetService;
import io.inferplan.plan.capacity.OptimizerService;
import io.inferplan.plan.day.DayRequest;
import io.inferplan.plan.day.DayResponse;
import io.inferplan.plan.day.DayService;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in a real headless Chromium. Skipped where {@code /usr/bin/chromium} is absent, unless
 * {@code INFERPLAN_REQUIRE_BROWSER=1} (CI), where a missing browser fails.
 */
@MicronautTest
class BrowserTest extends InBrowser {

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    @Inject
    OptimizerService optimizer;

    @Inject
    FleetService fleet;

    @Inject
    AdvisorService advisor;

    @Inject
    DayService days;

    String url(String path) {
        return server.getURL().toString() + path;
    }

    @Test
    void theDefaultFormGivesThePlanServicesNumbersChartsAndReports() throws Exception {
        PlanResponse expected = plans.evaluate(llama31_8bOnOneH100());
        browser.get(url("/"));
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/plan?"));

        assertEquals(expected.memory().weightsGiB(), number(text("weightsGiB")), 0.005);
        assertEquals(expected.memory().totalGiBPerAccelerator(), number(text("totalGiBPerAccelerator")), 0.005);
        assertEquals(expected.memory().capacityGiBPerAccelerator(), number(text("capacityGiBPerAccelerator")), 0.005);
        assertEquals(expected.memory().maxConcurrentRequests(), (long) number(text("maxConcurrentRequests")));
        assertEquals(expected.performance().outputTokensPerSecond(), number(text("outputTokensPerSecond")), 0.05);
        assertEquals(expected.performance().ttftMs(), number(text("ttftMs")), 0.05);
        assertEquals(expected.cost().usdPerHour(), number(text("usdPerHour")), 0.005);

        for (String chart : new String[] {"chart-memory", "chart-kv"}) {
            WebElement img = browser.findElement(By.id(chart));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                    ((JavascriptExecutor) d).executeScript("return arguments[0].complete", img)));
            Number width = (Number) ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth", img);
            assertTrue(width.intValue() > 0, chart + " loaded");
        }

        byte[] pdf = download(browser.findElement(By.id("link-pdf")).getAttribute("href"));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String pdfText = new PDFTextStripper().getText(doc);
            assertTrue(pdfText.contains(text("weightsGiB")), "PDF shows " + text("weightsGiB"));
            assertTrue(pdfText.contains(expected.catalogVersion()));
        }
        byte[] xlsx = download(browser.findElement(By.id("link-xlsx")).getAttribute("href"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals("memory.weightsGiB", wb.getSheet("Results").getRow(1).getCell(0).getStringCellValue());
            assertEquals(expected.memory().weightsGiB(), wb.getSheet("Results").getRow(1).getCell(1).getNumericCellValue(), 1e-9);
        }
    }

    @Test
    void theWorkloadShapeGivesTheApisPercentilesAndTheRateChart() throws Exception {
        PlanResponse.PerformanceBlock expected = plans.evaluate(llama31_8bOnOneH100(new PlanRequest.WorkloadInput(
                "arrival-rate", 2048, 256, null, 2.0, 0, null, 512.0, null, "lognormal", 0.5))).performance();
        browser.get(url("/"));
        new Select(browser.findElement(By.id("mode"))).selectByValue("arrival-rate");
        type("requestsPerSecond", "2");
        type("inputTokensSpread", "512");
        new Select(browser.findElement(By.id("lengthDistribution"))).selectByValue("lognormal");
        type("burstiness", "0.5");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/plan?"));

        List<WebElement> ttft = browser.findElement(By.id("lat-ttft")).findElements(By.tagName("td"));
        assertEquals(expected.ttftMs(), number(ttft.get(1).getText()), 0.05);
        assertEquals(expected.ttftP50Ms(), number(ttft.get(2).getText()), 0.05);
        assertEquals(expected.ttftP95Ms(), number(ttft.get(4).getText()), 0.05);
        assertEquals(expected.ttftP99Ms(), number(ttft.get(5).getText()), 0.05);
        List<WebElement> tpot = browser.findElement(By.id("lat-tpot")).findElements(By.tagName("td"));
        assertEquals(expected.tpotP95Ms(), number(tpot.get(4).getText()), 0.05);
        assertTrue(text("latency-method").contains(String.format(java.util.Locale.ROOT, "%,d requests per replica",
                expected.simulation().requestsSimulatedPerReplica())), text("latency-method"));

        WebElement chart = browser.findElement(By.id("chart-rates"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)));
        String csv = new String(download(browser.findElement(By.id("rates-csv")).getAttribute("href")));
        assertTrue(csv.startsWith("workload.requestsPerSecond,error,") && csv.contains("performance.ttftP95Ms"), csv);
        assertEquals(browser.findElements(By.cssSelector("#rates tbody tr")).size() + 1, csv.strip().split("\n").length,
                "one CSV row per table row");
        screenshot("latency", "rates");
    }

    /** Screenshots of page sections into target/screenshots, for a person to look at (not asserted). */
    private void screenshot(String... ids) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        for (String id : ids) {
            WebElement e = browser.findElement(By.id(id));
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", e);
            Files.write(dir.resolve(id + ".png"), e.getScreenshotAs(OutputType.BYTES));
        }
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void aChoiceThatDoesNotCombineIsExplainedBesideItsField() {
        browser.get(url("/"));
        new Select(browser.findElement(By.id("weightFormat"))).selectByValue("nvfp4");
        browser.findElement(By.id("submit")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("weightFormat-error")));
        assertTrue(error.isDisplayed());
        assertTrue(error.getText().contains("Blackwell"), error.getText());
        assertEquals("nvfp4", new Select(browser.findElement(By.id("weightFormat"))).getFirstSelectedOption()
                .getAttribute("value"), "the choice is kept");
    }

    @Test
    void theCatalogPageShowsSourcesAndDates() {
        browser.get(url("/catalog"));
        WebElement row = browser.findElement(By.id("acc-h100-sxm"));
        assertTrue(row.getText().contains("H100"));
        assertTrue(row.findElement(By.tagName("a")).getAttribute("href").startsWith("https://"));
    }

    @Test
    void theOptimizerRanksConfigurationsAndEachLinksToItsPlan() {
        OptimizerService.OptimizeResponse expected = optimizer.optimize(new CapacityRequests.OptimizeRequest("llama-3.1-8b",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, null),
                new CapacityRequests.Slo(2000.0, 50.0), null, null, null, null));
        browser.get(url("/optimize"));
        browser.findElement(By.id("submit")).click();
        WebElement first = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("rank-1")));
        double shownUsd = number(first.findElement(By.cssSelector("td.usd")).getText());
        assertEquals(expected.ranked().get(0).usdPerMillionOutputTokens(), shownUsd, 0.005);
        WebElement pareto = browser.findElement(By.id("chart-pareto"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", pareto)));
        first.findElement(By.tagName("a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/plan?"));
        assertEquals(shownUsd, number(text("usdPerMillionOutputTokens")), 0.005);
    }

    @Test
    void fleetSizingGivesTheFleetServicesReplicas() {
        FleetService.FleetResponse expected = fleet.size(new CapacityRequests.FleetRequest("llama-3.1-8b", "bf16", null,
                "h100-sxm", null, "vllm", null, new CapacityRequests.Traffic(40.0, null, 2.0, 2048, 256, 0),
                new CapacityRequests.Slo(2000.0, 50.0)));
        browser.get(url("/fleet"));
        WebElement rps = browser.findElement(By.id("requestsPerSecond"));
        rps.clear();
        rps.sendKeys("40");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.findElement(By.id("replicas")));
        assertEquals(expected.replicas(), (int) number(text("replicas")));
        assertEquals(expected.bindingConstraint(), text("bindingConstraint"));
        assertEquals(expected.usdPerMonth(), number(text("usdPerMonth")), 0.005);
    }

    @Test
    void theAdvisorRanksFrameworksWithReasons() {
        // the form's defaults: 16 clients, 2,048 / 256 tokens; blank prefix and lifetime are assumed (0, 12 months)
        AdviseResponse expected = advisor.advise(new AdviseRequest("llama-3.1-8b", "h100-sxm",
                null, new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, null), null, true, false, false));
        browser.get(url("/advise"));
        browser.findElement(By.id("structuredOutput")).click();
        browser.findElement(By.id("submit")).click();
        AdviseResponse.Advice best = expected.frameworks().get(0);
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("advice-" + best.framework())));
        assertEquals(1, (int) number(row.findElement(By.tagName("td")).getText()));
        assertEquals(best.score(), number(row.findElement(By.cssSelector("td.score")).getText()), 0.05);
        assertTrue(browser.findElement(By.id("reasons-" + best.framework())).getText().contains(best.reasons().get(0)));
        assertTrue(browser.findElement(By.id("q-prefixOverlap")).getText().contains("assumed"));
        WebElement chart = browser.findElement(By.id("chart-throughput")).findElement(By.tagName("img"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", chart); // lazily loaded
        assertTrue(chart.getAttribute("src").contains("/advise/chart.svg?"), chart.getAttribute("src"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)));
    }

    @Test
    void aSavedPlanAppearsInTheListAndItsPermalinkShowsIt() {
        browser.get(url("/plan?" + io.inferplan.web.Fixtures.DEFAULT_QUERY));
        String weights = text("weightsGiB");
        String name = "Browser review " + System.nanoTime();
        browser.findElement(By.id("save-name")).sendKeys(name);
        browser.findElement(By.id("save-notes")).sendKeys("<b>not bold</b>");
        String debug = browser.manage().getCookies() + " field=" + browser.findElement(By.name("_csrf")).getAttribute("value");
        browser.findElement(By.id("save-submit")).click();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*/saved/[0-9]+$"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("not saved: " + browser.getCurrentUrl() + " " + debug, e);
        }
        String permalink = browser.getCurrentUrl();
        assertEquals(name, text("saved-name"));
        assertEquals("<b>not bold</b>", text("saved-notes"), "notes shown as text");
        assertEquals(weights, text("saved-weightsGiB"));

        browser.get(url("/saved"));
        WebElement link = browser.findElement(By.linkText(name));
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().equals(permalink));
        browser.findElement(By.id("open-plan")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/plan?"));
        assertEquals(weights, text("weightsGiB"), "the saved inputs give the same plan");
    }

    /**
     * The day-of-traffic page: the example day submitted as a user would, the month's cost and the busiest hour's
     * replicas are DayService's, the chart loads. Screenshots are left in {@code target/day-*.png} to look at.
     */
    @Test
    void theExampleDayWithTwoReservedReplicas() throws IOException {
        browser.get(url("/day"));
        Files.write(Path.of("target", "day-form.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        WebElement reserved = browser.findElement(By.id("reservedReplicas"));
        reserved.clear();
        reserved.sendKeys("2");
        WebElement price = browser.findElement(By.id("reservedUsdPerGpuHour"));
        price.sendKeys("1.6");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.findElement(By.id("day-result")));

        String example = "3, 2, 1.5, 1, 1, 1.5, 3, 6, 12, 18, 22, 24, 25, 24, 23, 22, 20, 18, 15, 12, 10, 8, 6, 4";
        List<Double> rates = Arrays.stream(example.split(",\\s*")).map(Double::valueOf).toList();
        DayResponse expected = days.plan(new DayRequest(new PlanRequest("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm",
                new PlanRequest.WorkloadInput(null, 1000, 250, null, null, null), null, null, null),
                new DayRequest.Slo(2000.0, 50.0, null), rates, null,
                new DayRequest.Autoscaling(1, null, null, null, null, null, null, null, null, null),
                new DayRequest.Purchase(2, 0, null, 1.6, null, null)));
        assertEquals(expected.month().usd(), number(browser.findElement(By.id("month-usd")).getText()), 0.005);
        String busiest = browser.findElement(By.cssSelector("#hour-12 td.replicas")).getText();
        assertEquals(expected.hours().get(12).replicas(), (int) number(busiest));

        WebElement chart = browser.findElement(By.id("chart-day"));
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("day-result")));
        Path shot = Path.of("target", "day-page.png");
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the result");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id("hours")));
        Files.write(Path.of("target", "day-hours.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** A wrong address and a refused API call opened in the browser are pages in the layout; screenshots in target/. */
    @Test
    void errorsAreReadablePagesWithTheirFields() throws IOException {
        browser.get(url("/optimizer"));
        assertEquals("Not Found", browser.findElement(By.tagName("h1")).getText());
        assertEquals("404", text("problem-status"));
        assertTrue(browser.findElement(By.linkText("Optimizer")).isDisplayed(), "the navigation is there");
        pageScreenshot("error-404.png");

        browser.get(url("/api/v1/plans/evaluate?model=llama-3.1-8b&weightFormat=bf16&accelerator=l4&framework=vllm"
                + "&mode=fixed-concurrency&inputTokens=-5&outputTokens=abc&concurrency=4"));
        assertEquals("400", text("problem-status"));
        String fields = text("problem-fields");
        assertTrue(fields.contains("outputTokens"), fields);
        pageScreenshot("error-400.png");
    }

    /** The whole visible page into target/screenshots/{@code file}. */
    private void pageScreenshot(String file) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(file), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText().trim();
    }

    private static byte[] download(String href) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), href);
        return r.body();
    }
}
