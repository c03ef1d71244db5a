package io.inferplan.web.browser;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A headless Chromium with a fresh profile, for the browser tests. Skips the test where {@code /usr/bin/chromium}
 * is absent, unless {@code INFERPLAN_REQUIRE_BROWSER=1} (CI), where a missing browser fails.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Overridable (-Dinferplan.chromium=…) to check the skip on a machine that has Chromium. */
    static final String CHROMIUM = System.getProperty("inferplan.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final Path profile;
    final WebDriver browser;

    HeadlessChromium() throws IOException {
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

    @Override
    public void close() throws IOException {
        browser.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
