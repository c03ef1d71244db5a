package io.inferplan.common.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The double-submit CSRF token's cookie: the web UI issues it (HttpOnly, SameSite=Strict); a form field or the
 * {@code X-CSRF-Token} header must repeat it. Another site can make the browser send the cookie but cannot read it.
 */
public final class CsrfCookie {

    public static final String NAME = "inferplan_csrf";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private CsrfCookie() {
    }

    /** The browser's token, when it sent a well-formed one. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue).filter(v -> WELL_FORMED.matcher(v).matches());
    }

    /** True when the submitted value equals the browser's cookie (constant time); false when either is missing. */
    public static boolean matches(HttpRequest<?> request, @Nullable String submitted) {
        Optional<String> expected = of(request);
        if (expected.isEmpty() || submitted == null || !WELL_FORMED.matcher(submitted).matches()) {
            return false;
        }
        return MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                submitted.getBytes(StandardCharsets.US_ASCII));
    }
}
