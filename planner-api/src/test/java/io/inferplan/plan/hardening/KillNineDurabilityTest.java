package io.inferplan.plan.hardening;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saved plans and custom catalog entries survive {@code kill -9} in the middle of writes: every write the server
 * acknowledged (201) is there after a restart, intact, and the database opens cleanly. Runs the server as a child
 * process on an H2 file database (or on PostgreSQL when DATASOURCES_DEFAULT_URL is set, as in CI).
 */
class KillNineDurabilityTest {

    private static final String TOKEN = "durability-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void acknowledgedWritesSurviveKillNine(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process server = start(dataDir, port);
        Map<String, String> acknowledgedPlans = new ConcurrentHashMap<>();
        List<String> acknowledgedModels = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            awaitUp(port);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; i < 10_000 && !stop.get(); i++) {
                        String name = "durable-" + run + "-" + writer + "-" + i;
                        try {
                            if (i % 5 == 0) {
                                String id = "dur-" + run + "-" + writer + "-" + i;
                                if (post(port, "/api/v1/models", model(id)).statusCode() == 201) {
                                    acknowledgedModels.add(id);
                                }
                            } else {
                                HttpResponse<String> r = post(port, "/api/v1/plans", plan(name));
                                if (r.statusCode() == 201) {
                                    acknowledgedPlans.put(r.headers().firstValue("Location").orElseThrow(), name);
                                }
                            }
                        } catch (IOException | InterruptedException e) {
                            return null; // the server died under us: that is the point
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(4000); // writes in full flow
            server.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            server.waitFor(10, TimeUnit.SECONDS);
            stop.set(true);
        } finally {
            writers.shutdownNow();
            writers.awaitTermination(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        assertTrue(acknowledgedPlans.size() > 5, "writes were acknowledged before the kill: " + acknowledgedPlans.size());

        Process again = start(dataDir, port);
        try {
            awaitUp(port);
            for (Map.Entry<String, String> e : acknowledgedPlans.entrySet()) {
                HttpResponse<String> r = get(port, e.getKey());
                assertEquals(200, r.statusCode(), e.getKey() + " lost after kill -9");
                assertTrue(r.body().contains(e.getValue()), "plan " + e.getKey() + " intact");
            }
            for (String id : acknowledgedModels) {
                assertEquals(200, get(port, "/api/v1/models/" + id).statusCode(), "model " + id + " lost after kill -9");
            }
            System.out.printf("kill -9: %d saved plans and %d custom models acknowledged before the kill, all present after restart%n",
                    acknowledgedPlans.size(), acknowledgedModels.size());
        } finally {
            again.destroyForcibly();
            again.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process start(Path dataDir, int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx512m",
                "-Dmicronaut.server.port=" + port, "-Dinferplan.admin-token=" + TOKEN,
                "-Dmicronaut.serde.serialization.inclusion=ALWAYS", "-Dinferplan.limits.writes-per-minute=0"));
        if (System.getenv("DATASOURCES_DEFAULT_URL") == null) {
            cmd.add("-Ddatasources.default.url=jdbc:h2:file:" + dataDir.resolve("inferplan")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"); // as in application.yml
            cmd.add("-Ddatasources.default.username=sa");
            cmd.add("-Ddatasources.default.password=");
        }
        cmd.add("-Dflyway.datasources.default.enabled=true");
        cmd.add(TestServer.class.getName());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
    }

    private void awaitUp(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (get(port, "/api/v1/catalog").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not start on port " + port);
    }

    private HttpResponse<String> post(int port, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String plan(String name) {
        return "{\"name\":\"" + name + "\",\"notes\":\"written before kill -9\",\"request\":{\"model\":\"llama-3.1-8b\","
                + "\"weightFormat\":\"bf16\",\"accelerator\":\"l4\",\"framework\":\"vllm\",\"workload\":{\"mode\":\"single-stream\","
                + "\"inputTokens\":100,\"outputTokens\":10}}}";
    }

    private static String model(String id) {
        return "{\"id\":\"" + id + "\",\"totalParametersBillions\":8,\"layers\":32,\"hiddenSize\":4096,\"intermediateSize\":14336,"
                + "\"attentionHeads\":32,\"kvHeads\":8,\"headDim\":128,\"vocabSize\":128256,\"maxContextTokens\":8192,"
                + "\"attention\":\"gqa\",\"sourceUrl\":\"https://example.com/config.json\"}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
