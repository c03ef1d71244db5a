package io.inferplan.engine.speed;

import io.inferplan.engine.speed.physics.StepTime;
import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.LengthDistribution;
import io.inferplan.engine.speed.sim.ServingSimulator;
import io.inferplan.engine.speed.sim.SimulationResult;
import io.inferplan.engine.speed.sim.SimulationSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /** One replica's simulation of workload {@code w}: its step time, scheduler, KV capacity and request overhead. */
    private static SimulationSpec spec(ReplicaSetup rs, StepTime step, Arrivals arrivals, int n, boolean benchmark,
                                       SpeedWorkload w) {
        return new SimulationSpec(step, rs.policy(), rs.kvCapacityTokens(), arrivals, n, benchmark, w.inputDistribution(),
                w.outputDistribution(), w.sharedPrefixTokens(), rs.requestOverheadSeconds(), SEED);
    }

    /**
     * The same run with outputs spread by 10 %: how much of the TTFT is the wave. Said only when it is a tenth or more
     * (at light load the wave costs little).
     */
    private static Optional<String> waveWarning(StepTime step, ReplicaSetup rs, Arrivals arrivals, int n,
                                                boolean benchmark, Percentiles inStep) {
        SpeedWorkload w = rs.input().workload();
        SpeedWorkload spread = w.withShape(0, 0.1 * w.outputTokens(), LengthDistribution.Shape.UNIFORM, w.burstiness());
        Percentiles apart = Percentiles.of(ServingSimulator.run(spec(rs, step, arrivals, n, benchmark, spread)).ttft());
        if (!(apart.mean() < 0.9 * inStep.mean())) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "fixed lengths: the %d clients per replica ask for identical lengths "
                + "and stay in step, so their requests reach the scheduler in waves (every TTFT within 5 %% of the median, "
                + "%.0f ms); with outputs spread by 10 %% (workload.outputTokensSpread %.0f) the same plan's TTFT is %.0f ms "
                + "mean, %.0f ms p95: give the spreads if your lengths vary", arrivals.clients(),
                inStep.p50() * 1000, 0.1 * w.outputTokens(), apart.mean() * 1000, apart.p95() * 1000));
    }

    /**
     * Clients with identical lengths that finish together send again together: the simulator has no jitter to break
     * the wave, so every request waits alike (TTFT p99 within 5 % of p50). Any spread breaks it: vLLM's blog run of
     * Llama 3.1 8B on one H100 at 8 clients, ~20,000 / ~2,000 tokens "±15 %", measured a median TTFT of 764 ms (corpus
     * row D55002, modelled at fixed lengths); simulated with fixed lengths it is 1,613 ms, with an output spread of
     * 200 tokens 837 ms.
     */
    static boolean inStep(SpeedWorkload w, Percentiles ttft) {
        return w.inputTokensSpread() == 0 && w.outputTokensSpread() == 0 && ttft.p50() > 0
                && ttft.p99() <= 1.05 * ttft.p50();
    }

    /** Simulates the workload; {@code analytic} gives the capacity, the prefill rate and the saturated throughput. */
    static RawPrediction evaluate(ReplicaSetup rs, RawPrediction analytic) {
        return evaluate(rs, rs.physics(), analytic);
    }

    /** As above with another step time (a serving technique's wrapper around the replica's physics). */
    static RawPrediction evaluate(ReplicaSetup rs, StepTime step, RawPrediction analytic) {
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
        SimulationResult sim = ServingSimulator.run(spec(rs, step, arrivals, n, benchmark, w));
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
        // rs.warnings() is null in the calibration's loops: no second simulation there
        if (rs.warnings() != null && w.mode() == WorkloadMode.FIXED_CONCURRENCY && arrivals.clients() >= 2
                && inStep(w, ttft)) {
            waveWarning(step, rs, arrivals, n, benchmark, ttft).ifPresent(warnings::add);
        }
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
