package io.inferplan.common.http;

import io.micronaut.core.annotation.Nullable;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags of answers that clients may revalidate ({@code If-None-Match} → {@code 304}), so that a page
 * reopened or a chart redrawn costs no body.
 */
public final class ETags {

    private ETags() {
    }

    /** A strong tag around an opaque value that already identifies the content (e.g. the catalog version). */
    public static String of(String opaque) {
        return "\"" + opaque + "\"";
    }

    /** A strong tag from the content itself: the first 128 bits of its SHA-256, in hex. */
    public static String ofContent(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return of(HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} header names this tag (RFC 9110 §13.1.2: a list of tags or {@code *},
     * compared weakly, so {@code W/"x"} matches {@code "x"}).
     */
    public static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
