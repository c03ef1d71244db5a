package io.inferplan.common.http;

/**
 * The order of the application's server filters (lower runs first on the request, last on the response): security
 * headers outermost so that every refusal carries them, then the browser error pages (which need the problem that
 * an empty refusal is given next), then the cheap refusals
 * (cross-site, limits) before anything reads a body.
 */
public final class FilterOrder {

    public static final int SECURITY_HEADERS = -1000;
    public static final int ERROR_PAGES = -900;
    public static final int EMPTY_ERROR_BODIES = -850;
    public static final int CROSS_SITE = -800;
    public static final int URL_CHECK = -750;
    public static final int LIMITS = -700;
    public static final int STRICT_JSON = -600;

    private FilterOrder() {
    }
}
