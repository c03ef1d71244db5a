package io.inferplan.plan.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.technique.disagg.Goodput;
import io.inferplan.engine.technique.disagg.PoolSizer;
import io.inferplan.plan.capacity.CapacityRequests.FleetRequest;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.capacity.CapacityRequests.Traffic;
import io.inferplan.plan.evaluate.DisaggregatedPlans;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.technique.TechniqueInputs;
import io.inferplan.plan.technique.TechniquesBlock;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The fleet answer's {@code disaggregation} block ({@code disaggregation: true}): prefill and decode pools of the same
 * accelerator sized for the peak and the SLO by rate matching ({@link PoolSizer}), against the colocated fleet the
 * same request sized. Prefill instances take the fewest accelerators that fit; decode instances that size or the
 * colocated replica's, whichever needs fewer accelerators in total.
 *
 * @param ratio                                         "xPyD"
 * @param goodputRequestsPerSecondPerAccelerator        min(x × prefill rate, y × decode rate) ÷ accelerators
 * @param colocatedGoodputRequestsPerSecondPerAccelerator the colocated replica's SLO rate ÷ its accelerators
 * @param goodputRatio                                  the first ÷ the second
 * @param poolSizesByTraffic                            instances (and colocated replicas) at ¼ … 4 × the peak
 */
@Serdeable
public record DisaggregatedFleet(String ratio, int prefillInstances, int prefillAcceleratorsPerInstance,
                                 int decodeInstances, int decodeAcceleratorsPerInstance, int acceleratorCount,
                                 double prefillRequestsPerSecondPerInstance, double decodeRequestsPerSecondPerInstance,
                                 String kvLink, double kvTransferMs, double decodeWaitP95Ms, @Nullable Double usdPerHour,
                                 @Nullable Double usdPerMonth, double goodputRequestsPerSecondPerAccelerator,
                                 double colocatedGoodputRequestsPerSecondPerAccelerator, double goodputRatio,
                                 int colocatedAcceleratorCount, @Nullable Double colocatedUsdPerMonth, String comparison,
                                 List<TechniquesBlock.PoolSizes> poolSizesByTraffic, List<String> warnings) {

    private static final double HOURS_PER_MONTH = 730;

    /**
     * @param colocatedPerReplica accelerators of the colocated fleet's chosen replica
     * @param colocatedAtSlo      the rate one such replica serves within the SLO
     * @param usdPerGpuHour       the price the colocated fleet's figures use (null: unpriced)
     */
    static DisaggregatedFleet size(PlanService plans, FleetRequest r, Traffic t, Slo slo, double peak, int fewest,
                                   int colocatedPerReplica, int colocatedReplicas, double colocatedAtSlo,
                                   Double usdPerGpuHour) {
        PoolSizer.Slo target = new PoolSizer.Slo(slo.ttftP95Ms() / 1000, slo.tpotMs() == null ? null : slo.tpotMs() / 1000,
                slo.tpotP95Ms() == null ? null : slo.tpotP95Ms() / 1000);
        Set<Integer> decodeSizes = new LinkedHashSet<>(List.of(fewest, colocatedPerReplica));
        PoolSizer.Sizing best = null;
        int bestDecode = 0;
        String link = null;
        String lastMiss = null;
        List<String> warnings = new ArrayList<>();
        for (int decodeSize : decodeSizes) {
            DisaggregatedPlans.Pools pools = plans.disaggregatedPools(request(r, t, fewest, decodeSize));
            try {
                PoolSizer.Sizing s = PoolSizer.size(pools.prefill(), pools.decode(), pools.link(), pools.profile(), target,
                        peak);
                if (best == null || gpus(s, fewest, decodeSize) < gpus(best, fewest, bestDecode)) {
                    best = s;
                    bestDecode = decodeSize;
                    link = pools.link().id();
                    warnings = new ArrayList<>(pools.warnings());
                }
            } catch (IllegalArgumentException e) {
                lastMiss = e.getMessage();
            }
        }
        if (best == null) {
            throw ProblemException.unprocessable("SLO cannot be met by disaggregated pools", lastMiss,
                    List.of(new FieldError(lastMiss.substring(0, Math.max(0, lastMiss.indexOf(':'))), lastMiss)));
        }
        int x = best.prefillInstances();
        int y = best.decodeInstances();
        int gpus = gpus(best, fewest, bestDecode);
        double goodput = Goodput.disaggregatedRequestsPerSecond(best, x, y) / gpus;
        double colocated = colocatedAtSlo / colocatedPerReplica;
        Double usd = usdPerGpuHour == null ? null : usdPerGpuHour * gpus;
        int colocatedGpus = colocatedReplicas * colocatedPerReplica;
        Double colocatedMonth = usdPerGpuHour == null ? null : usdPerGpuHour * colocatedGpus * HOURS_PER_MONTH;
        String comparison = String.format(Locale.ROOT, "%s needs %d accelerators where colocated replicas need %d; goodput "
                + "%.3g vs %.3g requests/s per accelerator (%.2f×)", best.ratio(), gpus, colocatedGpus, goodput, colocated,
                goodput / colocated);
        List<TechniquesBlock.PoolSizes> sizes = best.byTraffic().stream().map(a -> new TechniquesBlock.PoolSizes(
                a.requestsPerSecond(), a.prefillInstances(), a.decodeInstances(),
                (int) Math.ceil(a.requestsPerSecond() / colocatedAtSlo - 1e-9))).toList();
        return new DisaggregatedFleet(best.ratio(), x, fewest, y, bestDecode, gpus,
                best.prefillRequestsPerSecondPerInstance(), best.decodeRequestsPerSecondPerInstance(), link,
                best.transferSeconds() * 1000, best.decodeWaitP95Seconds() * 1000, usd,
                usd == null ? null : usd * HOURS_PER_MONTH, goodput, colocated, goodput / colocated, colocatedGpus,
                colocatedMonth, comparison, sizes, warnings);
    }

    private static int gpus(PoolSizer.Sizing s, int prefillSize, int decodeSize) {
        return s.prefillInstances() * prefillSize + s.decodeInstances() * decodeSize;
    }

    private static PlanRequest request(FleetRequest r, Traffic t, int prefillSize, int decodeSize) {
        return new PlanRequest(r.model(), r.weightFormat(), r.kvCacheFormat(), r.accelerator(), null, r.framework(),
                new PlanRequest.WorkloadInput("arrival-rate", t.inputTokens(), t.outputTokens(), null, 1.0,
                        t.sharedPrefixTokens()), r.serving(), null, null, null, null,
                new TechniqueInputs.DisaggregationInput(new TechniqueInputs.PoolInput(null, prefillSize, 1),
                        new TechniqueInputs.PoolInput(null, decodeSize, 1), r.kvLink()));
    }
}
