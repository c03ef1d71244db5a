package io.inferplan.web.common;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedded H2 database is reachable only through the application: no web console on any of the paths H2 and
 * Spring-style setups use, and the shipped JDBC URL opens no TCP server or auto-server port.
 */
@MicronautTest
class H2ConsoleOffTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void noConsolePathAnswers() {
        for (String path : List.of("/h2-console", "/h2-console/", "/h2-console/login.jsp", "/console", "/h2")) {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve(path), path);
            assertEquals(HttpStatus.NOT_FOUND, e.getStatus(), path);
        }
    }

    @Test
    void theShippedDatabaseUrlOpensNoServer() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            assertNotNull(in, "the application's own configuration is on the classpath");
            String yml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            assertFalse(yml.contains("auto_server"), "no AUTO_SERVER in the H2 URL");
            assertFalse(yml.contains("jdbc:h2:tcp"), "no H2 TCP server");
            assertFalse(yml.contains("h2.console") || yml.contains("h2-console"), "no console setting");
        }
    }
}
