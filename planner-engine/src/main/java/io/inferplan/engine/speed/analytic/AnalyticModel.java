package io.inferplan.engine.speed.analytic;

import io.inferplan.engine.speed.Percentiles;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SimulationFacts;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fast path: closed-form steady states on the same step physics and scheduler policy the simulator uses,
 * for screening (optimizer, sweeps) and as the calibration's surrogate. Means only, except the named queueing
 * formulas under open arrivals.
 *
 * <p>Steady state of a batch of b requests, each prefilling n new tokens and producing O: one "cycle" (the batch
 * turns over once) is O decode steps plus the batch's prefill work. Where the scheduler mixes prefill chunks into
 * decode steps (vLLM V1, TensorRT-LLM, LMDeploy, llama.cpp) the b·n prompt tokens ride along the decode steps (more
 * steps when the budget cannot carry them in O steps); where prefills run first (SGLang, TGI, MAX, MLC) they are
 * extra prefill-only steps of a full budget; static batching prefills the whole batch, then decodes it.
 */
public final class AnalyticModel {
    private static final double EXCEEDS_UTILISATION = 0.995;

    private AnalyticModel() {
    }

    /** The analytic answer for a resolved replica. */
    public static RawPrediction evaluate(ReplicaSetup rs) {
        SpeedWorkload w = rs.input().workload();
        StepPhysics ph = rs.physics();
        int replicas = rs.input().replicas();
        int output = w.outputTokens();
        double context = w.inputTokens() + output / 2.0;
        double prefill = rs.isolatedPrefillSeconds();
        double reqOver = rs.requestOverheadSeconds();
        int cap = rs.batchCap();
        double satCycle = cycleSeconds(rs, cap, context);
        double saturated = replicas * cap * output / satCycle;
        List<String> warnings = new ArrayList<>(rs.warnings());
        double batch;
        double ttft;
        double tpot;
        double outTotal;
        double rps;
        double util = Double.NaN;
        double wait = Double.NaN;
        Percentiles ttftP;
        Percentiles e2eP = Percentiles.NONE;
        boolean exceeds = false;
        String queueing = null;
        switch (w.mode()) {
            case SINGLE_STREAM: {
                batch = 1;
                tpot = ph.decodeStepSeconds(1, context);
                ttft = reqOver + prefill;
                outTotal = 1.0 / tpot;
                rps = 1.0 / (ttft + (output - 1) * tpot);
                ttftP = same(ttft); // one request at a time: every request is alike
                break;
            }
            case FIXED_CONCURRENCY: {
                // Little's law: b requests in service, each for TTFT + (O − 1) × TPOT, so b ÷ that per second;
                // clients beyond the batch wait in the queue for C ÷ x − that.
                double perReplica = (double) w.concurrency() / replicas;
                batch = Math.max(1, Math.min(perReplica, cap));
                double cyc = cycleSeconds(rs, batch, context);
                tpot = tpotSeconds(rs, batch, context, cyc);
                double toFirstToken = reqOver + prefill + (batch > 1 ? 0.5 * ph.decodeStepSeconds(batch, context) : 0);
                double service = toFirstToken + (output - 1) * tpot;
                double x = batch / service;
                double queueWait = perReplica > batch ? perReplica / x - service : 0;
                ttft = queueWait + toFirstToken;
                Integer count = rs.requestCount();
                if (count != null) {
                    // a benchmark of N requests starts its clients together: the first wave's k prompts queue
                    double requests = Math.max(1.0, (double) count / replicas);
                    double k = Math.min(batch, requests);
                    double firstWave = reqOver + prefill + prefill * (k - 1) / 2.0;
                    ttft = (k * firstWave + (requests - k) * ttft) / requests;
                }
                outTotal = replicas * x * output;
                rps = replicas * x;
                ttftP = Percentiles.meanOnly(ttft);
                break;
            }
            case MAX_THROUGHPUT: {
                Integer count = rs.requestCount();
                double requests = count != null ? (double) count / replicas : Double.POSITIVE_INFINITY;
                batch = Math.max(1, Math.min(cap, requests));
                double cyc = cycleSeconds(rs, batch, context);
                double x = batch / cyc;
                tpot = tpotSeconds(rs, batch, context, cyc);
                if (Double.isInfinite(requests)) {
                    outTotal = replicas * batch * output / cyc;
                    ttft = Double.NaN;
                    warnings.add("TTFT in max-throughput depends on how many requests the benchmark submits: "
                            + "give serving.requestCount");
                } else {
                    double makespan = requests > batch ? (requests - batch) / x + cyc : cyc;
                    outTotal = replicas * requests * output / makespan;
                    double firstWave = reqOver + prefill + prefill * (batch - 1) / 2.0;
                    double queued = requests - batch;
                    ttft = (batch * firstWave + queued * (queued / (2 * x) + reqOver + prefill)) / requests;
                }
                rps = outTotal / output;
                ttftP = Percentiles.meanOnly(ttft);
                break;
            }
            case ARRIVAL_RATE: {
                double lambda = w.requestsPerSecond() / replicas;
                double xMax = cap / satCycle;
                util = lambda / xMax;
                queueing = Queueing.MODEL_NAME;
                OpenLoop open = OpenLoop.solve(rs, lambda, context, prefill, reqOver, cap);
                if (util >= EXCEEDS_UTILISATION || open == null) {
                    exceeds = true;
                    batch = cap;
                    tpot = tpotSeconds(rs, cap, context, satCycle);
                    ttft = Double.NaN;
                    ttftP = Percentiles.NONE;
                    outTotal = saturated;
                    rps = replicas * xMax;
                    warnings.add(String.format(Locale.ROOT,
                            "arrival rate %.3g req/s exceeds capacity %.3g req/s: the queue grows without bound",
                            w.requestsPerSecond(), replicas * xMax));
                    break;
                }
                batch = open.batch;
                tpot = open.tpot;
                ttft = open.ttftMean;
                wait = open.waitMean;
                ttftP = open.ttft;
                e2eP = open.e2e;
                outTotal = w.requestsPerSecond() * output;
                rps = w.requestsPerSecond();
                break;
            }
            default:
                throw new IllegalStateException("mode " + w.mode());
        }
        boolean alike = w.mode() == io.inferplan.engine.speed.WorkloadMode.SINGLE_STREAM;
        Percentiles tpotP = alike ? same(tpot) : Percentiles.meanOnly(tpot);
        if (e2eP == Percentiles.NONE && Double.isFinite(ttft)) {
            double e2e = ttft + (output - 1) * tpot;
            e2eP = alike ? same(e2e) : Percentiles.meanOnly(e2e);
        }
        return new RawPrediction(null, batch, ttftP, tpotP, e2eP, Percentiles.NONE, rs.newTokens() / prefill,
                1.0 / tpot, outTotal, rps, saturated, exceeds, util, wait, queueing, rs.policy().maxRunningSequences(),
                rs.kvBatchCap(), rs.physics().flopsSubstituted(), SimulationFacts.analytic(rs.policy().description()),
                warnings);
    }

    private static Percentiles same(double v) {
        return new Percentiles(v, v, v, v, v);
    }

    /**
     * Time in which a batch of b requests turns over once, seconds: O decode steps at context c carrying the batch's
     * prefill work as the policy schedules it (see the class comment).
     */
    public static double cycleSeconds(ReplicaSetup rs, double b, double context) {
        return cycleSeconds(rs, b, context, b);
    }

    /** As {@link #cycleSeconds(ReplicaSetup, double, double)} with the prompts of {@code prompts} requests in it. */
    static double cycleSeconds(ReplicaSetup rs, double b, double context, double prompts) {
        StepPhysics ph = rs.physics();
        int output = rs.input().workload().outputTokens();
        double promptTokens = prompts * rs.newTokens();
        if (promptTokens <= 0) {
            return output * ph.decodeStepSeconds(b, context);
        }
        double pairs = prompts * StepPhysics.attentionPairs(rs.newTokens(), rs.cachedTokens());
        int budget = rs.policy().tokenBudgetPerStep();
        StepKind kind = rs.policy().stepKind();
        if (kind == StepKind.MIXED) {
            double room = Math.max(1, budget - b);
            double steps = Math.max(output, promptTokens / room);
            return steps * ph.stepSeconds(b, b * context, promptTokens / steps, pairs / steps);
        }
        double decode = output * ph.decodeStepSeconds(b, context);
        double chunk = Math.min(budget, promptTokens);
        double prefillSteps = promptTokens / chunk;
        return decode + prefillSteps * ph.stepSeconds(0, 0, chunk, pairs / prefillSteps);
    }

    /**
     * Mean time per output token: a cycle's decode steps with the other b − 1 requests' prompt work in or between
     * them (a request's own prefill comes before its first token, not between its tokens), ÷ O.
     */
    static double tpotSeconds(ReplicaSetup rs, double b, double context, double cycle) {
        int output = rs.input().workload().outputTokens();
        if (rs.policy().stepKind() == StepKind.STATIC) {
            return rs.physics().decodeStepSeconds(b, context);
        }
        return Math.max(rs.physics().decodeStepSeconds(b, context), cycleSeconds(rs, b, context, b - 1) / output);
    }
}
