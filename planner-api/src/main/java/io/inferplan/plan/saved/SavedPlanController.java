package io.inferplan.plan.saved;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** {@code /api/v1/plans}: saved plans. The ETag of a plan is its revision, {@code "3"}. */
@Controller("/api/v1/plans")
@Tag(name = "Saved plans")
public class SavedPlanController {

    private final SavedPlanService saved;

    public SavedPlanController(SavedPlanService saved) {
        this.saved = saved;
    }

    @Operation(summary = "Save a plan (evaluated first; refused with 400/422 if it cannot be evaluated)")
    @Post
    public HttpResponse<SavedPlanResponse> create(@Body SavedPlanInput input) {
        SavedPlanResponse plan = saved.create(input);
        return HttpResponse.created(plan, URI.create("/api/v1/plans/" + plan.id())).header(HttpHeaders.ETAG, etag(plan));
    }

    @Operation(summary = "List saved plans, oldest first")
    @Get
    public List<SavedPlanResponse.Item> list() {
        return saved.list();
    }

    @Operation(summary = "A saved plan: its inputs, the stored summary and a fresh evaluation with what changed")
    @Get("/{id:[0-9]+}")
    public HttpResponse<SavedPlanResponse> get(@PathVariable long id) {
        SavedPlanResponse plan = saved.get(id);
        return HttpResponse.ok(plan).header(HttpHeaders.ETAG, etag(plan));
    }

    @Operation(summary = "Change a saved plan; needs its current revision (body 'revision' or If-Match), else 409/428")
    @Put("/{id:[0-9]+}")
    public HttpResponse<SavedPlanResponse> update(@PathVariable long id, @Body SavedPlanInput input,
                                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        SavedPlanResponse plan = saved.update(id, input, ifMatch);
        return HttpResponse.ok(plan).header(HttpHeaders.ETAG, etag(plan));
    }

    @Operation(summary = "Delete a saved plan (admin token)")
    @Delete("/{id:[0-9]+}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long id, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        saved.delete(id, authorization);
    }

    private static String etag(SavedPlanResponse plan) {
        return "\"" + plan.revision() + "\"";
    }
}
