package io.inferplan.plan.capacity;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.technique.TechniqueSupport;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.capacity.OptimizerService.Candidate;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.technique.TechniqueInputs;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The optimizer's disaggregated configurations ({@code disaggregation: true}): for the best colocated contenders whose
 * framework supports prefill/decode disaggregation, pools of the same accelerator at the fewest that fit each, in the
 * ratio that matches their capacities (TensorRT-LLM's rate matching: x prefill and y decode instances, x, y ≤ 4, with
 * min(x × prefill capacity, y × decode capacity) per accelerator largest), evaluated on the request's workload.
 */
final class DisaggregatedCandidates {
    /** Colocated contenders given a disaggregated twin, best first by the objective. */
    static final int MAX_TWINS = 8;
    static final int MAX_INSTANCES = 4;

    private DisaggregatedCandidates() {
    }

    /** Adds the twins to {@code all}; returns how many were evaluated. */
    static int add(PlanService plans, PlanCatalog catalog, List<Candidate> all, Map<Candidate, OptimizerService.Contender> screened,
                   ToDoubleFunction<Candidate> rank, Slo slo) {
        List<Candidate> order = all.stream().filter(c -> screened.containsKey(c) && c.disaggregation() == null
                        && TechniqueSupport.shipped().refusal(c.framework(), "pd-disaggregation", null).isEmpty())
                .sorted(Comparator.comparingDouble(rank)).limit(MAX_TWINS).toList();
        int n = 0;
        for (Candidate c : order) {
            OptimizerService.Contender colocated = screened.get(c);
            try {
                PlanResponse probe = plans.evaluate(twin(colocated.plan(), c.acceleratorCount(), 1, 1, "max-throughput"));
                var d = probe.techniques().disaggregation();
                int[] xy = ratio(d.prefill().saturatedRequestsPerSecond(), d.decode().saturatedRequestsPerSecond());
                PlanResponse answer = plans.evaluate(twin(colocated.plan(), c.acceleratorCount(), xy[0], xy[1], null));
                if (answer.cost() == null || answer.cost().usdPerMillionOutputTokens() == null) {
                    continue;
                }
                NumberFormatSpec w = catalog.current().weightFormats().get(c.weightFormat()).spec().orElseThrow();
                all.add(OptimizerSlo.candidate(answer, w, slo, colocated.quality(), "simulation (disaggregated)"));
                n++;
            } catch (ProblemException refused) {
                // this configuration cannot be split into pools (memory, framework): no twin
            }
        }
        return n;
    }

    /** The x:y (each 1…4) with the most capacity per instance: min(x·cp, y·cd) ÷ (x + y). */
    static int[] ratio(double prefillCapacity, double decodeCapacity) {
        int[] best = {1, 1};
        double bestRate = -1;
        for (int x = 1; x <= MAX_INSTANCES; x++) {
            for (int y = 1; y <= MAX_INSTANCES; y++) {
                double rate = Math.min(x * prefillCapacity, y * decodeCapacity) / (x + y);
                if (rate > bestRate + 1e-12) {
                    bestRate = rate;
                    best = new int[] {x, y};
                }
            }
        }
        return best;
    }

    private static PlanRequest twin(PlanRequest c, int size, int x, int y, String mode) {
        PlanRequest.WorkloadInput w = c.workload();
        PlanRequest.WorkloadInput workload = mode == null ? w : new PlanRequest.WorkloadInput(mode, w.inputTokens(),
                w.outputTokens(), null, null, w.sharedPrefixTokens(), null, w.inputTokensSpread(), w.outputTokensSpread(),
                w.lengthDistribution(), w.burstiness());
        return new PlanRequest(c.model(), c.weightFormat(), c.kvCacheFormat(), c.accelerator(), null, c.framework(),
                workload, c.serving(), null, null, c.pricing(), null, new TechniqueInputs.DisaggregationInput(
                new TechniqueInputs.PoolInput(null, size, x), new TechniqueInputs.PoolInput(null, size, y), null));
    }
}
