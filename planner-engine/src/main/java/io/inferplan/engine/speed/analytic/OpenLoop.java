package io.inferplan.engine.speed.analytic;

import io.inferplan.engine.speed.Percentiles;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind;

/**
 * Steady state under Poisson arrivals at rate λ per replica, by named formulas ({@link Queueing}): the decode batch
 * b = λ × time in system (a fixed point), the time per token with the prefill work the policy puts in or between
 * decode steps, M/D/1 for the prefill stage where prefills run alone, M/D/c for admission to the batch's c slots.
 * Null when a stage is overloaded (the caller says "exceeds capacity"; no finite latency is invented).
 */
final class OpenLoop {
    double batch;
    double tpot;
    double ttftMean;
    double waitMean;
    Percentiles ttft;
    Percentiles e2e;

    static OpenLoop solve(ReplicaSetup rs, double lambda, double context, double prefill, double reqOver, int cap) {
        StepPhysics ph = rs.physics();
        int output = rs.input().workload().outputTokens();
        boolean mixed = rs.policy().stepKind() == StepKind.MIXED;
        double prefillBusy = mixed ? 0 : lambda * prefill;
        if (prefillBusy >= 1) {
            return null;
        }
        double promptRate = lambda * rs.newTokens();
        double pairRate = lambda * StepPhysics.attentionPairs(rs.newTokens(), rs.cachedTokens());
        AnalyticAnswer fixedPoint = new AnalyticAnswer();
        BatchFixedPoint.solve(ph, mixed, lambda, context, prefill, output, cap, promptRate, pairRate, prefillBusy,
                fixedPoint);
        double b = fixedPoint.batchSize;
        double tpot = fixedPoint.tpot.mean;
        double prefillWait = mixed ? 0 : Queueing.md1MeanWaitSeconds(lambda, prefill);
        double service = reqOver + prefill + prefillWait + (output - 1) * tpot;
        double slotWait = Queueing.mdcMeanWaitSeconds(cap, lambda, service);
        if (Double.isInfinite(prefillWait) || Double.isInfinite(slotWait)) {
            return null;
        }
        double pWait = Queueing.erlangC(cap, lambda * service);
        double pPrefill = mixed ? 0 : Math.min(1, lambda * prefill);
        OpenLoop o = new OpenLoop();
        o.batch = Math.min(cap, Math.max(b, 1e-3));
        o.tpot = tpot;
        o.waitMean = slotWait + prefillWait;
        o.ttftMean = reqOver + prefill + prefillWait + slotWait;
        double base = reqOver + prefill;
        double decode = (output - 1) * tpot;
        double[] q = {0.5, 0.9, 0.95, 0.99};
        double[] t = new double[4];
        for (int k = 0; k < 4; k++) {
            t[k] = base + Queueing.waitQuantileSeconds(pWait, slotWait, q[k])
                    + Queueing.waitQuantileSeconds(pPrefill, prefillWait, q[k]);
        }
        o.ttft = new Percentiles(o.ttftMean, t[0], t[1], t[2], t[3]);
        o.e2e = new Percentiles(o.ttftMean + decode, t[0] + decode, t[1] + decode, t[2] + decode, t[3] + decode);
        return o;
    }
}
