package io.inferplan.plan.sweep;

import io.inferplan.plan.csv.CsvResponses;
import io.inferplan.plan.csv.CsvText;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/v1/plans/sweep(.csv)}: one evaluation per value of one parameter. */
@Controller("/api/v1/plans")
@Tag(name = "Sweep")
public class SweepController {

    private final SweepService sweeps;

    public SweepController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    @Operation(summary = "Evaluate a plan for each value of one parameter",
            description = "vary=workload.inputTokens&values=1024,8192 or from=…&to=…&step=…; at most 200 values; "
                    + "the other parameters as in GET /plans/evaluate.")
    @Get("/sweep")
    public SweepResponse sweep(HttpRequest<?> request) {
        return sweeps.sweep(request.getParameters().asMap());
    }

    @Operation(summary = "The sweep as CSV: one row per value, first column the varied value, then error")
    @Get("/sweep.csv")
    // the .csv path answers CSV whatever the Accept header asks for (*/* keeps the route from being skipped)
    @Produces({CsvText.MEDIA_TYPE, MediaType.ALL})
    @ApiResponse(responseCode = "200", description = "CSV",
            content = @Content(mediaType = CsvText.MEDIA_TYPE, schema = @Schema(type = "string")))
    public HttpResponse<String> sweepCsv(HttpRequest<?> request) {
        return HttpResponse.ok(SweepService.csv(sweeps.sweep(request.getParameters().asMap())))
                .contentType(CsvResponses.CONTENT_TYPE);
    }
}
