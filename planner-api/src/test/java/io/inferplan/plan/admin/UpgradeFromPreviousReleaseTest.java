package io.inferplan.plan.admin;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database written by the previous release (0.1.0, commit 43eec8a; how the fixture was made:
 * {@code src/test/resources/upgrade/v0.1.0/README.md}) opens with this release: Flyway migrates it, and every saved
 * plan, custom entry and calibration profile reads as that release answered for it. On H2 from the kept file, on
 * PostgreSQL (in CI) from the kept SQL dump.
 */
class UpgradeFromPreviousReleaseTest {

    static final String FIXTURE = "/upgrade/v0.1.0/";
    static final List<String> ENTRIES = List.of("models/fx-model", "weight-formats/fx-int6", "kv-cache-formats/fx-kv6",
            "accelerators/fx-gpu", "api-prices/fx-api", "gpu-prices/fx-gpu-ondemand");

    private final JsonMapper json = JsonMapper.createDefault();

    @Test
    void anH2FileOfThePreviousReleaseIsMigratedAndReadUnchanged(@TempDir Path dir) throws IOException {
        try (InputStream db = resource("h2/inferplan.mv.db")) {
            Files.copy(db, dir.resolve("inferplan.mv.db"));
        }
        try (Instance upgraded = Instance.h2File(dir)) {
            assertReadsAsThePreviousReleaseAnswered(upgraded, "expected-h2/");
        }
    }

    @Test
    void aPostgresqlDumpOfThePreviousReleaseIsMigratedAndReadUnchanged() throws IOException {
        String dump;
        try (InputStream in = resource("postgresql/inferplan.sql")) {
            dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Optional<Instance> postgresql = Instance.postgresql(dump);
        org.junit.jupiter.api.Assumptions.assumeTrue(postgresql.isPresent(), "PostgreSQL runs in CI (INFERPLAN_TEST_DATABASE)");
        try (Instance upgraded = postgresql.get()) {
            assertReadsAsThePreviousReleaseAnswered(upgraded, "expected-postgresql/");
        }
    }

    private void assertReadsAsThePreviousReleaseAnswered(Instance upgraded, String expected) throws IOException {
        Flyway flyway = Flyway.configure().dataSource(DelegatingDataSource.unwrapDataSource(upgraded.bean(DataSource.class))).load();
        assertEquals(0, flyway.info().pending().length, "every migration of this release applied");
        assertTrue(flyway.info().applied().length >= 4, "the previous release's migrations kept");

        for (int id = 1; id <= 3; id++) {
            JsonNode before = read(expected + "plan-" + id + ".json");
            JsonNode now = json.readValue(upgraded.get("/api/v1/plans/" + id), JsonNode.class);
            for (String field : List.of("id", "name", "notes", "revision", "createdAt", "updatedAt", "catalogVersion",
                    "request", "summary")) {
                assertSame(before.get(field), now.get(field), "plan " + id + " " + field);
            }
            assertTrue(now.get("currentError").isNull(), "plan " + id + " still evaluates: " + now.get("currentError"));
        }
        assertEquals(404, upgraded.status(HttpRequest.GET("/api/v1/plans/4")), "a deleted plan stays deleted");
        assertSame(read(expected + "plans.json"), json.readValue(upgraded.get("/api/v1/plans"), JsonNode.class), "plan list");

        for (String entry : ENTRIES) {
            assertSame(read(expected + entry.replace('/', '-') + ".json"),
                    json.readValue(upgraded.get("/api/v1/" + entry), JsonNode.class), entry);
        }
        assertSame(read(expected + "calibration-profiles.json"),
                json.readValue(upgraded.get("/api/v1/calibration/profiles"), JsonNode.class), "calibration profiles");
        assertEquals(text(expected + "calibration-profile-fx-profile.csv"), upgraded.get("/api/v1/calibration/profiles/fx-profile"));
    }

    /**
     * Every field the previous release answered has the same value now (numbers by value: 3.25 = 3.250000); fields
     * this release adds are allowed.
     */
    static void assertSame(JsonNode before, JsonNode now, String where) {
        List<String> differences = new ArrayList<>();
        compare(before, now, where, differences);
        assertEquals(List.of(), differences);
    }

    private static void compare(JsonNode before, JsonNode now, String path, List<String> out) {
        if (now == null) {
            out.add(path + ": missing");
        } else if (before.isObject()) {
            for (Map.Entry<String, JsonNode> e : before.entries()) {
                compare(e.getValue(), now.get(e.getKey()), path + "." + e.getKey(), out);
            }
        } else if (before.isArray()) {
            if (!now.isArray() || now.size() != before.size()) {
                out.add(path + ": " + before.size() + " elements before, now " + now);
                return;
            }
            for (int i = 0; i < before.size(); i++) {
                compare(before.get(i), now.get(i), path + "[" + i + "]", out);
            }
        } else if (before.isNumber() && now.isNumber()) {
            if (new BigDecimal(before.getNumberValue().toString()).compareTo(new BigDecimal(now.getNumberValue().toString())) != 0) {
                out.add(path + ": " + before + " before, now " + now);
            }
        } else if (!before.equals(now)) {
            out.add(path + ": " + before + " before, now " + now);
        }
    }

    private JsonNode read(String name) throws IOException {
        return json.readValue(text(name), JsonNode.class);
    }

    private static String text(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = UpgradeFromPreviousReleaseTest.class.getResourceAsStream(FIXTURE + name);
        if (in == null) {
            throw new IllegalStateException("fixture " + FIXTURE + name + " missing");
        }
        return in;
    }
}
