package io.inferplan.plan.capacity;

import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.capacity.OptimizerService.Candidate;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanScreening;
import io.inferplan.plan.quality.QualityEstimate;

/** How the optimizer judges one configuration against the SLO: its row, why it misses, and by how much. */
final class OptimizerSlo {

    private OptimizerSlo() {
    }

    /** A configuration's answer as an optimizer row: its numbers, and whether and why it misses the SLO. */
    static Candidate candidate(PlanResponse a, NumberFormatSpec w, Slo slo, QualityEstimate q, String method) {
        PlanResponse.PerformanceBlock p = a.performance();
        double ttft = p.ttftP95Ms() != null ? p.ttftP95Ms() : p.ttftMs() != null ? p.ttftMs() : Double.POSITIVE_INFINITY;
        String missed = null;
        if (slo != null && slo.ttftP95Ms() != null && !(ttft <= slo.ttftP95Ms())) {
            missed = "TTFT " + Math.round(ttft) + " ms > " + slo.ttftP95Ms() + " ms";
        }
        if (slo != null && slo.tpotMs() != null && !(p.tpotMs() <= slo.tpotMs())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT " + Math.round(p.tpotMs() * 10) / 10.0 + " ms > "
                    + slo.tpotMs() + " ms";
        }
        if (slo != null && slo.tpotP95Ms() != null && p.tpotP95Ms() != null && !(p.tpotP95Ms() <= slo.tpotP95Ms())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT p95 " + Math.round(p.tpotP95Ms() * 10) / 10.0
                    + " ms > " + slo.tpotP95Ms() + " ms";
        }
        if (Boolean.TRUE.equals(p.exceedsCapacity())) {
            missed = "the arrival rate exceeds this configuration's capacity";
        }
        String label = a.plan().accelerator() + " × " + a.plan().acceleratorCount() + ", " + a.plan().framework() + ", "
                + a.plan().weightFormat();
        return new Candidate(a.plan().accelerator(), a.plan().acceleratorCount(), a.plan().framework(), a.plan().weightFormat(),
                a.plan().kvCacheFormat(), w.bitsPerValue(), a.cost().usdPerMillionOutputTokens(),
                a.cost().usdPerMillionBlendedTokens(), a.cost().usdPerHour(), ttft, p.tpotMs(), p.outputTokensPerSecond(),
                missed == null, missed == null ? null : label + ": " + missed,
                a.cost().energy() == null ? null : a.cost().energy().kWhPerMillionOutputTokens(),
                a.cost().carbon() == null ? null : a.cost().carbon().gCo2ePerMillionOutputTokens(), p.tpotP95Ms(), method,
                q.percentBelowSixteenBit(), q.basis(),
                a.techniques() == null || a.techniques().disaggregation() == null ? null : OptimizerService.pools(a));
    }

    /** A configuration as screening (or its simulation) gives it, checked against the SLO. */
    static Candidate candidate(PlanScreening.Screened s, Slo slo, QualityEstimate q) {
        double ttft = s.ttftMs();
        String missed = null;
        if (slo != null && slo.ttftP95Ms() != null && !(ttft <= slo.ttftP95Ms())) {
            missed = "TTFT " + Math.round(ttft) + " ms > " + slo.ttftP95Ms() + " ms";
        }
        if (slo != null && slo.tpotMs() != null && !(s.tpotMs() <= slo.tpotMs())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT " + Math.round(s.tpotMs() * 10) / 10.0 + " ms > "
                    + slo.tpotMs() + " ms";
        }
        if (slo != null && slo.tpotP95Ms() != null && s.tpotP95Ms() != null && !(s.tpotP95Ms() <= slo.tpotP95Ms())) {
            missed = (missed == null ? "" : missed + "; ") + "TPOT p95 " + Math.round(s.tpotP95Ms() * 10) / 10.0
                    + " ms > " + slo.tpotP95Ms() + " ms";
        }
        if (s.exceedsCapacity()) {
            missed = "the arrival rate exceeds this configuration's capacity";
        }
        String label = s.accelerator() + " × " + s.acceleratorCount() + ", " + s.framework() + ", " + s.weightFormat();
        return new Candidate(s.accelerator(), s.acceleratorCount(), s.framework(), s.weightFormat(), s.kvCacheFormat(),
                s.weightBits(), s.usdPerMillionOutputTokens(), s.usdPerMillionBlendedTokens(), s.usdPerHour(), ttft,
                s.tpotMs(), s.outputTokensPerSecond(), missed == null, missed == null ? null : label + ": " + missed,
                s.kWhPerMillionOutputTokens(), s.gCo2ePerMillionOutputTokens(), s.tpotP95Ms(), s.method(),
                q.percentBelowSixteenBit(), q.basis(), null);
    }

    /** How far a configuration is from the SLO: the larger ratio of achieved to target latency. */
    static double miss(Candidate c, Slo slo) {
        double m = 1;
        if (slo != null && slo.ttftP95Ms() != null) {
            m = Math.max(m, c.ttftMs() / slo.ttftP95Ms());
        }
        if (slo != null && slo.tpotMs() != null) {
            m = Math.max(m, c.tpotMs() / slo.tpotMs());
        }
        if (slo != null && slo.tpotP95Ms() != null) {
            double p95 = c.tpotP95Ms() != null ? c.tpotP95Ms() : c.tpotMs();
            m = Math.max(m, p95 / slo.tpotP95Ms());
        }
        return Double.isFinite(m) ? m : Double.MAX_VALUE;
    }
}
