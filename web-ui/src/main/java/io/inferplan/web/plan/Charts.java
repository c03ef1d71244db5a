package io.inferplan.web.plan;

import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.engine.memory.MemoryBreakdown;
import io.inferplan.plan.day.DayResponse;
import io.inferplan.plan.evaluate.PlanResponse;
import jakarta.inject.Singleton;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Server-rendered charts of a plan (SVG for pages, PNG for the PDF), so no page needs JavaScript. */
@Singleton
public class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    private static final Font FONT = new Font("DejaVu Sans", Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font("DejaVu Sans", Font.BOLD, 14);

    /** The charts a plan has, by file name without extension. */
    public enum Kind {
        MEMORY("memory"), KV_GROWTH("kv-growth"), CONCURRENCY("concurrency"), RATES("latency-vs-rate");

        private final String file;

        Kind(String file) {
            this.file = file;
        }

        public String file() {
            return file;
        }

        public static Optional<Kind> ofFile(String name) {
            for (Kind k : values()) {
                if (k.file.equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public enum Format { SVG, PNG }

    /** Memory on the most loaded accelerator, stacked by purpose, beside its capacity (GiB). */
    public CategoryChart memory(PlanResponse r) {
        MemoryBreakdown b = r.memory().breakdownPerAccelerator();
        CategoryChart c = new CategoryChartBuilder().width(760).height(380)
                .title("Memory per accelerator (" + r.plan().accelerator() + ", GiB)")
                .xAxisTitle("").yAxisTitle("GiB").build();
        style(c);
        c.getStyler().setStacked(true);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        List<String> cats = List.of("In use", "Capacity");
        add(c, cats, "Weights", b.weightsBytes() / BYTES_PER_GIB, 0, new Color(0x1f77b4));
        add(c, cats, "KV cache", b.kvCacheBytes() / BYTES_PER_GIB, 0, new Color(0xff7f0e));
        add(c, cats, "Activations", b.activationBytes() / BYTES_PER_GIB, 0, new Color(0x2ca02c));
        add(c, cats, "CUDA graphs", b.cudaGraphBytes() / BYTES_PER_GIB, 0, new Color(0x9467bd));
        add(c, cats, "CUDA context", b.cudaContextBytes() / BYTES_PER_GIB, 0, new Color(0x8c564b));
        add(c, cats, "Reserved, unused", b.reservedUnusedBytes() / BYTES_PER_GIB, 0, new Color(0xc7c7c7));
        add(c, cats, "Capacity", 0, r.memory().capacityGiBPerAccelerator(), new Color(0x7f7f7f));
        return c;
    }

    /** Requests that fit one replica's KV budget as the context grows: naive reservation vs paged vs shared prefix. */
    public XYChart kvGrowth(PlanResponse r, List<KvGrowthPoint> points) {
        XYChart c = xy("Concurrent requests per replica vs context length", "Context per request (tokens)",
                "Requests that fit");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (points.isEmpty()) {
            return placeholder(c, "KV growth: no curve for this plan", 1);
        }
        c.getStyler().setXAxisLogarithmic(true);
        double[] x = points.stream().mapToDouble(KvGrowthPoint::contextTokens).toArray();
        c.addSeries("Naive (max context reserved)", x,
                points.stream().mapToDouble(p -> p.concurrency().naiveRequests()).toArray()).setMarker(SeriesMarkers.NONE);
        c.addSeries("Paged KV", x,
                points.stream().mapToDouble(p -> p.concurrency().pagedRequests()).toArray()).setMarker(SeriesMarkers.NONE);
        c.addSeries("Paged + shared prefix", x,
                points.stream().mapToDouble(p -> p.concurrency().sharedPrefixRequests()).toArray())
                .setMarker(SeriesMarkers.NONE);
        return c;
    }

    /**
     * Output tokens/s (left axis) and mean TTFT and TPOT (right axis, ms) of the same plan at each swept concurrency,
     * with a vertical line at the largest concurrency whose KV cache fits at once.
     */
    public XYChart concurrency(List<ResultPage.ConcurrencyPoint> points, long kvFitConcurrency) {
        XYChart c = xy("Throughput and latency vs concurrency", "Concurrent requests", "Output tokens/s (deployment)");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        if (points.isEmpty()) {
            return placeholder(c, "Throughput vs concurrency: no point could be planned", 1);
        }
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.setYAxisGroupTitle(0, "Output tokens/s (deployment)");
        c.setYAxisGroupTitle(1, "ms");
        double[] x = points.stream().mapToDouble(ResultPage.ConcurrencyPoint::concurrency).toArray();
        line(c.addSeries("Output tokens/s", x, values(points, ResultPage.ConcurrencyPoint::outputTokensPerSecond)),
                new Color(0x1f77b4), SeriesMarkers.CIRCLE, 0);
        line(c.addSeries("TTFT (ms)", x, values(points, ResultPage.ConcurrencyPoint::ttftMs)),
                new Color(0xd62728), SeriesMarkers.SQUARE, 1);
        line(c.addSeries("TPOT (ms)", x, values(points, ResultPage.ConcurrencyPoint::tpotMs)),
                new Color(0x2ca02c), SeriesMarkers.DIAMOND, 1);
        double maxX = x[x.length - 1];
        if (kvFitConcurrency >= 1 && kvFitConcurrency <= maxX) {
            double top = points.stream().map(ResultPage.ConcurrencyPoint::outputTokensPerSecond)
                    .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(1);
            line(c.addSeries("KV cache full at " + kvFitConcurrency, new double[] {kvFitConcurrency, kvFitConcurrency},
                    new double[] {0, top}), new Color(0x7f7f7f), SeriesMarkers.NONE, 0);
        } else {
            c.setTitle("Throughput and latency vs concurrency (KV cache holds " + kvFitConcurrency + " requests)");
        }
        return c;
    }

    /**
     * TTFT p50, p95, p99 (left axis, ms) and TPOT p95 (right axis, ms) of the same plan at each swept arrival rate
     * that it serves, with a dashed vertical line at the first rate the engine says exceeds capacity.
     */
    public XYChart rates(RateSweep.Sweep sweep) {
        XYChart c = xy("Latency percentiles vs request rate", "Arrival rate, whole deployment (requests/s)",
                "Time to first token (ms)");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        List<RateSweep.Point> served = sweep.points().stream().filter(RateSweep.Point::served).toList();
        if (served.isEmpty()) {
            return placeholder(c, "Latency vs request rate: no rate could be served", 1);
        }
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMin(1, 0.0);
        c.setYAxisGroupTitle(0, "Time to first token (ms)");
        c.setYAxisGroupTitle(1, "Time per output token (ms)");
        double[] x = served.stream().mapToDouble(RateSweep.Point::requestsPerSecond).toArray();
        line(c.addSeries("TTFT p50", x, values(served, RateSweep.Point::ttftP50Ms)), new Color(0xff9896),
                SeriesMarkers.CIRCLE, 0);
        line(c.addSeries("TTFT p95", x, values(served, RateSweep.Point::ttftP95Ms)), new Color(0xd62728),
                SeriesMarkers.SQUARE, 0);
        line(c.addSeries("TTFT p99", x, values(served, RateSweep.Point::ttftP99Ms)), new Color(0x8c1d1e),
                SeriesMarkers.TRIANGLE_UP, 0);
        line(c.addSeries("TPOT p95 (right axis)", x, values(served, RateSweep.Point::tpotP95Ms)),
                new Color(0x2ca02c), SeriesMarkers.DIAMOND, 1);
        RateSweep.Point over = sweep.firstExceeding();
        if (over != null) {
            double top = served.stream().map(RateSweep.Point::ttftP99Ms).filter(v -> v != null)
                    .mapToDouble(Double::doubleValue).max().orElse(1);
            XYSeries wall = c.addSeries("Exceeds capacity from " + over.requestsPerSecondText() + " req/s",
                    new double[] {over.requestsPerSecond(), over.requestsPerSecond()}, new double[] {0, top});
            line(wall, new Color(0x555555), SeriesMarkers.NONE, 0);
            wall.setLineStyle(SeriesLines.DASH_DASH);
        } else {
            c.setTitle("Latency percentiles vs request rate (capacity not reached up to "
                    + sweep.points().get(sweep.points().size() - 1).requestsPerSecondText() + " req/s)");
        }
        return c;
    }

    /** One point of a cost–latency scatter: USD per million output tokens against TPOT (ms). */
    public record CostLatency(double usdPerMillionOutputTokens, double tpotMs) {
    }

    /** Every configuration meeting the SLO (points) and the Pareto front of cost vs TPOT (line). */
    public XYChart pareto(List<CostLatency> meeting, List<CostLatency> front) {
        XYChart c = xy("Cost vs latency of the configurations meeting the SLO", "Time per output token (ms)",
                "USD per million output tokens");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (meeting.isEmpty()) {
            return placeholder(c, "No configuration meets the SLO", 0);
        }
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries all = c.addSeries("Meets the SLO", meeting.stream().mapToDouble(CostLatency::tpotMs).toArray(),
                meeting.stream().mapToDouble(CostLatency::usdPerMillionOutputTokens).toArray());
        all.setMarkerColor(new Color(0x9aa3ad));
        List<CostLatency> sorted = front.stream().sorted(java.util.Comparator.comparingDouble(CostLatency::tpotMs)).toList();
        XYSeries line = c.addSeries("Pareto front", sorted.stream().mapToDouble(CostLatency::tpotMs).toArray(),
                sorted.stream().mapToDouble(CostLatency::usdPerMillionOutputTokens).toArray());
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line(line, new Color(0xd62728), SeriesMarkers.CIRCLE, 0);
        return c;
    }

    /**
     * A day of traffic: replicas serving at each hour's end (steps, left axis) and the simulator's p95 TTFT and TPOT per
     * replica (right axes, ms), with the SLO's bounds dashed.
     */
    public XYChart day(DayResponse r) {
        XYChart c = xy("Replicas and p95 latency over the day", "Hour", "Replicas");
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        c.getStyler().setYAxisGroupPosition(2, Styler.YAxisPosition.Right);
        c.setYAxisGroupTitle(0, "Replicas");
        c.setYAxisGroupTitle(1, "TTFT p95 (ms)");
        c.setYAxisGroupTitle(2, "TPOT p95 (ms)");
        List<DayResponse.Hour> hours = r.hours();
        int n = hours.size();
        double[] edges = new double[n + 1];
        double[] replicas = new double[n + 1];
        for (int h = 0; h <= n; h++) {
            edges[h] = h;
            replicas[h] = hours.get(Math.min(h, n - 1)).replicas();
        }
        XYSeries steps = c.addSeries("Replicas serving", edges, replicas);
        steps.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line(steps, new Color(0x1f77b4), SeriesMarkers.NONE, 0);
        double[] mid = hours.stream().mapToDouble(h -> h.hour() + 0.5).toArray();
        latency(c, "TTFT p95", mid, hours.stream().mapToDouble(h -> nan(h.ttftP95Ms())).toArray(), new Color(0xd62728),
                SeriesMarkers.SQUARE, 1);
        latency(c, "TPOT p95", mid, hours.stream().mapToDouble(h -> nan(h.tpotP95Ms())).toArray(), new Color(0x2ca02c),
                SeriesMarkers.DIAMOND, 2);
        sloLine(c, "TTFT p95 SLO", r.slo().ttftP95Ms(), n, new Color(0xd62728), 1);
        sloLine(c, "TPOT p95 SLO", r.slo().tpotP95Ms(), n, new Color(0x2ca02c), 2);
        // every axis from 0; the two latency axes end at different multiples of their top so their SLO lines part
        c.getStyler().setYAxisMin(0, 0.0);
        c.getStyler().setYAxisMax(0, Math.max(1, hours.stream().mapToInt(DayResponse.Hour::replicas).max().orElse(1)) * 1.1);
        axis(c, 1, r.slo().ttftP95Ms(), hours.stream().mapToDouble(h -> nan(h.ttftP95Ms())), 1.2);
        axis(c, 2, r.slo().tpotP95Ms(), hours.stream().mapToDouble(h -> nan(h.tpotP95Ms())), 1.6);
        return c;
    }

    /** A latency series, left out when no hour has a value (no traffic all day). */
    private static void latency(XYChart c, String name, double[] x, double[] ms, Color color,
                                org.knowm.xchart.style.markers.Marker marker, int group) {
        if (java.util.Arrays.stream(ms).anyMatch(Double::isFinite)) {
            line(c.addSeries(name, x, ms), color, marker, group);
        }
    }

    private static void sloLine(XYChart c, String name, Double bound, int hours, Color color, int group) {
        if (bound != null) {
            XYSeries s = c.addSeries(name, new double[] {0, hours}, new double[] {bound, bound});
            line(s, color, SeriesMarkers.NONE, group);
            s.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
        }
    }

    private static void axis(XYChart c, int group, Double slo, java.util.stream.DoubleStream values, double headroom) {
        double top = Math.max(slo == null ? 0 : slo, values.filter(Double::isFinite).max().orElse(1));
        c.getStyler().setYAxisMin(group, 0.0);
        c.getStyler().setYAxisMax(group, top * headroom);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** A 760 × 380 line chart in the pages' style. */
    private static XYChart xy(String title, String xAxisTitle, String yAxisTitle) {
        XYChart c = new XYChartBuilder().width(760).height(380).title(title).xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle).build();
        style(c);
        return c;
    }

    /** A chart with nothing to draw says so in its title (XChart needs one series to render). */
    private static XYChart placeholder(XYChart c, String title, double x) {
        c.setTitle(title);
        c.addSeries("none", new double[] {x}, new double[] {0});
        return c;
    }

    private static void line(XYSeries s, Color color, org.knowm.xchart.style.markers.Marker marker, int yAxisGroup) {
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(marker);
        s.setYAxisGroup(yAxisGroup);
    }

    /** One value per point; a missing value is a gap in the line. */
    private static <T> double[] values(List<T> points, java.util.function.Function<T, Double> f) {
        return points.stream().mapToDouble(p -> f.apply(p) == null ? Double.NaN : f.apply(p)).toArray();
    }

    public byte[] render(Chart<?, ?> chart, Format format) {
        try {
            if (format == Format.PNG) {
                return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(CategoryChart c, List<String> cats, String name, double inUse, double capacity, Color color) {
        c.addSeries(name, cats, List.of(inUse, capacity)).setFillColor(color);
    }

    private static void style(Chart<?, ?> c) {
        Styler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(TITLE_FONT);
        s.setLegendFont(FONT);
        s.setAntiAlias(true);
        if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
            a.setAxisTickLabelsFont(FONT);
            a.setAxisTitleFont(FONT);
        }
    }
}
