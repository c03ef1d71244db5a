package io.inferplan.web.capacity;

import io.inferplan.web.common.Routes;
import io.inferplan.web.plan.Charts;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.util.List;

/**
 * The optimizer, fleet-sizing and framework-advisor pages: GET forms (they work without JavaScript); the bare
 * page shows the form with its defaults, a submitted one shows the answer beneath it. Parses, delegates, renders.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CapacityPageController {

    private final CapacityPages pages;
    private final AdvisorPages advisor;
    private final Charts charts;

    public CapacityPageController(CapacityPages pages, AdvisorPages advisor, Charts charts) {
        this.pages = pages;
        this.advisor = advisor;
        this.charts = charts;
    }

    @Get(uri = Routes.OPTIMIZE, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> optimize(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return HttpResponse.ok(new ModelAndView<>("optimize", pages.optimizerForm(OptimizerForm.defaults())));
        }
        return render("optimize", pages.optimize(OptimizerForm.from(request.getParameters())));
    }

    @Get(uri = Routes.OPTIMIZE_CHART)
    public HttpResponse<byte[]> pareto(HttpRequest<?> request) {
        List<List<Charts.CostLatency>> points = pages.paretoPoints(OptimizerForm.from(request.getParameters()));
        return HttpResponse.ok(charts.render(charts.pareto(points.get(0), points.get(1)), Charts.Format.SVG))
                .contentType(new MediaType("image/svg+xml"));
    }

    @Get(uri = Routes.FLEET, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> fleet(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return HttpResponse.ok(new ModelAndView<>("fleet", pages.fleetForm(FleetForm.defaults())));
        }
        return render("fleet", pages.size(FleetForm.from(request.getParameters())));
    }

    @Get(uri = Routes.ADVISE, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> advise(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return HttpResponse.ok(new ModelAndView<>("advise", advisor.form(AdvisorForm.defaults())));
        }
        return render("advise", advisor.advise(AdvisorForm.from(request.getParameters())));
    }

    /** One criterion's chart of an advisor answer: the page's form plus {@code criterion}, drawn when the browser asks. */
    @Get(uri = Routes.ADVISE_CHART)
    public HttpResponse<byte[]> adviseChart(HttpRequest<?> request) {
        byte[] svg = advisor.chart(AdvisorForm.from(request.getParameters()), request.getParameters().get("criterion"));
        return HttpResponse.ok(svg).contentType(new MediaType("image/svg+xml"));
    }

    private static HttpResponse<?> render(String view, CapacityPages.Shown<?> shown) {
        return HttpResponse.status(HttpStatus.valueOf(shown.status())).body(new ModelAndView<>(view, shown.page()));
    }
}
