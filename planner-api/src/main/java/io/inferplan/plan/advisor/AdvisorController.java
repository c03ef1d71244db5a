package io.inferplan.plan.advisor;

import io.inferplan.plan.csv.CsvResponses;
import io.inferplan.plan.csv.CsvText;
import io.inferplan.plan.csv.TableCsv;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The framework advisor: JSON, or CSV on {@code /advise.csv} (or with {@code Accept: text/csv}) with one row per
 * framework, one column set per criterion ({@code criteria.throughput.score}, {@code …reason}, …) and the reasons
 * joined with "; " (no reason contains that separator).
 */
@Controller("/api/v1/plans")
@Tag(name = "Capacity")
@Produces({MediaType.APPLICATION_JSON, CsvText.MEDIA_TYPE})
public class AdvisorController {

    private final AdvisorService advisor;

    public AdvisorController(AdvisorService advisor) {
        this.advisor = advisor;
    }

    @Operation(summary = "Rank the serving frameworks for a workload", description = "The four questions (concurrency, prefix "
            + "overlap, hardware, lifetime) read or assumed, the format each framework would run with its quality cost, and a "
            + "score table whose weighted sum is the ranking. On /advise.csv or with Accept: text/csv: one row per framework.")
    @Post(uris = {"/advise", "/advise.csv"})
    public HttpResponse<?> advise(HttpRequest<?> http, @Body AdviseRequest request) {
        return CsvResponses.jsonOrCsv(http, advisor.advise(request), r -> TableCsv.write(TableCsv.Lead.none(),
                AdviseResponse.Advice.class, r.frameworks(), AdviseResponse.class, r));
    }
}
