package io.inferplan.plan.day;

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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A day of traffic with autoscaling: JSON, or one CSV row per hour on {@code /day.csv} or with Accept: text/csv. */
@Controller("/api/v1/plans")
@Tag(name = "Capacity")
@Produces({MediaType.APPLICATION_JSON, CsvText.MEDIA_TYPE})
@ExecuteOn(TaskExecutors.BLOCKING)
public class DayController {

    private final DayService days;

    public DayController(DayService days) {
        this.days = days;
    }

    @Operation(summary = "A day of traffic with autoscaling", description = "Per hour: replicas, utilisation, p95 TTFT/TPOT "
            + "from the scheduler simulator, SLO attainment, cost by purchase type (reserved, on-demand, spot) and energy; "
            + "for the month: total cost, cost per million tokens, idle reserved hours and the cheapest reserved/on-demand "
            + "split. On /day.csv or with Accept: text/csv: one row per hour, the day's, month's and mix's figures repeated.")
    @Post(uris = {"/day", "/day.csv"})
    public HttpResponse<?> day(HttpRequest<?> http, @Body DayRequest request) {
        return CsvResponses.jsonOrCsv(http, days.plan(request), DayController::csv);
    }

    static String csv(DayResponse r) {
        return TableCsv.write(TableCsv.Lead.none(), DayResponse.Hour.class, r.hours(), DayResponse.class, r);
    }
}
