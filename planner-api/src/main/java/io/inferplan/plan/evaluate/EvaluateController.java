package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.csv.CsvResponses;
import io.inferplan.plan.csv.CsvText;
import io.inferplan.plan.csv.PlanCells;
import io.inferplan.plan.query.PlanQuery;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/plans/evaluate}: one plan's memory, performance and cost, as JSON (POST body or GET query
 * parameters), as CSV ({@code evaluate.csv} or {@code Accept: text/csv}) and as one bare value ({@code value}).
 */
@Controller("/api/v1/plans")
@Tag(name = "Evaluate")
public class EvaluateController {

    private static final String TEXT_PLAIN = "text/plain;charset=utf-8";

    private final PlanService plans;

    public EvaluateController(PlanService plans) {
        this.plans = plans;
    }

    @Operation(summary = "Evaluate one plan (JSON body)",
            description = "Send Accept: text/csv for the CSV form (header of dotted names + one row).")
    @Post("/evaluate")
    @Produces({MediaType.APPLICATION_JSON, CsvText.MEDIA_TYPE})
    public HttpResponse<?> evaluate(@Body PlanRequest request, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        return CsvResponses.jsonOrCsv(plans.evaluate(request), accept, PlanCells::csv);
    }

    @Operation(summary = "Evaluate one plan (query parameters)",
            description = "The body's fields as plain query parameters: model, weightFormat, kvCacheFormat, accelerator, "
                    + "acceleratorCount, framework, mode, inputTokens, outputTokens, concurrency, requestsPerSecond, "
                    + "sharedPrefixTokens, the serving fields (memoryFraction, maxConcurrentSequences, …) and "
                    + "tensorParallel, pipelineParallel, replicas. Accept: text/csv gives CSV.")
    @Get("/evaluate")
    @Produces({MediaType.APPLICATION_JSON, CsvText.MEDIA_TYPE})
    public HttpResponse<?> evaluateQuery(HttpRequest<?> request, @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        return CsvResponses.jsonOrCsv(plans.evaluate(PlanQuery.parse(request.getParameters().asMap(), Set.of())), accept,
                PlanCells::csv);
    }

    @Operation(summary = "Evaluate one plan as CSV", description = "Header row of dotted names, one value row (RFC 4180).")
    @Get("/evaluate.csv")
    // the .csv path answers CSV whatever the Accept header asks for (*/* keeps the route from being skipped)
    @Produces({CsvText.MEDIA_TYPE, MediaType.ALL})
    @ApiResponse(responseCode = "200", description = "CSV",
            content = @Content(mediaType = CsvText.MEDIA_TYPE, schema = @Schema(type = "string")))
    public HttpResponse<String> evaluateCsv(HttpRequest<?> request) {
        PlanResponse response = plans.evaluate(PlanQuery.parse(request.getParameters().asMap(), Set.of()));
        return CsvResponses.csv(PlanCells.csv(response));
    }

    /**
     * One value of the answer as {@code text/plain} for {@code WEBSERVICE}: the bare number, '.' decimal, no
     * trailing newline. A refusal must stay readable in a cell, and spreadsheets show only {@code #VALUE!} for a
     * non-2xx answer: so a refusal answers 200 with the text {@code #N/A <reason>} and the status it stands for in
     * {@value #PROBLEM_STATUS_HEADER}; a client that asks for JSON gets the 4xx problem+json instead.
     */
    @Operation(summary = "One value of the answer as bare text (for WEBSERVICE)")
    @Get("/value")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    public HttpResponse<?> value(HttpRequest<?> request,
                                 @Parameter(description = "dotted field name, e.g. cost.usdPerMillionOutputTokens")
                                 @Nullable @QueryValue String field,
                                 @Nullable @Header(HttpHeaders.ACCEPT) String accept) {
        try {
            if (field == null || !PlanCells.known(field)) {
                String what = field == null ? "field is required" : "unknown field '" + field + "'";
                throw ProblemException.badRequest("field", what + "; valid: " + String.join(", ", new TreeSet<>(PlanCells.FIELDS)));
            }
            PlanResponse response = plans.evaluate(PlanQuery.parse(request.getParameters().asMap(), Set.of("field")));
            String cell = PlanCells.cell(response, field).orElseThrow(() -> ProblemException.unprocessable(
                    "No value", "no value for '" + field + "' in this plan (the block is not computed for it)",
                    java.util.List.of(new io.inferplan.common.problem.FieldError("field", "has no value in this plan"))));
            return HttpResponse.ok(cell).contentType(TEXT_PLAIN);
        } catch (ProblemException e) {
            if (accept != null && accept.contains("json")) {
                throw e;
            }
            return HttpResponse.ok("#N/A " + e.getMessage()).contentType(TEXT_PLAIN)
                    .header(PROBLEM_STATUS_HEADER, String.valueOf(e.status().getCode()));
        }
    }

    /** On a refused {@code /plans/value}: the HTTP status the refusal stands for (400, 404, 422). */
    public static final String PROBLEM_STATUS_HEADER = "X-InferPlan-Problem-Status";
}
