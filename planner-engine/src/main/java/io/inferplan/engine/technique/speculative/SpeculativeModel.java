package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.TechniquePath;
import io.inferplan.engine.speed.physics.StepTime;
import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.SimulationResult;

import java.util.ArrayList;
import java.util.List;

/**
 * A replica with speculative decoding, against the same replica without: memory (the drafter's weights and KV come
 * out of the KV cache), the answer in the plan's workload mode, and both at fixed concurrencies from 1 to the batch
 * cap, with the concurrency at which speculation stops paying (its throughput falls to that of plain decoding).
 */
public final class SpeculativeModel {
    /** Concurrencies of the with/without curve (deployment-wide), capped by what the KV cache holds. */
    public static final List<Integer> CURVE = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256);

    private SpeculativeModel() {
    }

    /**
     * The replica both ways.
     *
     * @param kvTokensWith tokens the KV cache holds once the drafter's weights and KV are in memory
     */
    public record Replicas(ReplicaSetup plain, ReplicaSetup speculative, SpeculativeStep step, Drafter drafter,
                           double kvTokensWith, double draftKvBytesPerTokenPerReplica) {
    }

    /** Builds both replicas; a drafter that leaves no KV cache for one request is refused naming the field. */
    public static Replicas replicas(SpeedInput in, Efficiency e, SpeculativeSetup s) {
        ReplicaSetup plain = TechniquePath.replica(in, e);
        double bits = in.memory() != null ? in.memory().effectiveBitsPerWeight() : in.weightFormat().bitsPerValue();
        Drafter drafter = Drafter.of(s.method(), in.model(), s.draftModel(), bits, in.kvFormat());
        double kvPerToken = TechniquePath.kvBytesPerTokenPerReplica(plain);
        double draftKv = drafter.runs() ? drafter.kvBytesPerToken() * replication(drafter.model(), in.tensorParallel()) : 0;
        double tokens = (plain.kvCapacityTokens() * kvPerToken - drafter.weightBytes()) / (kvPerToken + draftKv);
        int request = in.workload().inputTokens() + in.workload().outputTokens();
        if (tokens < request) {
            throw new IllegalArgumentException((s.method() == SpeculativeMethod.DRAFT_MODEL
                    ? "serving.speculative.draftModel" : "serving.speculative.method") + ": the drafter's "
                    + String.format(java.util.Locale.ROOT, "%.1f GiB", drafter.weightBytes() / (1L << 30))
                    + " of weights and its KV cache leave no room for one request of " + request + " tokens");
        }
        SpeculativeStep step = new SpeculativeStep(plain.physics(), drafter.runs() ? drafter.physics(plain, bits) : null,
                s.numSpeculativeTokens(), s.acceptanceRate(), e.sequenceOverheadSeconds()
                        // a served deployment's API server detokenises and streams every token produced
                        + (in.serving().inProcess() ? 0 : e.servingTokenOverheadSeconds()));
        ReplicaSetup spec = TechniquePath.withLimits(plain, tokens, plain.policy().maxRunningSequences());
        return new Replicas(plain, spec, step, drafter, tokens, draftKv);
    }

    /** KV-head replication across tensor-parallel ranks: TP ÷ min(TP, KV heads); MLA's latent is on every rank. */
    static double replication(ModelSpec m, int tp) {
        return m.attention() == AttentionKind.MLA ? tp : (double) tp / Math.min(tp, m.kvHeads());
    }

    /** The plan's answer with speculation. */
    public static RawPrediction evaluate(Replicas r) {
        return TechniquePath.evaluate(r.speculative(), r.step());
    }

    /**
     * One concurrency both ways (closed loop, steady state).
     *
     * @param concurrency deployment-wide requests in flight
     */
    public record Point(int concurrency, double outputTokensPerSecondWith, double outputTokensPerSecondWithout,
                        double tpotSecondsWith, double tpotSecondsWithout, double tpotP95SecondsWith,
                        double tpotP95SecondsWithout, double ttftSecondsWith, double ttftSecondsWithout) {

        public boolean pays() {
            return outputTokensPerSecondWith > outputTokensPerSecondWithout;
        }
    }

    /** Both ways at each of {@link #CURVE} up to the concurrency the speculative replica's KV cache holds. */
    public static List<Point> curve(Replicas r) {
        int replicas = r.plain().input().replicas();
        int max = (int) Math.min(CURVE.get(CURVE.size() - 1), (long) replicas * r.speculative().batchCap());
        List<Point> out = new ArrayList<>();
        for (int c : CURVE) {
            if (c > Math.max(1, max)) {
                break;
            }
            out.add(point(r, c));
        }
        return out;
    }

    /**
     * The smallest deployment-wide concurrency at which speculation no longer raises throughput (bisected between the
     * curve's last paying and first non-paying points), or null when it pays over the whole curve.
     */
    public static Integer breakEvenConcurrency(Replicas r, List<Point> curve) {
        int lastPaying = 0;
        for (Point p : curve) {
            if (!p.pays()) {
                int lo = lastPaying;
                int hi = p.concurrency();
                while (hi - lo > 1) {
                    int mid = (lo + hi) / 2;
                    if (point(r, mid).pays()) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return hi;
            }
            lastPaying = p.concurrency();
        }
        return null;
    }

    static Point point(Replicas r, int concurrency) {
        int replicas = r.plain().input().replicas();
        int perReplica = Math.max(1, (int) Math.round((double) concurrency / replicas));
        SimulationResult with = closedLoop(r.speculative(), r.step(), perReplica);
        SimulationResult without = closedLoop(r.plain(), r.plain().physics(), perReplica);
        return new Point(concurrency, replicas * with.outputTokensPerSecond(),
                replicas * without.outputTokensPerSecond(), with.tpot().mean(), without.tpot().mean(),
                with.tpot().p95(), without.tpot().p95(), with.ttft().mean(), without.ttft().mean());
    }

    private static SimulationResult closedLoop(ReplicaSetup rs, StepTime step, int clients) {
        return TechniquePath.run(rs, step, Arrivals.closedLoop(clients), Math.max(200, Math.min(2000, 8 * clients)),
                false);
    }
}
