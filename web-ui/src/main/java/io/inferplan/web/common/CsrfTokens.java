package io.inferplan.web.common;

import io.inferplan.common.http.CsrfCookie;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * CSRF protection of the web UI's state-changing forms, as a double-submit token.
 *
 * <p>Why not micronaut-security's CSRF module: it is not among the packages this build resolves (only
 * micronaut-security-jwt is), and micronaut-security would bring a whole authentication setup in front of every
 * route, which the REST API's own admin-token scheme ({@code AdminGuard}) does not want. This is the small,
 * well-known pattern instead:
 * <ol>
 *   <li>Every page outside {@code /api/} gets a random 256-bit token in the cookie {@value #COOKIE}
 *       (HttpOnly, SameSite=Strict, path /), issued once and kept until the browser drops it.</li>
 *   <li>A form that changes state carries the same token in the hidden field {@value #FIELD}; the page reads it
 *       with {@link #of(HttpRequest)}.</li>
 *   <li>The controller of that POST calls {@link #matches(HttpRequest, String)} first and answers 403 without
 *       touching anything when the field is missing or differs from the cookie (compared in constant time).</li>
 * </ol>
 * A cross-site page can make the browser send the cookie (SameSite=Strict already stops that in current browsers)
 * but cannot read it, so it cannot fill the field. The check sits in the controller because the filter does not
 * read form bodies. JSON endpoints under {@code /api/} are untouched: they get no cookie and check none (their
 * writes are guarded by the admin token, which a browser never sends by itself).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CsrfTokens {

    public static final String COOKIE = CsrfCookie.NAME;
    public static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = CsrfTokens.class.getName() + ".issued";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Issues a token to a browser that has none (pages only; the API is left alone). */
    @RequestFilter
    public void issue(HttpRequest<?> request) {
        if (isApi(request) || cookie(request).isPresent()) {
            return;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        request.setAttribute(ATTRIBUTE, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @ResponseFilter
    public void setCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(token -> response.cookie(
                Cookie.of(COOKIE, token).httpOnly(true).sameSite(SameSite.Strict).path("/").secure(request.isSecure())));
    }

    /** The token this request's forms must carry: the browser's, or the one issued with this response. */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).or(() -> cookie(request)).orElse("");
    }

    /** True when the submitted field equals the browser's cookie; false when either is missing or malformed. */
    public static boolean matches(HttpRequest<?> request, String submitted) {
        return CsrfCookie.matches(request, submitted);
    }

    private static Optional<String> cookie(HttpRequest<?> request) {
        return CsrfCookie.of(request);
    }

    private static boolean isApi(HttpRequest<?> request) {
        return request.getPath().startsWith("/api/");
    }
}
