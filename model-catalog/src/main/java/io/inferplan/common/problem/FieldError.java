package io.inferplan.common.problem;

import io.micronaut.serde.annotation.Serdeable;

/** One bad input field: its dotted path in the request and what is allowed. */
@Serdeable
public record FieldError(String field, String message) {
}
