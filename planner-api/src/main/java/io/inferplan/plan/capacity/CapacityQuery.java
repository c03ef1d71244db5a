package io.inferplan.plan.capacity;

import io.inferplan.plan.capacity.CapacityRequests.FleetRequest;
import io.inferplan.plan.capacity.CapacityRequests.OptimizeRequest;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.capacity.CapacityRequests.Traffic;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.query.PlanQuery;
import io.inferplan.plan.query.PlanQuery.Kind;
import io.inferplan.plan.query.PlanQuery.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet and optimizer bodies from query parameters (spreadsheets can only GET), by {@link PlanQuery}'s rules:
 * the body's fields without their block ({@code ttftP95Ms}) or dotted ({@code slo.ttftP95Ms}); an empty value is
 * not given; a misspelt, repeated or malformed parameter is a 400 naming it. Lists are comma-separated.
 */
final class CapacityQuery {

    /** The grid of the energy and carbon figures. */
    private static final List<Param> GRID = PlanQuery.params(p -> Set.of("gridRegion", "gridIntensityGCo2ePerKWh").contains(p.name()));

    private static final List<Param> SLO = List.of(new Param("ttftP95Ms", "slo", Kind.NUMBER),
            new Param("tpotMs", "slo", Kind.NUMBER),
            new Param("tpotP95Ms", "slo", Kind.NUMBER));

    /** Fleet: the configuration's ids and serving facts as for evaluate, the traffic and the SLO. */
    static final List<Param> FLEET = concat(
            PlanQuery.params(p -> Set.of("model", "weightFormat", "kvCacheFormat", "accelerator", "framework").contains(p.name())
                    || p.block().equals("serving")),
            List.of(new Param("acceleratorsPerReplica", "", Kind.WHOLE),
                    new Param("requestsPerSecond", "traffic", Kind.NUMBER),
                    new Param("tokensPerDay", "traffic", Kind.NUMBER),
                    new Param("peakToAverage", "traffic", Kind.NUMBER),
                    new Param("inputTokens", "traffic", Kind.WHOLE),
                    new Param("outputTokens", "traffic", Kind.WHOLE),
                    new Param("sharedPrefixTokens", "traffic", Kind.WHOLE),
                    new Param("disaggregation", "", Kind.BOOLEAN),
                    new Param("kvLink", "", Kind.TEXT)),
            GRID, SLO);

    /** Optimizer: the model, the workload as for evaluate, the SLO, the quality floor and the search space. */
    static final List<Param> OPTIMIZE = concat(
            PlanQuery.params(p -> p.name().equals("model") || p.block().equals("workload")),
            List.of(new Param("minWeightBits", "", Kind.NUMBER),
                    new Param("maxQualityLossPercent", "", Kind.NUMBER),
                    new Param("accelerators", "", Kind.LIST),
                    new Param("frameworks", "", Kind.LIST),
                    new Param("limit", "", Kind.WHOLE),
                    new Param("objective", "", Kind.TEXT),
                    new Param("disaggregation", "", Kind.BOOLEAN)),
            GRID, SLO);

    private CapacityQuery() {
    }

    static FleetRequest fleet(Map<String, List<String>> query) {
        Map<String, Object> v = PlanQuery.read(query, FLEET, Set.of());
        PlanRequest plan = PlanQuery.request(v);
        Traffic traffic = PlanQuery.anyOf(v, "traffic") ? new Traffic((Double) v.get("traffic.requestsPerSecond"),
                (Double) v.get("traffic.tokensPerDay"), (Double) v.get("traffic.peakToAverage"),
                (Integer) v.get("traffic.inputTokens"), (Integer) v.get("traffic.outputTokens"),
                (Integer) v.get("traffic.sharedPrefixTokens")) : null;
        return new FleetRequest(plan.model(), plan.weightFormat(), plan.kvCacheFormat(), plan.accelerator(),
                (Integer) v.get("acceleratorsPerReplica"), plan.framework(), plan.serving(), traffic, slo(v), plan.pricing(),
                (Boolean) v.get("disaggregation"), (String) v.get("kvLink"));
    }

    @SuppressWarnings("unchecked")
    static OptimizeRequest optimize(Map<String, List<String>> query) {
        Map<String, Object> v = PlanQuery.read(query, OPTIMIZE, Set.of());
        PlanRequest plan = PlanQuery.request(v);
        return new OptimizeRequest(plan.model(), plan.workload(), slo(v), (Double) v.get("minWeightBits"),
                (List<String>) v.get("accelerators"), (List<String>) v.get("frameworks"), (Integer) v.get("limit"),
                (String) v.get("objective"), plan.pricing(), (Double) v.get("maxQualityLossPercent"),
                (Boolean) v.get("disaggregation"));
    }

    private static Slo slo(Map<String, Object> v) {
        return PlanQuery.anyOf(v, "slo") ? new Slo((Double) v.get("slo.ttftP95Ms"), (Double) v.get("slo.tpotMs"),
                (Double) v.get("slo.tpotP95Ms")) : null;
    }

    @SafeVarargs
    private static List<Param> concat(List<Param>... parts) {
        List<Param> out = new ArrayList<>();
        for (List<Param> part : parts) {
            out.addAll(part);
        }
        return List.copyOf(out);
    }
}
