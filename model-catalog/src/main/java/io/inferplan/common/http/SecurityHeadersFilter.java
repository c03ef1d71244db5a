package io.inferplan.common.http;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every response: no MIME sniffing, no framing, no referrer to other sites, and a content security
 * policy that allows only this origin's scripts, styles and images (Swagger UI and the pages ship their own).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.SECURITY_HEADERS) // outermost: refusals made by other filters carry the headers too
public class SecurityHeadersFilter {

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with a form POST, which
        // Micronaut's drive-by-localhost protection refuses (403); other sites still get no referrer
        response.header("Referrer-Policy", "same-origin");
        response.header("Content-Security-Policy", CSP);
        response.header("Cross-Origin-Opener-Policy", "same-origin");
    }
}
