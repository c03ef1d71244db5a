package io.inferplan.common.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.PathMatcher;

import java.util.List;
import java.util.Locale;

/** {@code [METHOD ]/path/pattern} with Ant wildcards, as written in the limits configuration. */
record RoutePattern(@Nullable String method, String path) {

    static RoutePattern parse(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        if (space < 0) {
            return new RoutePattern(null, t);
        }
        String method = t.substring(0, space).toUpperCase(Locale.ROOT);
        return new RoutePattern("*".equals(method) ? null : method, t.substring(space + 1).strip());
    }

    static List<RoutePattern> parseAll(List<String> texts) {
        return texts.stream().filter(s -> !s.isBlank()).map(RoutePattern::parse).toList();
    }

    boolean matches(String requestMethod, String requestPath) {
        return (method == null || method.equals(requestMethod)) && PathMatcher.ANT.matches(path, requestPath);
    }

    static boolean any(List<RoutePattern> patterns, String method, String path) {
        return patterns.stream().anyMatch(p -> p.matches(method, path));
    }
}
