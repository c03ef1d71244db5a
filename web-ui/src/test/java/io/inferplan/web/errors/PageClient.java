package io.inferplan.web.errors;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sends what a browser or an API client would, and checks an error page. */
record PageClient(URL base) {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> send(String method, String path, String accept, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    HttpResponse<String> browser(String method, String path) {
        return send(method, path, BROWSER_ACCEPT, null, null);
    }

    /** An HTML page in the site's layout with this status and these texts. */
    static void assertPage(HttpResponse<String> r, int status, String... texts) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.body().contains("<nav aria-label=\"Main\">"), "in the site's layout: " + r.body());
        assertTrue(r.body().contains("<strong id=\"problem-status\">" + status + "</strong>"), r.body());
        for (String text : texts) {
            assertTrue(r.body().contains(text), text + " in " + r.body());
        }
    }
}
