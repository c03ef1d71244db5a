package io.inferplan.common.problem;

import io.inferplan.common.http.FilterOrder;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Refusals the framework answers without a body (its CORS filter's 403 for another origin on a localhost server,
 * the management endpoints' 401) get a problem body too, so every refusal says what happened.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.EMPTY_ERROR_BODIES)
public class EmptyErrorBodies {

    @ResponseFilter
    public void describe(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.getStatus().getCode();
        if (status < 400 || response.getBody().isPresent()) {
            return;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        String detail = switch (status) {
            case 401 -> request.getPath() + " is an operations endpoint that is not open";
            case 403 -> origin != null ? "requests from another site (Origin: " + origin + ") are refused here"
                    : request.getPath() + " is refused";
            default -> request.getMethodName() + " " + request.getPath() + ": " + response.getStatus().getReason();
        };
        response.contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem("about:blank", response.getStatus().getReason(), status, detail, List.of()));
    }
}
