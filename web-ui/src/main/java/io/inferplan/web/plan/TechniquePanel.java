package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.technique.TechniquesBlock;
import io.inferplan.web.common.Routes;

import java.util.List;
import java.util.Map;

/**
 * The result page's serving-technique section: the answer's {@code techniques} block, its chart's link (SVG for the
 * page) or embedded PNG (the PDF), and the note that the page's sweeps leave the technique out.
 *
 * @param chart    the chart's link, or its PNG data URI in the PDF
 * @param chartAlt what the chart shows, for screen readers
 */
public record TechniquePanel(TechniquesBlock block, String title, String chart, String chartAlt, String note) {

    /** The panel of an answer, or null when the plan asked for no technique. */
    static TechniquePanel of(PlanResponse r, Map<String, String> query) {
        TechniquesBlock b = r.techniques();
        if (b == null) {
            return null;
        }
        String note = "The concurrency and rate sweeps and the framework table below show this plan without the "
                + "technique; the table here compares the two.";
        if (b.speculative() != null) {
            return new TechniquePanel(b, "Speculative decoding", Routes.techniqueChart("speculative.svg", query),
                    "Line chart: mean time per output token and output tokens per second with and without speculative "
                            + "decoding against the number of concurrent requests", note);
        }
        if (b.lora() != null) {
            return new TechniquePanel(b, "LoRA adapters", Routes.techniqueChart("lora.svg", query),
                    "Line chart: output tokens per second and mean time to first token against the number of LoRA "
                            + "adapters in use", note);
        }
        return new TechniquePanel(b, "Prefill/decode disaggregation", Routes.techniqueChart("disaggregation.svg", query),
                "Line chart: prefill and decode instances needed to stay below capacity against the request rate", note);
    }

    /** A pool of the disaggregated deployment, named for its table row. */
    public record PoolRow(String id, String name, TechniquesBlock.Pool pool) {
    }

    /** The prefill and decode pools (empty without disaggregation). */
    public List<PoolRow> pools() {
        var d = block.disaggregation();
        return d == null ? List.of() : List.of(new PoolRow("pool-prefill", "Prefill", d.prefill()),
                new PoolRow("pool-decode", "Decode", d.decode()));
    }

    /** Whether the chart is embedded (the PDF, where the page's CSS sizes it) rather than linked. */
    public boolean embedded() {
        return chart.startsWith("data:");
    }

    /** The same panel with its chart embedded (PDF). */
    public TechniquePanel withChart(String pngDataUri) {
        return new TechniquePanel(block, title, pngDataUri, chartAlt, note);
    }

    /** The chart file (without extension) of this panel's technique. */
    public String chartFile() {
        return block.speculative() != null ? "speculative" : block.lora() != null ? "lora" : "disaggregation";
    }
}
