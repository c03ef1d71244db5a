package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfile.Quantity;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.SpeedModel;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits efficiency parameters on measurement cases with commons-math3 Levenberg–Marquardt on log errors:
 * residual_i = w_i × ln(predicted_i ÷ measured_i), w_i ∝ (rows of the case's publisher)^(−1/4), so a publisher's
 * total weight grows with the square root of its size and no single one dominates. Shrinkage: every
 * per-framework / per-hardware / per-format offset adds a pseudo-residual offset ÷ σ_level (a Gaussian prior at 0
 * = the shared value), pairs shrink harder; globals get a weak prior at the engine's starting values.
 *
 * <p>The product answers rows under load with the simulator, which is too slow to differentiate hundreds of
 * times. The fit therefore works on the analytic path plus a per-row correction (output space mapping): predicted_i
 * = analytic_i(θ) × exp(δ_i), with δ_i = ln(product_i ÷ analytic_i) measured at the current θ; the LM solve and the
 * δ update alternate {@link #OUTER_ROUNDS} times, so at the end the residuals are those of the product's own
 * predictions. The Jacobian is by forward differences per fitted quantity: every level of a quantity enters a case
 * only through their sum, so one perturbation per quantity gives the derivative for all its levels.
 */
public final class EfficiencyFitter {
    static final double SIGMA_GLOBAL = 3.0;
    static final double SIGMA_LEVEL = 0.8;
    static final double SIGMA_PAIR = 0.4;
    /** Residual given to a case whose prediction has no value at the current parameters (e.g. beyond capacity). */
    static final double NO_VALUE_RESIDUAL = 2.5;
    static final double STEP = 1e-4;
    /**
     * Robust loss scale in log units: residuals enter as c × asinh(r / c), quadratic below c and growing like a
     * logarithm above, so a few rows the model cannot represent (queues beyond capacity) do not steer the fit.
     */
    static final double ROBUST_SCALE = 0.4;
    /** LM solves alternated with the simulator's row corrections. */
    static final int OUTER_ROUNDS = 3;

    private final List<MeasurementCase> cases;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final int[][][] caseParams;
    private final double[] weights;
    private final double[] logMeasured;
    /** ln(product ÷ analytic) per case at the last outer round (0 where the product is analytic). */
    private final double[] delta;
    private final double[] priorZ;
    private final double[] sigma;
    private final int[] maxIterations = {200};
    private Search search = Search.DEFAULT;
    static volatile int lastIterations;
    /**
     * √Σ residual² (rows and priors) at the end of the last solve in this JVM: the norm the fit minimises. Read it
     * right after a fit; concurrent fits (the held-out folds) overwrite it.
     */
    public static volatile double lastCost;
    static volatile long modelNanos;
    static volatile int lastParameterCount;
    static volatile int lastEvaluations;

    private EfficiencyFitter(List<MeasurementCase> cases, EfficiencyProfile prior) {
        this.cases = cases;
        Quantity[] qs = Quantity.values();
        caseParams = new int[cases.size()][qs.length][];
        weights = new double[cases.size()];
        logMeasured = new double[cases.size()];
        delta = new double[cases.size()];
        Map<String, Integer> perSource = new HashMap<>();
        for (MeasurementCase c : cases) {
            perSource.merge(c.publisher(), 1, Integer::sum);
        }
        for (int i = 0; i < cases.size(); i++) {
            MeasurementCase c = cases.get(i);
            for (Quantity q : qs) {
                String[] names = q.names(c.frameworkKey(), c.hardwareKey(), c.formatKey());
                int[] ix = new int[names.length];
                for (int k = 0; k < names.length; k++) {
                    Integer j = index.get(names[k]);
                    if (j == null) {
                        j = index.size();
                        index.put(names[k], j);
                    }
                    ix[k] = j;
                }
                caseParams[i][q.ordinal()] = ix;
            }
            // a source's total weight grows with the square root of its rows: a 300-row source counts more than
            // a 5-row one, but not 60 times more; normalised so the mean squared weight is 1
            weights[i] = Math.pow(perSource.get(c.publisher()), -0.25);
            logMeasured[i] = Math.log(c.measured());
        }
        double meanSq = 0;
        for (double w : weights) {
            meanSq += w * w / weights.length;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= Math.sqrt(meanSq);
        }
        priorZ = new double[index.size()];
        sigma = new double[index.size()];
        for (Map.Entry<String, Integer> en : index.entrySet()) {
            String n = en.getKey();
            int j = en.getValue();
            Double base = prior.parameters().get(n);
            if (n.endsWith(".global")) {
                Quantity q = quantityOf(n);
                priorZ[j] = base != null ? base : q.fromNatural(q.prior);
                sigma[j] = prior.rowIds().isEmpty() || base == null ? SIGMA_GLOBAL : SIGMA_LEVEL;
            } else {
                priorZ[j] = base != null ? base : 0;
                sigma[j] = n.contains(".pair.") ? SIGMA_PAIR : SIGMA_LEVEL;
            }
        }
    }

    private static Quantity quantityOf(String name) {
        String key = name.substring(0, name.indexOf('.'));
        for (Quantity q : Quantity.values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        throw new IllegalArgumentException("unknown quantity in parameter " + name);
    }

    /**
     * How the search runs: the relative tolerance of Levenberg–Marquardt's cost and parameter tests and of the
     * iteration checker's cost change, and the point it starts from (null: the prior). The shipped fit uses
     * {@link #DEFAULT}. Experiments with a tighter tolerance or another start show whether the answer is the
     * search's stopping point rather than the loss's minimum (README, Published comparisons).
     */
    public record Search(double tolerance, EfficiencyProfile start) {
        public static final Search DEFAULT = new Search(1e-4, null);
    }

    /** Fits a named profile on the cases. */
    public static EfficiencyProfile fit(String name, List<MeasurementCase> cases, String fittedOn) {
        return fit(name, cases, fittedOn, EfficiencyProfile.priors(), 200);
    }

    /**
     * Fits with shrinkage toward {@code prior}: {@link EfficiencyProfile#priors()} for the shipped fit, a fitted
     * profile when recalibrating on a few user rows (thin data then moves the shipped values only a little).
     * Parameters the rows do not touch keep the prior's values.
     */
    public static EfficiencyProfile fit(String name, List<MeasurementCase> cases, String fittedOn,
                                        EfficiencyProfile prior, int maxIterations) {
        return fit(name, cases, fittedOn, prior, maxIterations, Search.DEFAULT);
    }

    /** As above with another search (tolerance, starting point). */
    public static EfficiencyProfile fit(String name, List<MeasurementCase> cases, String fittedOn,
                                        EfficiencyProfile prior, int maxIterations, Search search) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("cases: need at least one measurement to fit");
        }
        EfficiencyFitter f = new EfficiencyFitter(cases, prior);
        f.maxIterations[0] = maxIterations;
        f.search = search;
        double[] z = f.solve(f.start(search.start() != null ? search.start() : prior));
        for (int round = 1; round < OUTER_ROUNDS && f.anySimulated(); round++) {
            f.updateCorrections(z);
            z = f.solve(z);
        }
        Map<String, Double> params = new LinkedHashMap<>(prior.parameters());
        for (Map.Entry<String, Integer> en : f.index.entrySet()) {
            params.put(en.getKey(), z[en.getValue()]);
        }
        Map<String, Integer> counts = new LinkedHashMap<>(prior.rowCounts());
        List<String> ids = new ArrayList<>(prior.rowIds());
        for (MeasurementCase c : cases) {
            ids.add(c.row().id());
            counts.merge("fw." + c.frameworkKey(), 1, Integer::sum);
            counts.merge("hw." + c.hardwareKey(), 1, Integer::sum);
            counts.merge("fmt." + c.formatKey(), 1, Integer::sum);
            counts.merge("pair." + c.frameworkKey() + "|" + c.hardwareKey(), 1, Integer::sum);
        }
        return new EfficiencyProfile(name, fittedOn, ids, params, counts, Map.of());
    }

    /**
     * Developer aid: which cases hold one parameter where it is. Per case, d(½ ρ_i²)/dθ of the fit's loss at
     * {@code profile} (the same publisher weights and robust residuals, on the product's own predictions), by a
     * forward difference of {@code step} in transformed space. Positive: the case wants θ smaller. The large pulls
     * of either sign are the rows the value is a compromise between. NaN where the case has no value.
     */
    public static double[] pulls(List<MeasurementCase> cases, EfficiencyProfile profile, String parameter, double step) {
        EfficiencyFitter f = new EfficiencyFitter(cases, profile);
        Map<String, Double> moved = new LinkedHashMap<>(profile.parameters());
        moved.merge(parameter, step, Double::sum);
        EfficiencyProfile bumped = new EfficiencyProfile(profile.name(), profile.fittedOn(), profile.rowIds(), moved,
                profile.rowCounts(), profile.bands());
        double[] out = new double[cases.size()];
        java.util.stream.IntStream.range(0, cases.size()).parallel().forEach(i -> {
            double a = f.robust(i, CrossValidation.predict(cases.get(i), profile));
            double b = f.robust(i, CrossValidation.predict(cases.get(i), bumped));
            out[i] = (b * b - a * a) / 2 / step;
        });
        return out;
    }

    /** The weighted robust residual of case i for a predicted value (as {@link #residual} without the δ mapping). */
    private double robust(int i, double predicted) {
        if (!(predicted > 0) || Double.isInfinite(predicted)) {
            return Double.NaN;
        }
        return weightedRobust(i, Math.log(predicted) - logMeasured[i]);
    }

    /** Case i's weight × the robust loss's residual for a log error r. */
    private double weightedRobust(int i, double r) {
        return weights[i] * ROBUST_SCALE * asinh(r / ROBUST_SCALE);
    }

    private double[] start(EfficiencyProfile start) {
        double[] z0 = new double[index.size()];
        for (Map.Entry<String, Integer> en : index.entrySet()) {
            Double v = start.parameters().get(en.getKey());
            z0[en.getValue()] = v != null ? v : priorZ[en.getValue()];
        }
        return z0;
    }

    private boolean anySimulated() {
        for (MeasurementCase c : cases) {
            if (c.simulated()) {
                return true;
            }
        }
        return false;
    }

    /** δ_i = ln(product_i ÷ analytic_i) at θ = z for the rows the product simulates (in parallel: each is independent). */
    private void updateCorrections(double[] z) {
        java.util.stream.IntStream.range(0, cases.size()).parallel().forEach(i -> {
            MeasurementCase c = cases.get(i);
            if (!c.simulated()) {
                return;
            }
            Efficiency e = efficiency(caseParams[i], z, -1, 0);
            double product = c.predicted(SpeedModel.evaluate(c.input(), e, false));
            double analytic = c.predicted(SpeedModel.analytic(c.input(), e, false));
            delta[i] = product > 0 && analytic > 0 && Double.isFinite(product) && Double.isFinite(analytic)
                    ? Math.log(product / analytic) : 0;
        });
    }

    private double[] solve(double[] z0) {
        int n = index.size();
        int m = cases.size();
        MultivariateJacobianFunction model = point -> {
            long t0 = System.nanoTime();
            double[] z = point.toArray();
            double[] r = new double[m + n];
            for (int i = 0; i < m; i++) {
                r[i] = residual(i, z);
            }
            for (int j = 0; j < n; j++) {
                r[m + j] = (z[j] - priorZ[j]) / sigma[j];
            }
            double[][] jac = new double[m + n][n];
            Quantity[] qs = Quantity.values();
            for (int i = 0; i < m; i++) {
                for (Quantity q : qs) {
                    double g = (residual(i, z, q.ordinal(), STEP) - r[i]) / STEP;
                    if (g != 0) {
                        for (int j : caseParams[i][q.ordinal()]) {
                            jac[i][j] = g; // every level of q enters case i only through their sum
                        }
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                jac[m + j][j] = 1.0 / sigma[j];
            }
            modelNanos += System.nanoTime() - t0;
            return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        };
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
                .withCostRelativeTolerance(search.tolerance()).withParameterRelativeTolerance(search.tolerance())
                .optimize(new LeastSquaresBuilder().start(z0).model(model).target(new double[m + n])
                        // an iteration budget that ends the search at its current point instead of failing
                        .checker((iteration, previous, current) -> iteration >= maxIterations[0]
                                || Math.abs(previous.getCost() - current.getCost())
                                <= search.tolerance() * Math.max(current.getCost(), 1e-12))
                        .maxEvaluations(100 * maxIterations[0] + 100).maxIterations(10 * maxIterations[0] + 10)
                        .build());
        RealVector p = opt.getPoint();
        lastIterations = opt.getIterations();
        lastCost = opt.getCost();
        lastParameterCount = n;
        lastEvaluations = opt.getEvaluations();
        return p.toArray();
    }

    private double residual(int i, double[] z) {
        return residual(i, z, -1, 0);
    }

    /** Residual of case i with quantity {@code bumped} (ordinal, −1 = none) moved by {@code by} in transformed space. */
    private double residual(int i, double[] z, int bumped, double by) {
        Efficiency e = efficiency(caseParams[i], z, bumped, by);
        MeasurementCase c = cases.get(i);
        double v = c.predicted(SpeedModel.analytic(c.input(), e, false));
        if (!(v > 0) || Double.isInfinite(v)) {
            return weights[i] * NO_VALUE_RESIDUAL;
        }
        return weightedRobust(i, Math.log(v) + delta[i] - logMeasured[i]);
    }

    static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }

    private static Efficiency efficiency(int[][] ix, double[] z, int bumped, double by) {
        Quantity[] qs = Quantity.values();
        double[] v = new double[qs.length];
        for (Quantity q : qs) {
            double s = q.ordinal() == bumped ? by : 0;
            for (int j : ix[q.ordinal()]) {
                s += z[j];
            }
            v[q.ordinal()] = q.toNatural(s);
        }
        return Efficiency.of(v);
    }

    /** Cases whose prediction exists at the priors (unsupported or value-less rows are not fittable). */
    public static List<MeasurementCase> fittable(List<MeasurementCase> all) {
        List<MeasurementCase> out = new ArrayList<>();
        EfficiencyProfile p = EfficiencyProfile.priors();
        for (MeasurementCase c : all) {
            RawPrediction r = SpeedModel.analytic(c.input(), p.resolve(c.frameworkKey(),
                    c.input().accelerator().architecture(),
                    io.inferplan.engine.speed.FormatClass.of(c.input().weightFormat())), false);
            double v = c.predicted(r);
            if (r.supported() && c.measured() > 0 && ((v > 0 && !Double.isInfinite(v)) || r.exceedsCapacity())) {
                out.add(c);
            }
        }
        return out;
    }
}
