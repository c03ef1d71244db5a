package io.inferplan.engine.speed.analytic;

import io.inferplan.engine.speed.physics.StepPhysics;

/**
 * The decode batch under Poisson arrivals at λ per replica: b = λ × (prefill + (output − ½) × TPOT(b)), where the time
 * per output token grows with the batch it serves (a mixed step also carries the prompt tokens arriving during it,
 * λ × n per second; a prefill-first policy stretches decode by the prefill stage's busy share). Damped iteration, at
 * most 60 steps, stopping at |λ × time in system − b| < 1e-4 × max(1, b).
 *
 * <p>One copy for {@link OpenLoop} and {@link AnalyticKernel}, so that the two agree exactly. Static and
 * allocation-free: it writes into the caller's answer.
 */
final class BatchFixedPoint {

    private BatchFixedPoint() {
    }

    /** Writes the batch (not yet capped at the slots) into {@code out.batchSize} and its TPOT into {@code out.tpot.mean}. */
    static void solve(StepPhysics ph, boolean mixed, double lambda, double context, double prefill, int output, int cap,
                      double promptRate, double pairRate, double prefillBusy, AnalyticAnswer out) {
        double b = Math.max(1e-3, lambda * (prefill + output * ph.decodeStepSeconds(1, context)));
        double tpot = 0;
        for (int i = 0; i < 60; i++) {
            double bb = Math.max(1, Math.min(b, cap));
            if (mixed) {
                double step = ph.decodeStepSeconds(bb, context);
                for (int j = 0; j < 5; j++) { // prompt tokens carried per step = λ × n × step
                    step = ph.stepSeconds(bb, bb * context, promptRate * step, pairRate * step);
                }
                tpot = step;
            } else {
                tpot = ph.decodeStepSeconds(bb, context) / (1 - prefillBusy);
            }
            double inSystem = lambda * (prefill + (output - 1) * tpot + 0.5 * tpot);
            if (Math.abs(inSystem - b) < 1e-4 * Math.max(1, b)) {
                b = inSystem;
                break;
            }
            b = 0.5 * (b + inSystem);
        }
        out.batchSize = b;
        out.tpot.mean = tpot;
    }
}
