package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.Percentiles;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.technique.disagg.KvLinks.KvLink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A disaggregated deployment's answer for a workload: TTFT = the prefill pool's TTFT (queue + prompt + first token)
 * + the KV transfer + the decode pool's wait for its first step; TPOT from the decode pool alone. Percentiles of the
 * sum are the sums of the parts' percentiles — an upper bound (exact when the parts rise and fall together).
 * Fixed concurrency C is solved as the request rate X at which X × mean end-to-end latency(X) = C (Little's law),
 * by bisection below the pools' capacity; beyond it the clients queue for C ÷ X − latency.
 */
public final class DisaggregatedModel {
    private static final int BISECTION_STEPS = 10;

    private DisaggregatedModel() {
    }

    /**
     * One pool's part of the answer.
     *
     * @param saturatedRequestsPerSecond what the whole pool completes when saturated
     * @param utilisationFraction        the request rate ÷ that capacity
     */
    public record Pool(int instances, int acceleratorsPerInstance, double saturatedRequestsPerSecond,
                       double utilisationFraction, Percentiles ttft, Percentiles tpot, double meanBatchSize) {
    }

    /**
     * The whole deployment.
     *
     * @param bindingPool the pool that saturates first ("prefill" or "decode")
     */
    public record Answer(Percentiles ttft, Percentiles tpot, Percentiles e2eLatency, double requestsPerSecond,
                         double outputTokensPerSecond, boolean exceedsCapacity, double transferSeconds,
                         double kvBytesPerRequest, KvLink link, Pool prefill, Pool decode, String bindingPool,
                         List<String> warnings) {

        public int acceleratorCount() {
            return prefill.instances() * prefill.acceleratorsPerInstance()
                    + decode.instances() * decode.acceleratorsPerInstance();
        }

        /** The answer as the speed model's point prediction (for the contract's performance block). */
        public RawPrediction raw(int inputTokens, int outputTokens) {
            double saturated = Math.min(prefill.saturatedRequestsPerSecond(), decode.saturatedRequestsPerSecond());
            double tpot = tpot().mean();
            return new RawPrediction(null, decode.meanBatchSize(), ttft, tpot(), e2eLatency, Percentiles.NONE,
                    inputTokens / prefill.ttft().mean(), 1 / tpot, outputTokensPerSecond, requestsPerSecond,
                    saturated * outputTokens, exceedsCapacity, requestsPerSecond / saturated, Double.NaN,
                    "disaggregated: prefill pool simulated, KV over " + link.id() + ", decode pool simulated",
                    0, 0, false, new io.inferplan.engine.speed.SimulationFacts("simulation",
                    "prefill and decode pools, each its framework's scheduler", 0, 0, 1, decode.meanBatchSize(),
                    Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN), warnings);
        }
    }

    public static Answer evaluate(SpeedInput prefillPool, SpeedInput decodePool, KvLink link, EfficiencyProfile profile,
                                  SpeedWorkload workload) {
        PoolRunner p = new PoolRunner(prefillPool, decodePool, link, profile);
        double capacity = Math.min(p.prefillCapacity(), p.decodeCapacity());
        List<String> warnings = new ArrayList<>();
        if (Double.isNaN(link.latencySeconds())) {
            warnings.add("no published latency for link " + link.id() + ": the KV transfer is timed by bandwidth alone");
        }
        warnings.add("TTFT and end-to-end percentiles add the pools' percentiles (an upper bound); the KV transfer is "
                + "not overlapped with the prefill");
        switch (workload.mode()) {
            case ARRIVAL_RATE:
                return at(p, workload.requestsPerSecond(), 0, warnings);
            case MAX_THROUGHPUT: {
                warnings.add("max-throughput: the deployment's capacity, the slower pool's; latencies at 98 % of it");
                return at(p, 0.98 * capacity, 0, warnings);
            }
            case SINGLE_STREAM:
                return at(p, capacity * 1e-4, 0, warnings);
            default:
                return closedLoop(p, workload.concurrency(), capacity, warnings);
        }
    }

    private static Answer closedLoop(PoolRunner p, int clients, double capacity, List<String> warnings) {
        double hi = 0.995 * capacity;
        Answer top = at(p, hi, 0, warnings);
        if (!top.exceedsCapacity() && hi * top.e2eLatency().mean() <= clients) {
            // more clients than the pools serve at once: the rest queue (Little's law) before the prefill pool
            double queue = clients / hi - top.e2eLatency().mean();
            return at(p, hi, queue, warnings);
        }
        double lo = 0;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            Answer a = at(p, mid, 0, warnings);
            if (!a.exceedsCapacity() && mid * a.e2eLatency().mean() < clients) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return at(p, Math.max(lo, capacity * 1e-4), 0, warnings);
    }

    /** Both pools at {@code rps}; {@code queueSeconds} waited before the prefill pool (closed-loop overflow). */
    static Answer at(PoolRunner p, double rps, double queueSeconds, List<String> warnings) {
        RawPrediction pre = p.prefillAt(rps);
        RawPrediction dec = p.decodeAt(rps);
        double transfer = p.transferSeconds();
        boolean exceeds = pre.exceedsCapacity() || dec.exceedsCapacity();
        Percentiles ttft = exceeds ? Percentiles.NONE : add(add(pre.ttft(), dec.ttft()), transfer + queueSeconds);
        Percentiles e2e = exceeds ? Percentiles.NONE : add(add(pre.ttft(), dec.e2eLatency()), transfer + queueSeconds);
        int out = p.decode.workload().outputTokens();
        String binding = p.prefillCapacity() <= p.decodeCapacity() ? "prefill" : "decode";
        List<String> w = new ArrayList<>(warnings);
        if (exceeds) {
            w.add(String.format(Locale.ROOT, "%.3g req/s exceeds the %s pool's capacity (prefill %.3g, decode %.3g req/s)",
                    rps, pre.exceedsCapacity() ? "prefill" : "decode", p.prefillCapacity(), p.decodeCapacity()));
        }
        return new Answer(ttft, dec.tpot(), e2e, rps, rps * out, exceeds, transfer, p.kvBytesPerRequest(), p.link,
                pool(p.prefill, pre, p.prefillCapacity(), rps), pool(p.decode, dec, p.decodeCapacity(), rps), binding, w);
    }

    private static Pool pool(SpeedInput in, RawPrediction r, double capacity, double rps) {
        return new Pool(in.replicas(), in.tensorParallel() * in.pipelineParallel(), capacity, rps / capacity,
                r.ttft(), r.tpot(), r.batchSize());
    }

    static Percentiles add(Percentiles a, Percentiles b) {
        return new Percentiles(a.mean() + b.mean(), a.p50() + b.p50(), a.p90() + b.p90(), a.p95() + b.p95(),
                a.p99() + b.p99());
    }

    static Percentiles add(Percentiles a, double seconds) {
        return new Percentiles(a.mean() + seconds, a.p50() + seconds, a.p90() + seconds, a.p95() + seconds,
                a.p99() + seconds);
    }
}
