package io.inferplan.web.plan;

import io.inferplan.plan.technique.TechniquesBlock;
import jakarta.inject.Singleton;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.List;
import java.util.function.Function;

/** The serving techniques' charts, in the result page's style ({@link Charts}): one per technique. */
@Singleton
public class TechniqueCharts {

    /** The charts, by file name without extension. */
    public static final List<String> FILES = List.of("speculative", "lora", "disaggregation");

    /** The chart of one technique (a placeholder saying so when the plan has no such block). */
    public XYChart of(String file, TechniquesBlock b) {
        return switch (file) {
            case "speculative" -> speculative(b == null ? null : b.speculative());
            case "lora" -> lora(b == null ? null : b.lora());
            case "disaggregation" -> poolSizes(b == null || b.disaggregation() == null ? null
                    : b.disaggregation().poolSizesByTraffic(), "Instances each pool needs to stay below capacity");
            default -> throw new IllegalArgumentException("no technique chart " + file + "; valid: " + FILES);
        };
    }

    /** Mean TPOT (left axis) and output tokens/s (right axis) with and without speculation against concurrency. */
    public XYChart speculative(TechniquesBlock.Speculative s) {
        XYChart c = Charts.xy("TPOT and throughput with and without speculative decoding", "Concurrent requests",
                "Mean TPOT (ms)");
        if (s == null || s.curve().isEmpty()) {
            return Charts.placeholder(c, "Speculative decoding: no curve for this plan", 1);
        }
        twoAxesOverLogX(c, "Mean TPOT (ms)", "Output tokens/s");
        List<TechniquesBlock.SpeculativePoint> p = s.curve();
        double[] x = p.stream().mapToDouble(TechniquesBlock.SpeculativePoint::concurrency).toArray();
        Charts.line(c.addSeries("TPOT with", x, values(p, TechniquesBlock.SpeculativePoint::tpotMsWith)),
                new Color(0xd62728), SeriesMarkers.CIRCLE, 0);
        Charts.line(c.addSeries("TPOT without", x, values(p, TechniquesBlock.SpeculativePoint::tpotMsWithout)),
                new Color(0xff9896), SeriesMarkers.SQUARE, 0);
        Charts.line(c.addSeries("Tokens/s with", x, values(p, TechniquesBlock.SpeculativePoint::outputTokensPerSecondWith)),
                new Color(0x1f77b4), SeriesMarkers.DIAMOND, 1);
        Charts.line(c.addSeries("Tokens/s without", x,
                values(p, TechniquesBlock.SpeculativePoint::outputTokensPerSecondWithout)), new Color(0xaec7e8),
                SeriesMarkers.TRIANGLE_UP, 1);
        if (s.breakEvenConcurrency() != null) {
            c.setTitle("With and without speculative decoding (stops paying at " + s.breakEvenConcurrency()
                    + " concurrent requests)");
        }
        return c;
    }

    /** Output tokens/s (left) and mean TTFT (right) as the adapters in use grow. */
    public XYChart lora(TechniquesBlock.Lora l) {
        XYChart c = Charts.xy("Throughput with N LoRA adapters in use", "Adapters in use", "Output tokens/s");
        if (l == null || l.curve().isEmpty()) {
            return Charts.placeholder(c, "LoRA: no curve for this plan", 1);
        }
        twoAxesOverLogX(c, "Output tokens/s", "Mean TTFT (ms)");
        double[] x = l.curve().stream().mapToDouble(TechniquesBlock.LoraPoint::activeAdapters).toArray();
        Charts.line(c.addSeries("Output tokens/s", x, values(l.curve(), TechniquesBlock.LoraPoint::outputTokensPerSecond)),
                new Color(0x1f77b4), SeriesMarkers.CIRCLE, 0);
        Charts.line(c.addSeries("TTFT (ms)", x, values(l.curve(), TechniquesBlock.LoraPoint::ttftMs)),
                new Color(0xd62728), SeriesMarkers.SQUARE, 1);
        if (l.outputTokensPerSecondWithout() != null) {
            Charts.line(c.addSeries("Without adapters", new double[] {x[0], x[x.length - 1]},
                    new double[] {l.outputTokensPerSecondWithout(), l.outputTokensPerSecondWithout()}),
                    new Color(0x7f7f7f), SeriesMarkers.NONE, 0);
        }
        return c;
    }

    /** Prefill and decode instances (and colocated replicas where known) against the request rate. */
    public XYChart poolSizes(List<TechniquesBlock.PoolSizes> sizes, String title) {
        XYChart c = Charts.xy(title, "Requests per second", "Instances");
        if (sizes == null || sizes.isEmpty()) {
            return Charts.placeholder(c, "Disaggregation: no pool sizes for this plan", 1);
        }
        legend(c);
        double[] x = sizes.stream().mapToDouble(TechniquesBlock.PoolSizes::requestsPerSecond).toArray();
        var prefill = c.addSeries("Prefill instances", x, sizes.stream()
                .mapToDouble(TechniquesBlock.PoolSizes::prefillInstances).toArray());
        Charts.line(prefill, new Color(0x98df8a), SeriesMarkers.CIRCLE, 0);
        prefill.setLineWidth(6f); // wide and light, so that a decode line on top of it stays visible
        Charts.line(c.addSeries("Decode instances", x, sizes.stream().mapToDouble(TechniquesBlock.PoolSizes::decodeInstances)
                .toArray()), new Color(0x9467bd), SeriesMarkers.SQUARE, 0);
        if (sizes.stream().allMatch(s -> s.colocatedReplicas() != null)) {
            Charts.line(c.addSeries("Colocated replicas", x, sizes.stream().mapToDouble(s -> s.colocatedReplicas())
                    .toArray()), new Color(0x7f7f7f), SeriesMarkers.DIAMOND, 0);
        }
        return c;
    }

    private static void twoAxesOverLogX(XYChart c, String left, String right) {
        legend(c);
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.setYAxisGroupTitle(0, left);
        c.setYAxisGroupTitle(1, right);
    }

    private static void legend(XYChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    private static <T> double[] values(List<T> points, Function<T, Double> f) {
        return points.stream().mapToDouble(p -> f.apply(p) == null ? Double.NaN : f.apply(p)).toArray();
    }
}
