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
    private final ChartCache chartCache;

    public TechniqueChartController(PlanPages pages, Charts charts, TechniqueCharts techniqueCharts, ChartCache chartCache) {
        this.pages = pages;
        this.charts = charts;
        this.techniqueCharts = techniqueCharts;
        this.chartCache = chartCache;
    }

    @Get(uri = Routes.TECHNIQUE_CHART)
    public HttpResponse<byte[]> chart(@PathVariable String file, HttpRequest<?> request) {
        var chart = ChartFile.parse(file).filter(c -> TechniqueCharts.FILES.contains(c.name()));
        if (chart.isEmpty()) {
            return HttpResponse.notFound();
        }
        PlanForm form = PlanForm.fromOrDefaults(request.getParameters());
        return chartCache.get("technique/" + file, form, () -> {
            TechniquesBlock b = pages.evaluate(form).response().techniques();
            return charts.render(techniqueCharts.of(chart.get().name(), b), chart.get().format());
        }).answer(request, chart.get().mediaType());
    }
}
