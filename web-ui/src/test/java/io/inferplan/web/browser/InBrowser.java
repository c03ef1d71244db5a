package io.inferplan.web.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;

import java.io.IOException;

/** A browser test class's Chromium: started once before its tests (or the class skipped), stopped after. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InBrowser {

    Chromium chromium;
    WebDriver browser;

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start();
        browser = chromium.browser();
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }
}
