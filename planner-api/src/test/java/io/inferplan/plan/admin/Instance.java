package io.inferplan.plan.admin;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A whole planner instance on its own empty database, started and stopped by a test: an H2 in-memory database, or
 * a fresh schema of the PostgreSQL server CI provides (DATASOURCES_DEFAULT_URL with INFERPLAN_TEST_DATABASE=postgresql).
 */
final class Instance implements AutoCloseable {

    static final String TOKEN = "test-admin-token";

    private final EmbeddedServer server;
    private final HttpClient client;
    private final Runnable dropDatabase;
    final String database;

    private Instance(Map<String, Object> properties, String database, Runnable dropDatabase) {
        Map<String, Object> p = new HashMap<>(properties);
        p.put("micronaut.server.port", -1);
        p.put("inferplan.limits.writes-per-minute", 0);
        this.server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        this.client = server.getApplicationContext().createBean(HttpClient.class, server.getURL());
        this.database = database;
        this.dropDatabase = dropDatabase;
    }

    static Instance h2() {
        return new Instance(Map.of("datasources.default.url", "jdbc:h2:mem:instance-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa", "datasources.default.password", ""), "H2", () -> { });
    }

    /** An H2 file database in {@code dir} (the file {@code inferplan.mv.db}), as the shipped configuration opens it. */
    static Instance h2File(java.nio.file.Path dir) {
        return new Instance(Map.of("datasources.default.url", "jdbc:h2:file:" + dir.resolve("inferplan")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "datasources.default.username", "sa", "datasources.default.password", ""), "H2 file", () -> { });
    }

    /** A fresh schema on CI's PostgreSQL; empty when the tests run on H2 only. */
    static Optional<Instance> postgresql() {
        return postgresql(null);
    }

    /**
     * A fresh schema on CI's PostgreSQL holding {@code dump} (plain SQL from pg_dump of a database's public schema)
     * before the instance starts; empty when the tests run on H2 only.
     */
    static Optional<Instance> postgresql(String dump) {
        String url = System.getenv("DATASOURCES_DEFAULT_URL");
        if (!"postgresql".equals(System.getenv("INFERPLAN_TEST_DATABASE")) || url == null) {
            return Optional.empty();
        }
        String user = System.getenv("DATASOURCES_DEFAULT_USERNAME");
        String password = System.getenv("DATASOURCES_DEFAULT_PASSWORD");
        String schema = "instance_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql(url, user, password, "CREATE SCHEMA " + schema);
        if (dump != null) {
            sql(url, user, password, dump.replaceAll("(?m)^SELECT pg_catalog.set_config\\('search_path'.*$", "")
                    .replaceAll("\\bpublic\\.", schema + "."));
        }
        return Optional.of(new Instance(Map.of("datasources.default.url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                "datasources.default.username", user, "datasources.default.password", password), "PostgreSQL",
                () -> sql(url, user, password, "DROP SCHEMA " + schema + " CASCADE")));
    }

    private static void sql(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    HttpClient client() {
        return client;
    }

    HttpResponse<String> post(String path, String json) {
        return client.toBlocking().exchange(HttpRequest.POST(path, json).contentType(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(TOKEN), String.class);
    }

    /** The status of a request that may be refused. */
    int status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    String get(String path) {
        return client.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TOKEN));
    }

    @Override
    public void close() {
        client.close();
        server.getApplicationContext().close();
        dropDatabase.run();
    }
}
