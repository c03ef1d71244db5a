package io.inferplan.web.plan;

import io.inferplan.web.common.CsrfTokens;
import io.inferplan.web.common.Routes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import io.inferplan.web.report.PdfReport;
import io.inferplan.web.report.XlsxReport;

/** The plan form, a plan's result page, its charts and its reports. Parses, delegates, renders. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlanPageController {

    private static final MediaType PDF = new MediaType("application/pdf");
    private static final MediaType XLSX =
            new MediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final MediaType HTML = MediaType.of(MediaType.TEXT_HTML + ";charset=UTF-8");

    private final PlanPages pages;
    private final Charts charts;
    private final ChartCache chartCache;
    private final PdfReport pdf;
    private final XlsxReport xlsx;

    public PlanPageController(PlanPages pages, Charts charts, ChartCache chartCache, PdfReport pdf, XlsxReport xlsx) {
        this.pages = pages;
        this.charts = charts;
        this.chartCache = chartCache;
        this.pdf = pdf;
        this.xlsx = xlsx;
    }

    @Get(uri = Routes.HOME, produces = MediaType.TEXT_HTML)
    public ModelAndView<HomePage> home(HttpRequest<?> request) {
        return new ModelAndView<>("home", pages.home(PlanForm.fromOrDefaults(request.getParameters())));
    }

    @Get(uri = Routes.PLAN, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> plan(HttpRequest<?> request) {
        PlanPages.Outcome outcome = pages.plan(PlanForm.fromOrDefaults(request.getParameters()));
        if (outcome instanceof PlanPages.Refused refused) {
            return HttpResponse.status(HttpStatus.valueOf(refused.status())).body(new ModelAndView<>("home", refused.page()));
        }
        // the kept page's HTML with this browser's token: no rendering per request
        return HttpResponse.ok(((PlanPages.Shown) outcome).html().with(CsrfTokens.of(request))).contentType(HTML);
    }

    @Get(uri = Routes.CHART)
    public HttpResponse<byte[]> chart(@PathVariable String file, HttpRequest<?> request) {
        var chart = ChartFile.parse(file);
        var kind = chart.flatMap(c -> Charts.Kind.ofFile(c.name()));
        if (kind.isEmpty()) {
            return HttpResponse.notFound();
        }
        PlanForm form = PlanForm.fromOrDefaults(request.getParameters());
        return chartCache.get(file, form, () -> {
            PlanPages.Evaluated e = pages.evaluate(form);
            return charts.render(switch (kind.get()) {
                case MEMORY -> charts.memory(e.response());
                case KV_GROWTH -> charts.kvGrowth(e.response(), pages.kvGrowth(e));
                case CONCURRENCY -> charts.concurrency(pages.concurrencySweep(e), e.response().memory().maxConcurrentRequests());
                case RATES -> charts.rates(pages.rateSweep(e));
            }, chart.get().format());
        }).answer(request, chart.get().mediaType());
    }

    /** The PDF report, drawn once per plan inputs and catalog version and kept with the charts ({@link ChartCache}). */
    @Get(uri = Routes.REPORT_PDF, produces = "application/pdf")
    public HttpResponse<byte[]> reportPdf(HttpRequest<?> request) {
        PlanForm form = PlanForm.fromOrDefaults(request.getParameters());
        PlanPages.Evaluated e = pages.evaluate(form); // a refusal is answered as before, and never kept
        return chartCache.get("report/report.pdf", form, () -> pdf.render(e)).answer(request, PDF)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(e) + ".pdf\"");
    }

    /** The XLSX workbook, kept like the PDF. */
    @Get(uri = Routes.REPORT_XLSX)
    public HttpResponse<byte[]> reportXlsx(HttpRequest<?> request) {
        PlanForm form = PlanForm.fromOrDefaults(request.getParameters());
        PlanPages.Evaluated e = pages.evaluate(form);
        return chartCache.get("report/report.xlsx", form, () -> xlsx.render(e)).answer(request, XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(e) + ".xlsx\"");
    }

    private static String fileName(PlanPages.Evaluated e) {
        return ("inferplan-" + e.response().plan().model() + "-" + e.response().plan().acceleratorCount() + "x"
                + e.response().plan().accelerator()).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
