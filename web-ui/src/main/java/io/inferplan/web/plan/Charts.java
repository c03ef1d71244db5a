package io.inferplan.web.plan;

import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.engine.memory.MemoryBreakdown;
import io.inferplan.plan.evaluate.PlanResponse;
import jakarta.inject.Singleton;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
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
        MEMORY("memory"), KV_GROWTH("kv-growth");

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
        XYChart c = new XYChartBuilder().width(760).height(380)
                .title("Concurrent requests per replica vs context length")
                .xAxisTitle("Context per request (tokens)").yAxisTitle("Requests that fit").build();
        style(c);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        if (points.isEmpty()) {
            c.setTitle("KV growth: no curve for this plan");
            c.addSeries("none", new double[] {1}, new double[] {0});
            return c;
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
