package io.inferplan.plan.kvgrowth;

import io.inferplan.plan.csv.CsvResponses;
import io.inferplan.plan.csv.CsvText;
import io.inferplan.plan.csv.Flattener;
import io.inferplan.plan.evaluate.KvGrowthService;
import io.inferplan.plan.query.PlanQuery;
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

import java.util.Set;

/** {@code /api/v1/plans/kv-growth}: the KV curve of one plan (same query parameters as GET evaluate). */
@Controller("/api/v1/plans")
@Tag(name = "KV growth")
public class KvGrowthController {

    private final KvGrowthService service;

    public KvGrowthController(KvGrowthService service) {
        this.service = service;
    }

    @Operation(summary = "KV cache size over context length, naive vs paged vs shared-prefix concurrency")
    @Get("/kv-growth")
    public KvGrowthResponse kvGrowth(HttpRequest<?> request) {
        return KvGrowthResponse.from(service.curve(PlanQuery.parse(request.getParameters().asMap(), Set.of())));
    }

    @Operation(summary = "The KV curve as CSV, one row per context length")
    @Get("/kv-growth.csv")
    // the .csv path answers CSV whatever the Accept header asks for (*/* keeps the route from being skipped)
    @Produces({CsvText.MEDIA_TYPE, MediaType.ALL})
    @ApiResponse(responseCode = "200", description = "CSV",
            content = @Content(mediaType = CsvText.MEDIA_TYPE, schema = @Schema(type = "string")))
    public HttpResponse<String> kvGrowthCsv(HttpRequest<?> request) {
        KvGrowthResponse curve = kvGrowth(request);
        String csv = CsvText.write(Flattener.header(KvGrowthResponse.Point.class),
                curve.points().stream().map(p -> Flattener.row(KvGrowthResponse.Point.class, p)).toList());
        return HttpResponse.ok(csv).contentType(CsvResponses.CONTENT_TYPE);
    }
}
