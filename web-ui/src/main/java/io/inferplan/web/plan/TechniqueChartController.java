package io.inferplan.web.plan;

import io.inferplan.plan.technique.TechniquesBlock;
import io.inferplan.web.common.Routes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** The serving technique's chart of a plan, SVG or PNG, from the same query as its result page. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class TechniqueChartController {

    private final PlanPages pages;
    private final Charts charts;
    private final TechniqueCharts techniqueCharts;

    public TechniqueChartController(PlanPages pages, Charts charts, TechniqueCharts techniqueCharts) {
        this.pages = pages;
        this.charts = charts;
        this.techniqueCharts = techniqueCharts;
    }

    @Get(uri = Routes.TECHNIQUE_CHART)
    public HttpResponse<byte[]> chart(@PathVariable String file, HttpRequest<?> request) {
        var chart = ChartFile.parse(file).filter(c -> TechniqueCharts.FILES.contains(c.name()));
        if (chart.isEmpty()) {
            return HttpResponse.notFound();
        }
        TechniquesBlock b = pages.evaluate(PlanForm.fromOrDefaults(request.getParameters())).response().techniques();
        byte[] bytes = charts.render(techniqueCharts.of(chart.get().name(), b), chart.get().format());
        return HttpResponse.ok(bytes).contentType(chart.get().mediaType());
    }
}
