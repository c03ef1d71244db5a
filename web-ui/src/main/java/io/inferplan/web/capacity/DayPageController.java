package io.inferplan.web.capacity;

import io.inferplan.plan.day.DayResponse;
import io.inferplan.web.common.Routes;
import io.inferplan.web.plan.Charts;
import io.inferplan.web.report.DayReports;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

/**
 * The day-of-traffic page (a GET form that works without JavaScript), its chart and its reports. Parses,
 * delegates, renders; a refused form is its page with the refusal beside each field.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class DayPageController {

    private static final MediaType XLSX =
            new MediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DayPages pages;
    private final Charts charts;
    private final DayReports reports;

    public DayPageController(DayPages pages, Charts charts, DayReports reports) {
        this.pages = pages;
        this.charts = charts;
        this.reports = reports;
    }

    @Get(uri = Routes.DAY, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> day(HttpRequest<?> request) {
        if (request.getParameters().isEmpty()) {
            return HttpResponse.ok(new ModelAndView<>("day", pages.form(DayForm.defaults())));
        }
        CapacityPages.Shown<DayPages.DayPage> shown = pages.plan(DayForm.from(request.getParameters()));
        return HttpResponse.status(HttpStatus.valueOf(shown.status())).body(new ModelAndView<>("day", shown.page()));
    }

    @Get(uri = Routes.DAY_CHART)
    public HttpResponse<byte[]> chart(HttpRequest<?> request) {
        DayResponse r = pages.answer(DayForm.from(request.getParameters()));
        return HttpResponse.ok(charts.render(charts.day(r), Charts.Format.SVG)).contentType(new MediaType("image/svg+xml"));
    }

    @Get(uri = Routes.DAY_REPORT_PDF, produces = "application/pdf")
    public HttpResponse<byte[]> pdf(HttpRequest<?> request) {
        DayForm f = DayForm.from(request.getParameters());
        DayResponse r = pages.answer(f);
        return HttpResponse.ok(reports.pdf(r, f.params())).header("Content-Disposition", "attachment; filename=\"" + fileName(r) + ".pdf\"");
    }

    @Get(uri = Routes.DAY_REPORT_XLSX)
    public HttpResponse<byte[]> xlsx(HttpRequest<?> request) {
        DayForm f = DayForm.from(request.getParameters());
        DayResponse r = pages.answer(f);
        return HttpResponse.ok(reports.xlsx(r, f.params())).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(r) + ".xlsx\"");
    }

    private static String fileName(DayResponse r) {
        return ("inferplan-day-" + r.plan().model() + "-" + r.plan().acceleratorsPerReplica() + "x" + r.plan().accelerator())
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
