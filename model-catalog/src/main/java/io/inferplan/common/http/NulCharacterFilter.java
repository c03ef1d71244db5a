package io.inferplan.common.http;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.common.problem.ProblemHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A NUL character (%00) in the path or a query parameter is a 400 before any route runs: PostgreSQL cannot hold it
 * even in a lookup ("invalid byte sequence"), so an id like {@code /api/v1/models/%00} was a 500 there (H2 let it
 * through). Bodies are checked field by field ({@code FieldChecks.text}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.URL_CHECK)
public class NulCharacterFilter {

    private static final String NUL = "\u0000";
    private static final String MESSAGE = "must not contain the NUL character (U+0000, %00)";

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseNul(HttpRequest<?> request) {
        if (request.getUri().getRawPath().toLowerCase(Locale.ROOT).contains("%00") || request.getPath().contains(NUL)) {
            return ProblemHandler.respond(ProblemException.badRequest("path", MESSAGE).toProblem());
        }
        for (Map.Entry<String, List<String>> p : request.getParameters().asMap().entrySet()) {
            if (p.getKey().contains(NUL) || p.getValue().stream().anyMatch(v -> v.contains(NUL))) {
                return ProblemHandler.respond(ProblemException.badRequest(p.getKey().replace(NUL, "\\0"), MESSAGE).toProblem());
            }
        }
        return null;
    }
}
