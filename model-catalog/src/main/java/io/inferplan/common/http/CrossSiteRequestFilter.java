package io.inferplan.common.http;

import io.inferplan.common.problem.Problem;
import io.inferplan.common.problem.ProblemHandler;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses state-changing requests another web site can make a visitor's browser send. A page on another site can
 * POST a form or a {@code fetch} with a "simple" body (text/plain, a form type, or none) without asking first; it
 * cannot add headers such as {@code Authorization} or {@code X-CSRF-Token}, and the browser names the page's
 * origin in {@code Origin}. So, for POST, PUT, PATCH and DELETE:
 * <ul>
 *   <li>an {@code Origin} that is not this site (nor listed in {@code inferplan.security.allowed-origins}), or
 *       {@code Sec-Fetch-Site: cross-site}, is a 403;</li>
 *   <li>under {@code /api/}, a POST with a simple content type is a 403 unless it carries {@code Authorization} or
 *       an {@code X-CSRF-Token} header equal to the {@value CsrfCookie#NAME} cookie. JSON and CSV clients are
 *       unaffected (their content types make the browser ask first, and no site is allowed).</li>
 * </ul>
 * The web UI's own forms carry the same token in a hidden field, checked by their controllers.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.CROSS_SITE)
public class CrossSiteRequestFilter {

    static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    static final Set<String> SIMPLE_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data");
    public static final String TOKEN_HEADER = "X-CSRF-Token";

    private final List<String> allowedOrigins;

    public CrossSiteRequestFilter(@Nullable @Value("${inferplan.security.allowed-origins:}") List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseCrossSite(HttpRequest<?> request) {
        if (!UNSAFE.contains(request.getMethod())) {
            return null;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !allowedOrigins.contains(origin) && !sameSite(origin, request)) {
            return refuse("the request comes from another site (Origin: " + origin + "); this server accepts changes only "
                    + "from its own pages and from clients that send no Origin (list extra origins in "
                    + "INFERPLAN_ALLOWED_ORIGINS)");
        }
        if ("cross-site".equalsIgnoreCase(request.getHeaders().get("Sec-Fetch-Site")) && origin == null) {
            return refuse("the browser marks this request as sent by another site (Sec-Fetch-Site: cross-site)");
        }
        if (request.getMethod() == HttpMethod.POST && request.getPath().startsWith("/api/") && isSimple(request)
                && request.getHeaders().get(HttpHeaders.AUTHORIZATION) == null
                && !CsrfCookie.matches(request, request.getHeaders().get(TOKEN_HEADER))) {
            String type = request.getContentType().map(MediaType::getName).orElse("none");
            return refuse("a POST with Content-Type " + type + " can be sent by any web page; send application/json "
                    + "(or text/csv where accepted), or the X-CSRF-Token header equal to the " + CsrfCookie.NAME + " cookie");
        }
        return null;
    }

    private static boolean isSimple(HttpRequest<?> request) {
        return request.getContentType().map(t -> SIMPLE_TYPES.contains(t.getName().toLowerCase(Locale.ROOT))).orElse(true);
    }

    /** Same host and port as the request was addressed to (Host, or X-Forwarded-Host behind a proxy). */
    static boolean sameSite(String origin, HttpRequest<?> request) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" (sandboxed pages, redirects across sites) and garbage
        }
        int originPort = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String host : new String[] {request.getHeaders().get("X-Forwarded-Host"), request.getHeaders().get(HttpHeaders.HOST)}) {
            if (host != null && matches(host.split(",")[0].strip(), uri.getHost(), originPort, uri.getScheme())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String hostHeader, String originHost, int originPort, String scheme) {
        URI host;
        try {
            host = URI.create("x://" + hostHeader);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host.getHost() == null || !host.getHost().equalsIgnoreCase(originHost)) {
            return false;
        }
        int defaultPort = "https".equalsIgnoreCase(scheme) ? 443 : 80;
        return (host.getPort() == -1 ? defaultPort : host.getPort()) == originPort;
    }

    private static HttpResponse<Problem> refuse(String detail) {
        return ProblemHandler.respond(new Problem("about:blank", "Cross-site request refused", 403, detail, List.of()));
    }
}
