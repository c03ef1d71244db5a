package io.inferplan.web.browser;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pages in a real headless Chromium. Skipped where {@code /usr/bin/chromium} is absent, unless
 * {@code INFERPLAN_REQUIRE_BROWSER=1} (CI), where a missing browser fails.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

    /** Overridable (-Dinferplan.chromium=…) to check the skip on a machine that has Chromium. */
    static final String CHROMIUM = System.getProperty("inferplan.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    WebDriver browser;
    Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if ("1".equals(System.getenv("INFERPLAN_REQUIRE_BROWSER"))) {
            assertTrue(present, CHROMIUM + " and " + CHROMEDRIVER + " are required (INFERPLAN_REQUIRE_BROWSER=1)");
        }
        assumeTrue(present, "no " + CHROMIUM + ": browser tests skipped");
        profile = Files.createTempDirectory("inferplan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

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
