package io.inferplan.web.browser;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.technique.TechniqueInputs;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.inferplan.web.Fixtures.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving-technique inputs and sections in a real headless Chromium, with screenshots for a person to look at. */
@MicronautTest
class TechniquesBrowserTest extends InBrowser {

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    String url(String path) {
        return server.getURL().toString() + path;
    }

    @Test
    void speculationChosenOnTheFormGivesTheApisWithAndWithoutAndItsChart() throws IOException {
        PlanResponse expected = plans.evaluate(new PlanRequest("llama-3.1-8b", "bf16", null, "h100-sxm", 1, "vllm",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, 0),
                new PlanRequest.ServingInput(null, null, null, null, null, null, null, null, null, null,
                        new TechniqueInputs.SpeculativeInput("eagle", null, 3, 0.8), null), null, null));
        browser.get(url("/"));
        browser.findElement(By.cssSelector("#speculative-inputs summary")).click();
        new Select(browser.findElement(By.id("speculativeMethod"))).selectByValue("eagle");
        type("numSpeculativeTokens", "3");
        type("acceptanceRate", "0.8");
        screenshot("technique-inputs");
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("/plan?"));

        List<WebElement> tpot = browser.findElement(By.id("spec-tpot")).findElements(By.tagName("td"));
        assertEquals(expected.performance().tpotMs(), number(tpot.get(1).getText()), 0.05);
        assertEquals(expected.techniques().speculative().tpotMsWithout(), number(tpot.get(2).getText()), 0.05);
        chartLoaded();
        screenshot("techniques", "speculative");
    }

    @Test
    void loraAndDisaggregationSectionsRender() throws IOException {
        browser.get(url("/plan?model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&acceleratorCount=1&framework=vllm"
                + "&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=32&loraAdapters=100&maxLorasPerBatch=8"));
        assertTrue(browser.findElement(By.id("lora-miss")).getText().startsWith("92.0"));
        chartLoaded();
        screenshot("techniques", "lora");
        browser.get(url("/plan?model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm"
                + "&mode=arrival-rate&inputTokens=2048&outputTokens=256&requestsPerSecond=2&prefillInstances=1&decodeInstances=2"));
        assertTrue(browser.findElement(By.id("disagg-summary")).getText().startsWith("1P2D"));
        chartLoaded();
        screenshot("techniques", "disaggregation");
    }

    @Test
    void theFleetFormsCheckboxAddsTheDisaggregatedPools() throws IOException {
        browser.get(url("/fleet"));
        browser.findElement(By.id("disaggregation")).click();
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> d.getCurrentUrl().contains("disaggregation=true"));
        assertTrue(browser.findElement(By.id("fleet-disaggregation")).getText().startsWith("Disaggregated: "));
        screenshot("fleet-disaggregation");
    }

    private void chartLoaded() {
        WebElement chart = browser.findElement(By.id("chart-technique"));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", chart)));
    }

    /** A screenshot of one page section into target/screenshots (not asserted), named after it or {@code as}. */
    private void screenshot(String id, String... as) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        WebElement e = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", e);
        Files.write(dir.resolve("technique-" + (as.length > 0 ? as[0] : id) + ".png"), e.getScreenshotAs(OutputType.BYTES));
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }
}
