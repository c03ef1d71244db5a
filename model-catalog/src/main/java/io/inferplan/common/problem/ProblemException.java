package io.inferplan.common.problem;

import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A refusal the caller can act on. Thrown by services and mapped to problem+json by {@link ProblemHandler};
 * it never carries a 5xx status.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ProblemException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badRequest(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: " + String.join(", ",
                        errors.stream().map(FieldError::field).distinct().toList());
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
    }

    public static ProblemException badRequest(String field, String message) {
        return badRequest(List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what, String field, String id, List<String> nearest) {
        String hint = nearest.isEmpty() ? "" : "; nearest valid ids: " + String.join(", ", nearest);
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", "no " + what + " with id '" + id + "'" + hint,
                List.of(new FieldError(field, "unknown " + what + " id '" + id + "'" + hint)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
    }

    public static ProblemException unprocessable(String title, String detail, List<FieldError> errors) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, title, detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status.getCode(), getMessage(), errors);
    }
}
