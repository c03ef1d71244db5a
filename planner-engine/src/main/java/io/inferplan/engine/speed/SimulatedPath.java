package io.inferplan.engine.speed;

import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.ServingSimulator;
import io.inferplan.engine.speed.sim.SimulationResult;
import io.inferplan.engine.speed.sim.SimulationSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The product's answer under load: one replica simulated step by step ({@link ServingSimulator}) with the traffic
 * the workload describes, each replica getting its share. A benchmark of N requests ({@code serving.requestCount})
 * is simulated as run, ramp-up and tail included; without a count the steady state is measured.
 */
final class SimulatedPath {
    /** Seed of every simulation: the same plan always gets the same answer. */
    static final long SEED = 1;
    /** Requests simulated under open arrivals when the workload names no count. */
    static final int OPEN_LOOP_REQUESTS = 2000;
    /** Backlog growth (share of the arrival rate) above which open arrivals are called over capacity. */
    static final double GROWTH_OVER_CAPACITY = 0.05;

    private SimulatedPath() {
    }

    /** Simulates the workload; {@code analytic} gives the capacity, the prefill rate and the saturated throughput. */
    static RawPrediction evaluate(ReplicaSetup rs, RawPrediction analytic) {
        SpeedInput in = rs.input();
        SpeedWorkload w = in.workload();
        int replicas = in.replicas();
        Integer count = rs.requestCount();
        Integer perReplica = count == null ? null : Math.max(1, (int) Math.ceil((double) count / replicas));
        Arrivals arrivals;
        int n;
        switch (w.mode()) {
            case FIXED_CONCURRENCY: {
                int clients = Math.max(1, (int) Math.round((double) w.concurrency() / replicas));
                arrivals = Arrivals.closedLoop(clients);
                n = perReplica != null ? perReplica : Math.max(400, Math.min(4000, 8 * clients));
                break;
            }
            case ARRIVAL_RATE:
                arrivals = new Arrivals(Arrivals.Kind.OPEN, 0, w.requestsPerSecond() / replicas, w.burstiness());
                n = perReplica != null ? perReplica : OPEN_LOOP_REQUESTS;
                break;
            case MAX_THROUGHPUT:
                if (perReplica == null) {
                    return analytic; // an unbounded offline run has no TTFT: the saturated steady state answers
                }
                arrivals = Arrivals.allAtOnce();
                n = perReplica;
                break;
            default:
                return analytic;
        }
        boolean benchmark = perReplica != null;
        SimulationSpec spec = new SimulationSpec(rs.physics(), rs.policy(), rs.kvCapacityTokens(), arrivals, n,
                benchmark, w.inputDistribution(), w.outputDistribution(), w.sharedPrefixTokens(),
                rs.requestOverheadSeconds(), SEED);
        SimulationResult sim = ServingSimulator.run(spec);
        List<String> warnings = new ArrayList<>(analytic.warnings());
        warnings.removeIf(s -> s.startsWith("TTFT in max-throughput") || s.startsWith("arrival rate"));
        boolean exceeds = false;
        double util = analytic.utilisationFraction();
        if (w.mode() == WorkloadMode.ARRIVAL_RATE) {
            double lambda = w.requestsPerSecond() / replicas;
            double capacityPerReplica = analytic.saturatedOutputTokensPerSecond() / replicas / w.outputTokens();
            exceeds = lambda >= 0.995 * capacityPerReplica || sim.backlogGrowthPerSecond() > GROWTH_OVER_CAPACITY * lambda;
            if (exceeds) {
                warnings.add(String.format(Locale.ROOT, "arrival rate %.3g req/s exceeds capacity %.3g req/s: the "
                        + "queue grows without bound (simulated backlog growth %.3g req/s per replica)%s",
                        w.requestsPerSecond(), capacityPerReplica * replicas, sim.backlogGrowthPerSecond(),
                        benchmark ? "; latencies are those of a finite run of " + count + " requests and grow with it"
                                : ""));
            }
        }
        boolean hide = exceeds && !benchmark;
        Percentiles ttft = hide ? Percentiles.NONE : Percentiles.of(sim.ttft());
        Percentiles e2e = hide ? Percentiles.NONE : Percentiles.of(sim.e2eLatency());
        Percentiles tpot = Percentiles.of(sim.tpot());
        if (Double.isNaN(tpot.mean())) {
            tpot = analytic.tpot(); // one-token outputs have no gaps: the step time stands in
        }
        double outTotal = replicas * sim.outputTokensPerSecond();
        double rps = replicas * sim.requestsPerSecond();
        if (w.mode() == WorkloadMode.ARRIVAL_RATE && !exceeds) {
            outTotal = w.requestsPerSecond() * w.outputTokens(); // stable: everything that arrives is served
            rps = w.requestsPerSecond();
        }
        SimulationFacts facts = new SimulationFacts("simulation", rs.policy().description(), n,
                sim.requestsMeasured(), SEED, sim.meanBatchSize(), sim.meanKvOccupancyFraction(), sim.busyFraction(),
                sim.preemptions(), sim.backlogGrowthPerSecond(), sim.simulatedSeconds());
        String model = "step-level simulation of the " + rs.policy().description() + " (" + n + " requests per "
                + "replica" + (benchmark ? ", as the benchmark ran them" : ", steady state") + ", seed " + SEED + ")";
        return new RawPrediction(null, sim.meanBatchSize(), ttft, tpot, e2e, Percentiles.of(sim.interTokenLatency()),
                analytic.prefillTokensPerSecond(), 1.0 / tpot.mean(), outTotal, rps,
                analytic.saturatedOutputTokensPerSecond(), exceeds, util,
                hide ? Double.NaN : sim.queueWait().mean(), model, analytic.schedulerCap(), analytic.kvCap(),
                analytic.flopsSubstituted(), facts, warnings);
    }
}
