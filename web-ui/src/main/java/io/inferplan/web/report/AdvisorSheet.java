package io.inferplan.web.report;

import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.web.plan.AdvisorReasoning;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import static io.inferplan.web.report.XlsxReport.header;
import static io.inferplan.web.report.XlsxReport.row;

/** The workbook's Advisor sheet, for a plan opened from the framework advisor. */
final class AdvisorSheet {

    private AdvisorSheet() {
    }

    /**
     * The framework advisor's reasoning when the plan came from it: the questions as answered, this framework's row
     * of the score table (weight, value, score, points, source per criterion) and its reasons.
     */
    static Sheet of(XSSFWorkbook wb, CellStyle bold, AdvisorReasoning ad) {
        Sheet s = wb.createSheet("Advisor");
        AdviseResponse.Advice a = ad.row();
        header(s, bold, "item", "value", "weight", "score", "points", "source", "asOf");
        row(s, "framework", a.framework() + " (rank " + a.rank() + " of " + ad.ofRanked() + ")", null, null, a.score());
        row(s, "weightFormat", a.weightFormat() + ": " + a.formatReason());
        row(s, "quality.percentBelowSixteenBit", a.quality() == null ? null : a.quality().percentBelowSixteenBit(), null, null,
                null, a.quality() == null ? "" : a.quality().basis());
        for (AdviseResponse.Question q : ad.answer().questions()) {
            row(s, "question: " + q.question(), q.answer() + (q.assumed() ? " (assumed: " : " (read: ") + q.how() + ")");
        }
        for (AdviseResponse.Question q : ad.answer().otherInputs()) {
            row(s, "input: " + q.question(), q.answer() + (q.assumed() ? " (assumed: " : " (read: ") + q.how() + ")");
        }
        for (int i = 0; i < ad.columns().size(); i++) {
            AdvisorReasoning.Column col = ad.columns().get(i);
            AdviseResponse.Criterion c = ad.cells().get(i);
            row(s, "criterion: " + col.label(), c.value(), col.weight(), c.score(), c.points(),
                    c.sourceUrl() == null ? "engine" : c.sourceUrl(), c.asOf());
        }
        for (String why : a.reasons()) {
            row(s, "reason", why);
        }
        row(s, "method", ad.answer().method());
        return s;
    }
}
