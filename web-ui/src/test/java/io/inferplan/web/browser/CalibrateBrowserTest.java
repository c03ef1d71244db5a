package io.inferplan.web.browser;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.inferplan.web.Fixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "bring your own benchmark" page in a real headless Chromium: a sample file uploaded through the form. */
@MicronautTest
class CalibrateBrowserTest extends InBrowser {

    /** The llama-bench README's CSV example (RTX 4080, Qwen2.5-7B Q4_K_M), kept with the parsers' samples. */
    static final Path SAMPLE = Path.of("..", "planner-engine", "src", "test", "resources", "io", "inferplan", "engine",
            "calibration", "imports", "llama-bench.csv").toAbsolutePath().normalize();

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;


    void fill(String name, String token) {
        browser.get(server.getURL() + "/calibrate");
        new Select(browser.findElement(By.id("format"))).selectByValue("llama-bench-csv");
        browser.findElement(By.id("file")).sendKeys(SAMPLE.toString());
        browser.findElement(By.id("name")).sendKeys(name);
        new Select(browser.findElement(By.id("accelerator"))).selectByValue("rtx-4080");
        if (token != null) {
            browser.findElement(By.id("adminToken")).sendKeys(token);
        }
        browser.findElement(By.id("upload")).click();
    }

    @Test
    void aLlamaBenchCsvUploadShowsTheRowsBeforeAndAfterAndTheProfileAnswersPlans() throws IOException {
        String name = "browser-" + System.nanoTime();
        fill(name, "test-admin-token");
        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("calibration-result")));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", result);
        Files.write(Path.of(System.getProperty("java.io.tmpdir"), "inferplan-calibrate.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertTrue(result.getText().contains("Profile " + name), result.getText());

        WebElement tg = browser.findElement(By.id("row-" + name + "-2"));
        assertEquals(119.92, number(tg.findElement(By.cssSelector("td.measured")).getText()), 0.005, "tg128 from the file");
        double errorBefore = number(tg.findElement(By.cssSelector("td.error-before")).getText());
        double errorAfter = number(tg.findElement(By.cssSelector("td.error-after")).getText());
        assertTrue(Math.abs(errorAfter) < Math.abs(errorBefore), errorBefore + " -> " + errorAfter);
        double medianBefore = number(browser.findElement(By.id("median-before")).getText());
        double medianAfter = number(browser.findElement(By.id("median-after")).getText());
        assertTrue(medianAfter < medianBefore);
        assertTrue(browser.findElement(By.id("parameters")).findElements(By.cssSelector("tbody tr")).size() > 0);

        PlanRequest.WorkloadInput tg128 = new PlanRequest.WorkloadInput("single-stream", 1, 128, null, null, null);
        PlanResponse shipped = plans.evaluate(new PlanRequest("qwen2.5-7b", "gguf-q4_k_m", null, "rtx-4080", 1,
                "llama.cpp", tg128, null, null, null));
        PlanResponse mine = plans.evaluate(new PlanRequest("qwen2.5-7b", "gguf-q4_k_m", null, "rtx-4080", 1,
                "llama.cpp", tg128, null, null, name));
        double measured = 119.915244;
        assertTrue(Math.abs(mine.performance().outputTokensPerSecondPerRequest() - measured)
                < Math.abs(shipped.performance().outputTokensPerSecondPerRequest() - measured));
    }

    @Test
    void withoutTheAdminTokenTheFormSaysSoBesideTheTokenAndKeepsTheChoices() {
        fill("browser-no-token-" + System.nanoTime(), null);
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("adminToken-error")));
        assertTrue(error.getText().contains("Authorization: Bearer"), error.getText());
        assertEquals("rtx-4080", new Select(browser.findElement(By.id("accelerator"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertTrue(browser.findElements(By.id("calibration-result")).isEmpty(), "nothing created");
    }
}
