package io.inferplan.web.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.slf4j.Slf4jLogger;
import com.openhtmltopdf.util.XRLog;
import io.inferplan.web.plan.Charts;
import io.inferplan.web.plan.PlanPages;
import io.inferplan.web.plan.ResultPage;
import io.inferplan.web.plan.TechniqueCharts;
import io.micronaut.core.beans.BeanMap;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The procurement sizing report as PDF: the {@code report} Thymeleaf template (well-formed XHTML, the same
 * quantity fragments as the pages) laid out by openhtmltopdf with the bundled DejaVu fonts.
 */
@Singleton
public class PdfReport {

    static {
        XRLog.setLoggerImpl(new Slf4jLogger());
    }

    private final PlanPages pages;
    private final Charts charts;
    private final TemplateEngine templates;
    private final TechniqueCharts techniqueCharts;

    public PdfReport(PlanPages pages, Charts charts, TemplateEngine templates, TechniqueCharts techniqueCharts) {
        this.pages = pages;
        this.charts = charts;
        this.techniqueCharts = techniqueCharts;
        this.templates = templates;
    }

    /** The report's XHTML, charts embedded as PNG data URIs. */
    public String html(PlanPages.Evaluated e) {
        ResultPage plain = pages.result(e);
        ResultPage page = plain.withCharts(
                png(charts.render(charts.memory(e.response()), Charts.Format.PNG)),
                png(charts.render(charts.kvGrowth(e.response(), pages.kvGrowth(e)), Charts.Format.PNG)),
                png(charts.render(charts.concurrency(plain.concurrencySweep(), plain.kvFitConcurrency()), Charts.Format.PNG)),
                png(charts.render(charts.rates(plain.rateSweep()), Charts.Format.PNG)));
        if (page.techniques() != null) {
            page = page.withTechniqueChart(png(charts.render(techniqueCharts.of(page.techniques().chartFile(),
                    page.techniques().block()), Charts.Format.PNG)));
        }
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariables(BeanMap.of(page));
        return templates.process("report", ctx);
    }

    public byte[] render(PlanPages.Evaluated e) {
        return pdf(html(e));
    }

    /** Any report template's XHTML laid out as PDF with the bundled fonts. */
    static byte[] pdf(String html) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            font(b, "DejaVuSans.ttf", 400);
            font(b, "DejaVuSans-Bold.ttf", 700);
            b.withHtmlContent(html, null);
            b.toStream(out);
            b.run();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The bundled fonts' files, read once (1.4 MB): a report parses them, but no longer inflates them from the jar. */
    private static final Map<String, byte[]> FONTS = new ConcurrentHashMap<>();

    private static void font(PdfRendererBuilder b, String file, int weight) {
        byte[] bytes = FONTS.computeIfAbsent(file, f -> {
            try (InputStream in = PdfReport.class.getResourceAsStream("/fonts/" + f)) {
                return in.readAllBytes();
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        b.useFont(() -> new ByteArrayInputStream(bytes), "DejaVu Sans", weight, BaseRendererBuilder.FontStyle.NORMAL, true);
    }

    static String png(byte[] bytes) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
