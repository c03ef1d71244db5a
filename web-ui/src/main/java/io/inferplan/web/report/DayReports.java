package io.inferplan.web.report;

import io.inferplan.plan.csv.Flattener;
import io.inferplan.plan.day.DayResponse;
import io.inferplan.web.plan.Charts;
import jakarta.inject.Singleton;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The day-of-traffic report: PDF (the {@code day-report} template, the replicas-and-latency chart embedded) and
 * XLSX (sheets Summary, Hours, Mix, Chart, Notes). Columns are the CSV's dotted names; numbers stay numbers.
 */
@Singleton
public class DayReports {

    private final Charts charts;
    private final TemplateEngine templates;

    public DayReports(Charts charts, TemplateEngine templates) {
        this.charts = charts;
        this.templates = templates;
    }

    /** The report's XHTML for one answer and the form's inputs it came from. */
    public String html(DayResponse r, Map<String, String> inputs) {
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariable("r", r);
        ctx.setVariable("inputs", inputs);
        ctx.setVariable("chartPng", PdfReport.png(chartPng(r)));
        ctx.setVariable("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return templates.process("day-report", ctx);
    }

    public byte[] pdf(DayResponse r, Map<String, String> inputs) {
        return PdfReport.pdf(html(r, inputs));
    }

    public byte[] xlsx(DayResponse r, Map<String, String> inputs) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = XlsxReport.bold(wb);

            Sheet summary = wb.createSheet("Summary");
            XlsxReport.header(summary, bold, "quantity", "value");
            inputs.forEach((k, v) -> XlsxReport.row(summary, "input." + k, v));
            Flattener.flatten(DayResponse.class, r).forEach((k, v) -> XlsxReport.row(summary, k, cell(v)));

            Sheet hours = wb.createSheet("Hours");
            List<String> columns = Flattener.header(DayResponse.Hour.class);
            XlsxReport.header(hours, bold, columns.toArray(String[]::new));
            for (DayResponse.Hour h : r.hours()) {
                XlsxReport.row(hours, Flattener.row(DayResponse.Hour.class, h).stream().map(DayReports::cell).toArray());
            }

            Sheet mix = wb.createSheet("Mix");
            XlsxReport.header(mix, bold, "reservedReplicas", "reservedReplicaHoursPerMonth", "onDemandReplicaHoursPerMonth",
                    "usdPerMonth", "cheapest");
            for (DayResponse.MixOption o : r.cheapestMix().options()) {
                XlsxReport.row(mix, o.reservedReplicas(), o.reservedReplicaHoursPerMonth(), o.onDemandReplicaHoursPerMonth(),
                        o.usdPerMonth(), String.valueOf(Integer.valueOf(o.reservedReplicas()).equals(r.cheapestMix().reservedReplicas())));
            }

            Sheet chart = wb.createSheet("Chart");
            int picture = wb.addPicture(chartPng(r), Workbook.PICTURE_TYPE_PNG);
            Drawing<?> drawing = chart.createDrawingPatriarch();
            ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
            anchor.setCol1(0);
            anchor.setRow1(0);
            drawing.createPicture(anchor, picture).resize();

            Sheet notes = wb.createSheet("Notes");
            XlsxReport.header(notes, bold, "kind", "text");
            r.assumptions().forEach(a -> XlsxReport.row(notes, "assumption", a));
            r.warnings().forEach(w -> XlsxReport.row(notes, "warning", w));
            for (Sheet s : List.of(summary, mix, notes)) {
                s.setColumnWidth(0, 44 * 256);
                s.setColumnWidth(1, 60 * 256);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private byte[] chartPng(DayResponse r) {
        return charts.render(charts.day(r), Charts.Format.PNG);
    }

    /** A flattened cell as a number where it is one (so sheets can compute with it), else its text. */
    private static Object cell(String v) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
