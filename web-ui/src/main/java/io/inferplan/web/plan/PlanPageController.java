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

    private static final MediaType XLSX =
            new MediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PlanPages pages;
    private final Charts charts;
    private final PdfReport pdf;
    private final XlsxReport xlsx;

    public PlanPageController(PlanPages pages, Charts charts, PdfReport pdf, XlsxReport xlsx) {
        this.pages = pages;
        this.charts = charts;
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
        return HttpResponse.ok(new ModelAndView<>("plan", ((PlanPages.Shown) outcome).page()
                .withCsrfToken(CsrfTokens.of(request))));
    }

    @Get(uri = Routes.CHART)
    public HttpResponse<byte[]> chart(@PathVariable String file, HttpRequest<?> request) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1);
        Charts.Format format = "png".equals(ext) ? Charts.Format.PNG : "svg".equals(ext) ? Charts.Format.SVG : null;
        var kind = Charts.Kind.ofFile(dot < 0 ? file : file.substring(0, dot));
        if (format == null || kind.isEmpty()) {
            return HttpResponse.notFound();
        }
        PlanPages.Evaluated e = pages.evaluate(PlanForm.fromOrDefaults(request.getParameters()));
        byte[] bytes = charts.render(switch (kind.get()) {
            case MEMORY -> charts.memory(e.response());
            case KV_GROWTH -> charts.kvGrowth(e.response(), pages.kvGrowth(e));
            case CONCURRENCY -> charts.concurrency(pages.concurrencySweep(e), e.response().memory().maxConcurrentRequests());
            case RATES -> charts.rates(pages.rateSweep(e));
        }, format);
        return HttpResponse.ok(bytes).contentType(format == Charts.Format.PNG ? MediaType.IMAGE_PNG_TYPE
                : new MediaType("image/svg+xml"));
    }

    @Get(uri = Routes.REPORT_PDF, produces = "application/pdf")
    public HttpResponse<byte[]> reportPdf(HttpRequest<?> request) {
        PlanPages.Evaluated e = pages.evaluate(PlanForm.fromOrDefaults(request.getParameters()));
        return HttpResponse.ok(pdf.render(e)).header("Content-Disposition", "attachment; filename=\"" + fileName(e) + ".pdf\"");
    }

    @Get(uri = Routes.REPORT_XLSX)
    public HttpResponse<byte[]> reportXlsx(HttpRequest<?> request) {
        PlanPages.Evaluated e = pages.evaluate(PlanForm.fromOrDefaults(request.getParameters()));
        return HttpResponse.ok(xlsx.render(e)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(e) + ".xlsx\"");
    }

    private static String fileName(PlanPages.Evaluated e) {
        return ("inferplan-" + e.response().plan().model() + "-" + e.response().plan().acceleratorCount() + "x"
                + e.response().plan().accelerator()).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
