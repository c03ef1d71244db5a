package io.inferplan.catalog.model;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Proves which database the repository tests ran on: .ci/run sets INFERPLAN_TEST_DATABASE=postgresql for its second run. */
@MicronautTest
class DatabaseTargetTest {

    @Inject
    DataSource dataSource;

    @Test
    void theTestsRunOnTheDatabaseTheEnvironmentAsksFor() throws SQLException {
        String wanted = System.getenv().getOrDefault("INFERPLAN_TEST_DATABASE", "h2");
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            assertEquals(wanted, product);
        }
    }
}
