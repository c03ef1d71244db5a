package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.SpeedModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Leave-one-publisher-out cross-validation: for every publisher (harness family: pages from one harness share its
 * client, warm-up and length distribution), fit on all other publishers and predict that publisher's rows. Errors
 * are never computed on rows used in the fit.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** One held-out prediction. {@code calibratedPair}: the fold's fit had rows of this framework × hardware. */
    public record Outcome(MeasurementCase c, double predicted, boolean calibratedPair) {
        public double absolutePercentError() {
            return Double.isFinite(predicted) && predicted > 0
                    ? Math.abs(predicted - c.measured()) / c.measured() * 100 : Double.NaN;
        }

        /** ln(measured ÷ predicted): the factor a band must cover. */
        public double logRatio() {
            return Math.log(c.measured() / predicted);
        }
    }

    public static List<Outcome> leaveOnePublisherOut(List<MeasurementCase> cases, int maxIterations) {
        return leaveOnePublisherOut(cases, maxIterations, EfficiencyFitter.Search.DEFAULT);
    }

    /** As above, each fold searched with {@code search}'s tolerance (from the priors: its start is not used). */
    public static List<Outcome> leaveOnePublisherOut(List<MeasurementCase> cases, int maxIterations,
                                                     EfficiencyFitter.Search search) {
        EfficiencyFitter.Search fromPriors = new EfficiencyFitter.Search(search.tolerance(), null);
        Map<String, List<MeasurementCase>> bySource = cases.stream()
                .collect(Collectors.groupingBy(MeasurementCase::publisher, LinkedHashMap::new, Collectors.toList()));
        return bySource.keySet().parallelStream().flatMap(src -> {
            List<MeasurementCase> train = new ArrayList<>();
            for (MeasurementCase c : cases) {
                if (!c.publisher().equals(src)) {
                    train.add(c);
                }
            }
            EfficiencyProfile p = EfficiencyFitter.fit("loso", train, "n/a", EfficiencyProfile.priors(),
                    maxIterations, fromPriors);
            List<Outcome> out = new ArrayList<>();
            for (MeasurementCase c : bySource.get(src)) {
                out.add(new Outcome(c, predict(c, p), p.calibrated(c.frameworkKey(),
                        c.input().accelerator().architecture())));
            }
            return out.stream();
        }).collect(Collectors.toList());
    }

    /** The product's prediction of a case's metric under a profile (simulated where the product simulates). */
    public static double predict(MeasurementCase c, EfficiencyProfile p) {
        var in = c.input();
        return c.predicted(SpeedModel.evaluate(in, p.resolve(c.frameworkKey(), in.accelerator().architecture(),
                FormatClass.of(in.weightFormat())), false));
    }

    /** Median and 90th percentile of absolute percentage error (NaN predictions counted separately). */
    public record Summary(int n, int noValue, double medianApe, double p90Ape) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "n=%4d  median %6.1f%%  p90 %6.1f%%%s", n, medianApe, p90Ape,
                    noValue > 0 ? "  (" + noValue + " without a value)" : "");
        }
    }

    public static Summary summarize(Collection<Outcome> outcomes) {
        double[] e = outcomes.stream().mapToDouble(Outcome::absolutePercentError).filter(Double::isFinite).sorted()
                .toArray();
        int none = outcomes.size() - e.length;
        return new Summary(e.length, none, quantile(e, 0.5), quantile(e, 0.9));
    }

    public static Map<String, Summary> by(Collection<Outcome> outcomes, Function<Outcome, String> key) {
        Map<String, List<Outcome>> g = outcomes.stream().collect(Collectors.groupingBy(key, TreeMap::new,
                Collectors.toList()));
        Map<String, Summary> out = new LinkedHashMap<>();
        g.forEach((k, v) -> out.put(k, summarize(v)));
        return out;
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * Residual bands from held-out outcomes: per metric group and calibrated/uncalibrated pair, the 10th and
     * 90th percentile of measured ÷ predicted.
     */
    public static Map<String, double[]> bands(Collection<Outcome> outcomes) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (EfficiencyProfile.MetricGroup g : EfficiencyProfile.MetricGroup.values()) {
            for (boolean cal : new boolean[] {true, false}) {
                double[] r = outcomes.stream().filter(o -> o.calibratedPair() == cal && o.c().metric().group() == g)
                        .mapToDouble(Outcome::logRatio).filter(Double::isFinite).sorted().toArray();
                if (r.length < 5) {
                    continue;
                }
                out.put((cal ? "calibrated." : "uncalibrated.") + g.name().toLowerCase(java.util.Locale.ROOT),
                        new double[] {Math.exp(Math.min(0, quantile(r, 0.1))), Math.exp(Math.max(0, quantile(r, 0.9)))});
            }
            // an uncalibrated pair is never promised a tighter range than a calibrated one
            String g0 = g.name().toLowerCase(java.util.Locale.ROOT);
            double[] c = out.get("calibrated." + g0);
            double[] u = out.get("uncalibrated." + g0);
            if (c != null) {
                out.put("uncalibrated." + g0, u == null ? new double[] {c[0] * 0.8, c[1] * 1.25}
                        : new double[] {Math.min(u[0], c[0]), Math.max(u[1], c[1])});
            }
        }
        return out;
    }

    static String fmt(double[] b) {
        return Arrays.toString(b);
    }
}
