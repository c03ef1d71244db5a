package io.inferplan.web.common;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;

import java.util.List;

/**
 * A submitted capacity form read as the service's request: the request, or the refusals that kept it from being
 * built (each names its input).
 *
 * @param request the request for the service, or null when {@code errors} refused it
 */
public record ParsedForm<R>(R request, List<FieldError> errors) {

    /** The request; a form that could not be read is a 400 naming its fields, as the API answers it. */
    public R requireRequest() {
        if (request == null) {
            throw ProblemException.badRequest(errors);
        }
        return request;
    }
}
