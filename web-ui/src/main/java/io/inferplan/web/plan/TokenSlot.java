package io.inferplan.web.plan;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A rendered page in two parts around the place of its CSRF token, so that one rendering serves every browser: each
 * answer is the two parts with that browser's token between them.
 */
public final class TokenSlot {

    /** What a token may be (what {@code CsrfTokens} issues and accepts): nothing that needs escaping in HTML. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]*");

    private final byte[] before;
    private final byte[] after;

    private TokenSlot(byte[] before, byte[] after) {
        this.before = before;
        this.after = after;
    }

    /**
     * {@code html} split where {@code placeholder} stands; the placeholder must stand there exactly once (a random
     * string rendered as the token, so that nothing else in the page can be it).
     */
    public static TokenSlot around(String html, String placeholder) {
        int at = html.indexOf(placeholder);
        if (at < 0 || html.indexOf(placeholder, at + 1) >= 0) {
            throw new IllegalStateException("the page holds its token placeholder " + (at < 0 ? "nowhere" : "twice"));
        }
        return new TokenSlot(html.substring(0, at).getBytes(StandardCharsets.UTF_8),
                html.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** The page with {@code token} in its slot; the token must be URL-safe Base64 (or empty). */
    public byte[] with(String token) {
        if (!SAFE.matcher(token).matches()) {
            throw new IllegalArgumentException("not a CSRF token");
        }
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[before.length + t.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(t, 0, out, before.length, t.length);
        System.arraycopy(after, 0, out, before.length + t.length, after.length);
        return out;
    }
}
