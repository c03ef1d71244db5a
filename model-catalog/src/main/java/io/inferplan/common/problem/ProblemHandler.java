package io.inferplan.common.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The one problem+json mapping of the application. Handles our own {@link ProblemException}, Bean Validation
 * failures and framework errors (unreadable JSON, wrong types, unknown routes) so that bad input never
 * becomes a 500 and every refusal names its field.
 */
public final class ProblemHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemHandler.class);

    private ProblemHandler() {
    }

    public static MutableHttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(problem);
    }

    /** Our own refusals. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    public static class ForProblemException implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
            return respond(exception.toProblem());
        }
    }

    /** Bean Validation on request records: one error per violated field, with its dotted path. */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(io.micronaut.validation.exceptions.ConstraintExceptionHandler.class)
    public static class ForConstraintViolation implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : exception.getConstraintViolations()) {
                errors.add(new FieldError(fieldPath(v.getPropertyPath().toString()), v.getMessage()));
            }
            errors.sort(Comparator.comparing(FieldError::field));
            return respond(ProblemException.badRequest(errors).toProblem());
        }

        /** Drops the method and parameter names Micronaut puts in front ("evaluate.request.workload.x"). */
        static String fieldPath(String propertyPath) {
            String[] parts = propertyPath.split("\\.");
            return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : propertyPath;
        }
    }

    /** A query or path parameter of the wrong type ("concurrency=abc"). */
    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(io.micronaut.http.server.exceptions.ConversionErrorHandler.class)
    public static class ForConversionError implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException exception) {
            String name = exception.getArgument().getName();
            String type = exception.getArgument().getType().getSimpleName();
            return respond(ProblemException.badRequest(name, "must be a valid " + describe(type)).toProblem());
        }

        private static String describe(String type) {
            return switch (type) {
                case "Integer", "int", "Long", "long" -> "whole number";
                case "Double", "double", "BigDecimal" -> "number";
                case "Boolean", "boolean" -> "boolean (true or false)";
                default -> type;
            };
        }
    }

    /**
     * Everything else the framework refuses (unreadable JSON body, missing body, unsupported media type,
     * unknown route, wrong method): keep its status and message but answer in problem+json.
     */
    @Singleton
    @Replaces(ErrorResponseProcessor.class)
    public static class ErrorProcessor implements ErrorResponseProcessor<Problem> {
        @Override
        public MutableHttpResponse<Problem> processResponse(ErrorContext errorContext, MutableHttpResponse<?> response) {
            int status = response.getStatus().getCode();
            if (status >= 500) {
                // Never show internals; the log has the cause.
                LOG.error("{} {} failed", errorContext.getRequest().getMethod(), errorContext.getRequest().getPath(),
                        errorContext.getRootCause().orElse(null));
                Problem problem = new Problem("about:blank", "Internal error", status,
                        "the server could not answer this request; the cause is logged", List.of());
                return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
            }
            HttpRequest<?> request = errorContext.getRequest();
            if (status == 404 || status == 405) { // an address, not a field, is wrong
                String detail = status == 404 ? "there is no page or API route at " + request.getPath()
                        : request.getPath() + " does not answer " + request.getMethodName();
                return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(new Problem("about:blank",
                        response.getStatus().getReason(), status, detail, List.of()));
            }
            List<FieldError> errors = new ArrayList<>();
            errorContext.getErrors().forEach(e -> errors.add(new FieldError(e.getPath().orElse("body"), e.getMessage())));
            String detail = errors.isEmpty() ? response.getStatus().getReason() : errors.get(0).message();
            Problem problem = new Problem("about:blank", response.getStatus().getReason(), status, detail, errors);
            return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
        }
    }
}
