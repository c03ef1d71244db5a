package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A refit that stops at a deadline with its best point so far. Levenberg–Marquardt only accepts steps that lower
 * the cost, and the fitter is deterministic from its start, so a fit capped at k iterations is the point the
 * search had reached after k iterations. Rounds of 2, 4, 8, … iterations run while the next round, projected from
 * the last one's time, still ends before the deadline; the last completed round is the answer. The search stops
 * early once a round no longer moves the parameters. (Doubling costs at most twice the final round; a deadline
 * check inside the fitter's convergence checker would make the rounds unnecessary.)
 */
final class DeadlineFit {

    /** How far a refit may go: its LM iteration cap and its wall-clock deadline. */
    record Budget(int maxIterations, Duration deadline) {
        Budget {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations: must be at least 1, was " + maxIterations);
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline: must be positive, was " + deadline);
            }
        }
    }

    /** How the fit went: iterations of the answer, rounds run, time taken, whether the deadline ended it. */
    record Outcome(EfficiencyProfile profile, int iterations, int rounds, long elapsedMs, boolean stoppedAtDeadline,
                   boolean converged) {
    }

    private static final double STILL = 1e-6;

    private DeadlineFit() {
    }

    static Outcome fit(String name, List<MeasurementCase> cases, String fittedOn, EfficiencyProfile base, Budget budget,
                       LongSupplier nanoClock) {
        long start = nanoClock.getAsLong();
        long end = start + budget.deadline().toNanos();
        EfficiencyProfile best = null;
        int bestIterations = 0;
        int rounds = 0;
        long lastRoundNanos = 0;
        int lastIterations = 0;
        boolean stopped = false;
        boolean converged = false;
        for (int k = Math.min(2, budget.maxIterations()); ; k = Math.min(2 * k, budget.maxIterations())) {
            if (best != null) {
                long projected = lastRoundNanos / lastIterations * k;
                if (nanoClock.getAsLong() + projected > end) {
                    stopped = true;
                    break;
                }
            }
            long t0 = nanoClock.getAsLong();
            EfficiencyProfile p = EfficiencyFitter.fit(name, cases, fittedOn, base, k);
            lastRoundNanos = Math.max(1, nanoClock.getAsLong() - t0);
            lastIterations = k;
            rounds++;
            converged = best != null && maxChange(best.parameters(), p.parameters()) < STILL;
            best = p;
            bestIterations = k;
            if (converged || k >= budget.maxIterations()) {
                break;
            }
        }
        long elapsedMs = (nanoClock.getAsLong() - start) / 1_000_000;
        return new Outcome(best, bestIterations, rounds, elapsedMs, stopped, converged);
    }

    private static double maxChange(Map<String, Double> a, Map<String, Double> b) {
        double max = 0;
        for (Map.Entry<String, Double> e : b.entrySet()) {
            Double before = a.get(e.getKey());
            max = Math.max(max, before == null ? Double.POSITIVE_INFINITY : Math.abs(e.getValue() - before));
        }
        return max;
    }
}
