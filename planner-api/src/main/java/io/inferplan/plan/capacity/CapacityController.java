package io.inferplan.plan.capacity;

import io.inferplan.plan.csv.CsvResponses;
import io.inferplan.plan.csv.CsvText;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Fleet sizing, optimizer and model mixes over the engine (the framework advisor has its own controller). Each
 * path answers JSON, or CSV on its {@code .csv} twin or with {@code Accept: text/csv}; fleet and optimizer also by GET with query parameters
 * (the body's fields, plain or dotted, lists comma-separated), for spreadsheets.
 */
@Controller("/api/v1/plans")
@Tag(name = "Capacity")
@Produces({MediaType.APPLICATION_JSON, CsvText.MEDIA_TYPE})
public class CapacityController {

    private static final String CSV_FORM = " On /….csv or with Accept: text/csv: ";

    private final FleetService fleet;
    private final OptimizerService optimizer;
    private final MixService mix;

    public CapacityController(FleetService fleet, OptimizerService optimizer, MixService mix) {
        this.fleet = fleet;
        this.optimizer = optimizer;
        this.mix = mix;
    }

    @Operation(summary = "Size a fleet for a traffic target and SLO", description = "Replicas, accelerators, binding "
            + "constraint, the replica sizes tried and the fleet's cost at every catalog rental price." + CSV_FORM
            + "one row of dotted names.")
    @Post(uris = {"/fleet", "/fleet.csv"})
    public HttpResponse<?> fleet(HttpRequest<?> http, @Body CapacityRequests.FleetRequest request) {
        return CsvResponses.jsonOrCsv(http, fleet.size(request), CapacityCsv::fleet);
    }

    @Operation(summary = "Size a fleet (query parameters)", description = "model, weightFormat, kvCacheFormat, accelerator, "
            + "framework, acceleratorsPerReplica, requestsPerSecond or tokensPerDay, peakToAverage, inputTokens, outputTokens, "
            + "sharedPrefixTokens, ttftP95Ms, tpotMs, tpotP95Ms and the serving fields (plain or dotted: slo.ttftP95Ms)." + CSV_FORM
            + "one row.")
    @Get(uris = {"/fleet", "/fleet.csv"})
    public HttpResponse<?> fleetQuery(HttpRequest<?> http) {
        return CsvResponses.jsonOrCsv(http, fleet.size(CapacityQuery.fleet(http.getParameters().asMap())), CapacityCsv::fleet);
    }

    @Operation(summary = "The cheapest configurations that meet an SLO", description = "Ranked by USD per million output "
            + "tokens, with the Pareto front." + CSV_FORM + "one row per ranked configuration (the closest misses, with "
            + "the reason, when none meets the SLO).")
    @Post(uris = {"/optimize", "/optimize.csv"})
    public HttpResponse<?> optimize(HttpRequest<?> http, @Body CapacityRequests.OptimizeRequest request) {
        return CsvResponses.jsonOrCsv(http, optimizer.optimize(request), CapacityCsv::optimize);
    }

    @Operation(summary = "The cheapest configurations (query parameters)", description = "model, mode, inputTokens, "
            + "outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, ttftP95Ms, tpotMs, tpotP95Ms, minWeightBits, "
            + "maxQualityLossPercent, accelerators, frameworks (comma-separated), limit." + CSV_FORM + "one row per ranked configuration.")
    @Get(uris = {"/optimize", "/optimize.csv"})
    public HttpResponse<?> optimizeQuery(HttpRequest<?> http) {
        return CsvResponses.jsonOrCsv(http, optimizer.optimize(CapacityQuery.optimize(http.getParameters().asMap())),
                CapacityCsv::optimize);
    }

    @Operation(summary = "Several models in one plan and the blended cost", description = "Each route evaluated, tokens "
            + "weighed by share." + CSV_FORM + "one row per route, its evaluate columns under plan.….")
    @Post(uris = {"/mix", "/mix.csv"})
    public HttpResponse<?> mix(HttpRequest<?> http, @Body CapacityRequests.MixRequest request) {
        return CsvResponses.jsonOrCsv(http, mix.mix(request), CapacityCsv::mix);
    }
}
