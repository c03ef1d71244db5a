package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.web.common.Nav;
import io.micronaut.core.annotation.Introspected;

import java.util.List;

/** The result page ({@code /plan?…}); the PDF report renders the same record. */
@Introspected
public record ResultPage(
        Nav nav,
        String title,
        PlanForm form,
        PlanResponse result,
        Links links,
        List<FrameworkComparison> frameworks,
        List<Source> sources,
        BillOfMaterials bom,
        String generatedAt,
        String chartMemoryPng,
        String chartKvPng) {

    /** Permalinks of this plan. */
    public record Links(String self, String edit, String memoryChart, String kvGrowthChart, String pdf, String xlsx) {
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

    public ResultPage withCharts(String memoryPngDataUri, String kvPngDataUri) {
        return new ResultPage(nav, title, form, result, links, frameworks, sources, bom, generatedAt, memoryPngDataUri,
                kvPngDataUri);
    }
}
