package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.web.common.Nav;
import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * The result page ({@code /plan?…}); the PDF report renders the same record.
 *
 * @param latency the answer's latency distribution (null when the plan has no speed answer)
 */
@Introspected
public record ResultPage(
        Nav nav,
        String title,
        PlanForm form,
        PlanResponse result,
        LatencyTable latency,
        Links links,
        List<FrameworkComparison> frameworks,
        List<Source> sources,
        BillOfMaterials bom,
        String generatedAt,
        List<ConcurrencyPoint> concurrencySweep,
        long kvFitConcurrency,
        RateSweep.Sweep rateSweep,
        SaveForm saveForm,
        String chartMemoryPng,
        String chartKvPng,
        String chartConcurrencyPng,
        String chartRatePng) {

    /** Permalinks of this plan. */
    public record Links(String self, String edit, String memoryChart, String kvGrowthChart, String concurrencyChart,
                        String rateChart, String pdf, String xlsx) {
    }

    /**
     * The same plan at one fixed concurrency (the throughput and latency vs concurrency chart and its table).
     *
     * @param fitsInKv the concurrency is at most the requests whose KV cache fits at once
     */
    public record ConcurrencyPoint(int concurrency, Double outputTokensPerSecond, Double ttftMs, Double tpotMs,
                                   boolean fitsInKv) {
    }

    /**
     * The "Save this plan" form: it POSTs the plan's fields as hidden inputs with the CSRF token.
     *
     * @param csrfToken empty in the PDF report, which has no form
     */
    public record SaveForm(String action, String csrfField, String csrfToken, List<Hidden> hidden, String notes) {
    }

    public record Hidden(String name, String value) {
    }

    /** Where one catalog number came from. */
    public record Source(String catalog, String id, String label, String sourceUrl, String asOf) {
    }

    /**
     * The same model and hardware under another framework: its numbers, or why it cannot run.
     *
     * @param reason the refusal (422/400 detail) when {@code ok} is false
     */
    public record FrameworkComparison(String id, String name, boolean ok, boolean current, Boolean fits,
                                      Long maxConcurrentRequests, Double totalGiBPerAccelerator,
                                      Double outputTokensPerSecond, Double ttftMs, Double tpotMs,
                                      String reason, String href) {
    }

    public ResultPage withCharts(String memoryPngDataUri, String kvPngDataUri, String concurrencyPngDataUri,
                                 String ratePngDataUri) {
        return new ResultPage(nav, title, form, result, latency, links, frameworks, sources, bom, generatedAt, concurrencySweep,
                kvFitConcurrency, rateSweep, saveForm, memoryPngDataUri, kvPngDataUri, concurrencyPngDataUri,
                ratePngDataUri);
    }

    /** The page with the save form carrying this browser's CSRF token. */
    public ResultPage withCsrfToken(String token) {
        SaveForm f = new SaveForm(saveForm.action(), saveForm.csrfField(), token, saveForm.hidden(), saveForm.notes());
        return new ResultPage(nav, title, form, result, latency, links, frameworks, sources, bom, generatedAt, concurrencySweep,
                kvFitConcurrency, rateSweep, f, chartMemoryPng, chartKvPng, chartConcurrencyPng, chartRatePng);
    }
}
