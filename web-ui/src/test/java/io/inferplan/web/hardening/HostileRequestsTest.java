package io.inferplan.web.hardening;

import io.inferplan.web.hardening.RouteTable.Input;
import io.inferplan.web.hardening.RouteTable.Route;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 10,000 seeded hostile requests across every route of {@link RouteTable} (API, pages, operations): malformed and
 * extreme values, unknown properties, broken JSON and CSV, wrong content types, hostile ids, cross-site origins, with
 * and without the admin token, for browsers and API clients. None may get a 5xx; an API refusal is problem+json with
 * a detail (a page for a browser); and a refused write changes nothing stored (saved plans, catalog version,
 * calibration profiles are the same after it).
 */
@MicronautTest
class HostileRequestsTest {

    static final long SEED = 20261207L;
    static final int REQUESTS = 10_000;
    static final String TOKEN = "test-admin-token";
    static final String CSRF = "hostileCsrfTokenhostileCsrfTokenhostileCsrf"; // 43 URL-safe characters
    static final String[] ACCEPTS = {"application/json", "text/html,application/xhtml+xml,*/*;q=0.8", "text/csv", "*/*", null};
    /** Paths the router has that are not ours to fuzz: HEAD twins of every GET (same handlers) and static resources. */
    static final Set<String> NOT_IN_TABLE = Set.of("HEAD");

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int reconnects;

    @Test
    void everyRouteIsInTheTable() {
        Set<String> table = RouteTable.ROUTES.stream().map(r -> r.method() + " " + r.template()).collect(Collectors.toSet());
        Set<String> missing = router.uriRoutes().map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate())
                .filter(r -> !NOT_IN_TABLE.contains(r.substring(0, r.indexOf(' '))) && !table.contains(r))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing, "routes missing from RouteTable.ROUTES (add each with a valid input)");
    }

    @Test
    void tenThousandHostileRequestsGetNo5xxAndRefusedWritesStoreNothing() {
        String plan = location(send("POST", "/api/v1/plans", "application/json", RouteTable.PLAN, true, null, null));
        String planId = plan.substring(plan.lastIndexOf('/') + 1);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        String state = fingerprint();
        long start = System.nanoTime();
        for (int n = 0; n < REQUESTS; n++) {
            Route route = RouteTable.ROUTES.get(random.nextInt(RouteTable.ROUTES.size()));
            String path = route.path().replace("{plan}", planId);
            String body = null;
            String contentType = null;
            int shape = random.nextInt(10);
            switch (route.input()) {
                case JSON -> {
                    body = shape < 6 ? Mutations.json(route.valid(), random) : shape < 7
                            ? Mutations.STRUCTURAL_GARBAGE.get(random.nextInt(Mutations.STRUCTURAL_GARBAGE.size()))
                            : shape < 8 ? route.valid().replaceFirst("\\{", "{\"bogus\":1,") : route.valid();
                    contentType = "application/json";
                }
                case CSV -> {
                    body = shape < 8 ? Mutations.csv(route.valid(), random) : route.valid();
                    contentType = "text/csv";
                }
                case FORM -> {
                    body = (shape < 7 ? Mutations.query(route.valid(), random) : route.valid())
                            + (shape % 2 == 0 ? "&_csrf=" + CSRF : "");
                    contentType = "application/x-www-form-urlencoded";
                }
                case QUERY -> path += "?" + (shape < 8 ? Mutations.query(route.valid(), random) : route.valid());
                case NONE -> {
                    if (shape < 3 && path.matches(".*/[^/]+/[^/?]+$") && !path.startsWith("/health")) {
                        path = path.substring(0, path.lastIndexOf('/') + 1)
                                + Mutations.HOSTILE_IDS[random.nextInt(Mutations.HOSTILE_IDS.length)];
                    } else if (shape < 6) {
                        path += (path.contains("?") ? "&" : "?") + Mutations.query("", random);
                    }
                }
            }
            if (body != null && random.nextInt(20) == 0) {
                contentType = random.nextInt(8) == 0 ? null : Mutations.CONTENT_TYPES[random.nextInt(Mutations.CONTENT_TYPES.length)];
            }
            String accept = ACCEPTS[random.nextInt(ACCEPTS.length)];
            boolean token = random.nextInt(10) > 0;
            String origin = random.nextInt(20) == 0 ? "https://evil.example" : null;
            String label = route.method() + " " + abbreviate(path) + " [" + contentType + "]" + (body == null ? "" : " " + abbreviate(body));
            HttpResponse<String> r;
            try {
                r = send(route.method(), path, contentType, body, token, accept, origin);
            } catch (AssertionError e) {
                failures.add("no answer (" + e.getCause() + "): " + label);
                continue;
            }
            statuses.merge(r.statusCode(), 1, Integer::sum);
            check(r, accept, label, failures);
            if (route.writes()) {
                String after = fingerprint();
                boolean refused = r.statusCode() >= 400 || path.contains("dryRun=true") && !path.contains("dryRun=false");
                if (refused && !after.equals(state)) {
                    failures.add("refused write changed what is stored: " + r.statusCode() + " " + label);
                }
                if (r.statusCode() == 201 && r.headers().firstValue("Location").isPresent()
                        && !r.headers().firstValue("Location").get().contains("/calibration/")) {
                    send("DELETE", location(r), null, null, true, null, null); // keep the stored data small
                    after = fingerprint();
                }
                state = after;
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        failures.stream().collect(Collectors.groupingBy(f -> f.replaceAll("[?\\[].*", ""), TreeMap::new, Collectors.counting()))
                .forEach((kind, count) -> System.out.println("  " + count + " × " + kind));
        System.out.printf("hostile requests: %d across %d routes in %d s, statuses %s, %d sent again on a new connection, "
                + "%d failures%n", REQUESTS, RouteTable.ROUTES.size(), seconds, statuses, reconnects, failures.size());
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }

    private static void check(HttpResponse<String> r, String accept, String label, List<String> failures) {
        int status = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (status >= 500) {
            failures.add(status + " " + label + " -> " + abbreviate(r.body()));
        } else if (status >= 400 && accept != null && accept.startsWith("text/html")) {
            // a request line over the server's limit is answered before any filter runs: problem+json even to a browser
            boolean lineTooLong = status == 413 && label.length() > 160 && type.startsWith("application/problem+json");
            if (!type.startsWith("text/html") && !lineTooLong) {
                failures.add(status + " to a browser without a page: " + label + " -> " + type);
            }
        } else if (status >= 400 && label.contains(" /api/") && status != 406
                && (!type.startsWith("application/problem+json") || !r.body().contains("\"detail\""))) {
            failures.add(status + " without a problem body: " + label + " -> " + type + " " + abbreviate(r.body()));
        }
    }

    /** What is stored: saved plans (ids, revisions, times), the catalog version, calibration profiles. */
    private String fingerprint() {
        return send("GET", "/api/v1/catalog", null, null, false, null, null).body()
                + send("GET", "/api/v1/plans", null, null, false, null, null).body()
                + send("GET", "/api/v1/calibration/profiles", null, null, false, null, null).body();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body, boolean token,
                                      String accept, String origin) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(server.getURL() + encodePath(path)));
        } catch (IllegalArgumentException e) {
            b = HttpRequest.newBuilder(URI.create(server.getURL() + "/" + URLEncoder.encode(path, StandardCharsets.UTF_8)));
        }
        b.timeout(Duration.ofSeconds(120)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        b.header("Cookie", "inferplan_csrf=" + CSRF);
        HttpRequest request = b.build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // the server closes a connection after refusing an oversized body (413); the client, reusing it for
                // the next request, finds it closed before sending anything and retries only GETs by itself
                if (!String.valueOf(e.getMessage()).contains("header parser received no bytes")) {
                    throw e;
                }
                reconnects++;
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + abbreviate(path), e);
        }
    }

    /** Keeps the path's '/', '?', '&', '=' and '%' escapes; encodes the rest a URI may not hold raw. */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c > 127 || " \"<>\\^`{|}'".indexOf(c) >= 0) {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location: " + r.statusCode() + " " + r.body()));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
