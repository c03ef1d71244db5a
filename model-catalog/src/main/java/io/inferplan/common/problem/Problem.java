package io.inferplan.common.problem;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The RFC 9457 {@code application/problem+json} body used by every 4xx of the application. */
@Serdeable
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
