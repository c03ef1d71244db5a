package io.inferplan.web.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium for the browser tests, with a fresh profile directory. Skips the test class where
 * {@code /usr/bin/chromium} is absent, unless {@code INFERPLAN_REQUIRE_BROWSER=1} (CI), where a missing browser fails.
 */
final class Chromium implements AutoCloseable {

    /** Overridable (-Dinferplan.chromium=…) to check the skip on a machine that has Chromium. */
    static final String BINARY = System.getProperty("inferplan.chromium", "/usr/bin/chromium");
    static final String DRIVER = "/usr/bin/chromedriver";

    private final WebDriver browser;
    private final Path profile;

    private Chromium(WebDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    static Chromium start() throws IOException {
        boolean present = new File(BINARY).canExecute() && new File(DRIVER).canExecute();
        if ("1".equals(System.getenv("INFERPLAN_REQUIRE_BROWSER"))) {
            assertTrue(present, BINARY + " and " + DRIVER + " are required (INFERPLAN_REQUIRE_BROWSER=1)");
        }
        assumeTrue(present, "no " + BINARY + ": browser tests skipped");
        Path profile = Files.createTempDirectory("inferplan-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(browser, profile);
    }

    WebDriver browser() {
        return browser;
    }

    @Override
    public void close() throws IOException {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
