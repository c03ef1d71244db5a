package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfile.MetricGroup;
import io.inferplan.engine.speed.EfficiencyProfile.Quantity;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.SpeedModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a refit did, on the user's own rows: each row's error before (base profile) and after (refit profile),
 * the medians, the fitted quantities that moved for each framework × hardware × format the rows cover (resolved,
 * in natural units), the uncertainty bands of the covered pairs before and after, and how the fit ended. Errors
 * here are in-sample (the rows were fitted): they show the fit moved toward the user's figures, not how well it
 * predicts others.
 */
public record RefitReport(List<RowError> rows, Double medianAbsErrorBeforePercent, Double medianAbsErrorAfterPercent,
                          List<ParameterChange> parameters, List<BandChange> bands, Fit fit) {

    /** One used row; errors are signed, (predicted − measured) ÷ measured, in percent; null where no prediction. */
    public record RowError(String id, String metric, String statistic, String mode, String concurrency,
                           String requestsPerSecond, String inputTokens, String outputTokens, double measured,
                           Double predictedBefore, Double predictedAfter, Double errorBeforePercent,
                           Double errorAfterPercent) {
    }

    /**
     * A fitted quantity for one framework × hardware class × format family, before and after, in its unit.
     *
     * @param parametersMoved the profile's stored parameters (shared value and offsets) that changed
     */
    public record ParameterChange(String quantity, String description, String unit, String framework,
                                  String hardware, String format, double before, double after,
                                  List<String> parametersMoved) {
    }

    /** The low–high factor band of one metric group for a covered pair, before and after, and why it changed. */
    public record BandChange(String framework, String hardware, String metricGroup, double beforeLow,
                             double beforeHigh, double afterLow, double afterHigh, String basis) {
    }

    /** How the fit ended. */
    public record Fit(int iterations, int rounds, long elapsedMs, long deadlineMs, boolean stoppedAtDeadline,
                      boolean converged) {
    }

    private static final double MOVED = 1e-3;

    static RefitReport of(List<MeasurementCase> cases, EfficiencyProfile before, EfficiencyProfile after,
                          DeadlineFit.Outcome outcome, DeadlineFit.Budget budget, Map<String, String> bandBasis) {
        List<RowError> rows = new ArrayList<>();
        List<Double> absBefore = new ArrayList<>();
        List<Double> absAfter = new ArrayList<>();
        for (MeasurementCase c : cases) {
            Double pb = predict(c, before);
            Double pa = predict(c, after);
            Double eb = error(pb, c.measured());
            Double ea = error(pa, c.measured());
            if (eb != null && ea != null) {
                absBefore.add(Math.abs(eb));
                absAfter.add(Math.abs(ea));
            }
            Measurement m = c.row();
            rows.add(new RowError(m.id(), m.metric(), m.statistic(), m.mode(), m.concurrency(), m.requestsPerSecond(),
                    m.inputTokens(), m.outputTokens(), c.measured(), pb, pa, eb, ea));
        }
        return new RefitReport(rows, median(absBefore), median(absAfter), changes(cases, before, after),
                bands(cases, before, after, bandBasis), new Fit(outcome.iterations(), outcome.rounds(),
                outcome.elapsedMs(), budget.deadline().toMillis(), outcome.stoppedAtDeadline(), outcome.converged()));
    }

    static Double predict(MeasurementCase c, EfficiencyProfile p) {
        var in = c.input();
        double v = c.predicted(SpeedModel.evaluate(in, p.resolve(c.frameworkKey(), in.accelerator().architecture(),
                FormatClass.of(in.weightFormat())), false));
        return Double.isFinite(v) && v > 0 ? v : null;
    }

    private static Double error(Double predicted, double measured) {
        return predicted == null ? null : (predicted - measured) / measured * 100;
    }

    private static Double median(List<Double> v) {
        if (v.isEmpty()) {
            return null;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<ParameterChange> changes(List<MeasurementCase> cases, EfficiencyProfile before,
                                                 EfficiencyProfile after) {
        Set<String> combos = new LinkedHashSet<>();
        cases.forEach(c -> combos.add(c.frameworkKey() + "\u0000" + c.hardwareKey() + "\u0000" + c.formatKey()));
        List<ParameterChange> out = new ArrayList<>();
        for (String combo : combos) {
            String[] k = combo.split("\u0000");
            for (Quantity q : Quantity.values()) {
                double b = before.value(q, k[0], k[1], k[2]);
                double a = after.value(q, k[0], k[1], k[2]);
                if (Math.abs(a / b - 1) > MOVED) {
                    List<String> moved = new ArrayList<>();
                    for (String n : q.names(k[0], k[1], k[2])) {
                        double pb = before.parameters().getOrDefault(n, 0.0);
                        double pa = after.parameters().getOrDefault(n, 0.0);
                        if (Math.abs(pa - pb) > 1e-6) {
                            moved.add(n);
                        }
                    }
                    String[] label = label(q);
                    out.add(new ParameterChange(q.key, label[0], label[1], k[0], k[1], k[2], b, a, moved));
                }
            }
        }
        return out;
    }

    private static List<BandChange> bands(List<MeasurementCase> cases, EfficiencyProfile before,
                                          EfficiencyProfile after, Map<String, String> basis) {
        Map<String, MeasurementCase> pairs = new LinkedHashMap<>();
        cases.forEach(c -> pairs.putIfAbsent(c.frameworkKey() + "|" + c.hardwareKey(), c));
        List<BandChange> out = new ArrayList<>();
        for (MeasurementCase c : pairs.values()) {
            var arch = c.input().accelerator().architecture();
            boolean wasCalibrated = before.calibrated(c.frameworkKey(), arch);
            for (MetricGroup g : MetricGroup.values()) {
                double[] b = before.band(g, wasCalibrated);
                double[] a = after.band(g, after.calibrated(c.frameworkKey(), arch));
                String why = basis.getOrDefault(c.frameworkKey() + "|" + c.hardwareKey() + "|"
                        + g.name().toLowerCase(Locale.ROOT), "");
                out.add(new BandChange(c.frameworkKey(), c.hardwareKey(), g.name().toLowerCase(Locale.ROOT), b[0], b[1],
                        a[0], a[1], why));
            }
        }
        return out;
    }

    /** A readable description and unit for each fitted quantity (see {@link io.inferplan.engine.speed.Efficiency}). */
    static String[] label(Quantity q) {
        return switch (q.key) {
            case "bw" -> new String[] {"memory bandwidth reached while decoding", "fraction of datasheet"};
            case "dc" -> new String[] {"compute reached in large decode batches", "fraction of datasheet"};
            case "pc" -> new String[] {"compute reached while prefilling", "fraction of datasheet"};
            case "step" -> new String[] {"fixed time per scheduler step", "seconds"};
            case "req" -> new String[] {"serving time per request outside the GPU kernels", "seconds"};
            case "arNv" -> new String[] {"all-reduce latency per hop over NVLink", "seconds"};
            case "arPcie" -> new String[] {"all-reduce latency per hop over PCIe", "seconds"};
            case "link" -> new String[] {"NVLink bandwidth reached in all-reduce", "fraction of datasheet"};
            case "subFlops" -> new String[] {"FLOP per byte of bandwidth where no FLOPS are published", "FLOP/byte"};
            case "interf" -> new String[] {"share of a prefill that stalls the decode batch", "fraction"};
            case "seq" -> new String[] {"CPU time per running sequence per decode step", "seconds"};
            case "linkPcie" -> new String[] {"PCIe bandwidth reached in all-reduce", "fraction of datasheet"};
            case "tail" -> new String[] {"longest ÷ mean output of a variable-length run", "factor"};
            default -> new String[] {q.name().toLowerCase(Locale.ROOT), q.fraction ? "fraction" : "natural units"};
        };
    }
}
