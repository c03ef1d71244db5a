package io.inferplan.engine.speed.analytic;

import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.WorkloadMode;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission;
import io.inferplan.engine.speed.policy.SchedulerPolicy.PrefixCacheKind;
import io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind;

/**
 * The analytic path compiled for one replica configuration (model × accelerator × format × framework × parallelism
 * × serving setup), for callers that evaluate it many times: the optimizer's screening, fleet bracketing, sweeps.
 * {@link #of} resolves once what does not depend on the workload (the step physics' bytes, FLOPs and fitted
 * efficiencies, the scheduler policy's caps and budget, the KV capacity, the request overhead); {@link #evaluate}
 * is then plain arithmetic on primitives into a caller-owned {@link AnalyticAnswer}: no allocation, no maps, no
 * streams, no boxing, no exceptions.
 *
 * <p>It is the same closed form as {@link AnalyticModel} (see there for the formulas and their reasons), written a
 * second time without its records and lists; {@code AnalyticKernelAgreementTest} checks the two agree to 1e-9 on
 * every catalog combination and workload mode, so a change to one that is not made to the other fails the build.
 * Immutable and thread-safe.
 */
public final class AnalyticKernel {
    private static final double EXCEEDS_UTILISATION = 0.995;
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

    private final StepPhysics ph;
    private final int replicas;
    private final boolean mixed;
    private final boolean staticBatching;
    private final int tokenBudget;
    private final int chunkTokens;
    private final int maxRunning;
    private final KvAdmission admission;
    private final int block;
    private final PrefixCacheKind prefixKind;
    private final double ratioFloor;
    private final double kvCapacityTokens;
    private final double requestOverhead;
    /** Requests an offline benchmark submits, 0 = not given. */
    private final int requestCount;

    private AnalyticKernel(ReplicaSetup rs) {
        SchedulerPolicy p = rs.policy();
        this.ph = rs.physics();
        this.replicas = rs.input().replicas();
        this.mixed = p.stepKind() == StepKind.MIXED;
        this.staticBatching = p.stepKind() == StepKind.STATIC;
        this.tokenBudget = p.tokenBudgetPerStep();
        this.chunkTokens = rs.prefillChunkTokens();
        this.maxRunning = p.maxRunningSequences();
        this.admission = p.kvAdmission();
        this.block = p.kvBlockTokens();
        this.prefixKind = p.prefixCache();
        this.ratioFloor = p.newTokenRatio().floor();
        this.kvCapacityTokens = rs.kvCapacityTokens();
        this.requestOverhead = rs.requestOverheadSeconds();
        Integer count = rs.requestCount();
        this.requestCount = count == null ? 0 : count;
    }

    /** Compiles a resolved replica (its workload's lengths are not kept: {@link #evaluate} takes them). */
    public static AnalyticKernel of(ReplicaSetup rs) {
        return new AnalyticKernel(rs);
    }

    /** The analytic answer for a workload (its shape, spreads and burstiness, does not enter the closed form). */
    public void evaluate(SpeedWorkload w, AnalyticAnswer a) {
        evaluate(w.mode(), w.inputTokens(), w.outputTokens(), w.concurrency(), w.requestsPerSecond(),
                w.sharedPrefixTokens(), a);
    }

    /**
     * The analytic answer for one workload, written into {@code a}.
     *
     * @param concurrency       clients in fixed-concurrency mode (ignored elsewhere)
     * @param requestsPerSecond arrival rate in arrival-rate mode (ignored elsewhere)
     */
    public void evaluate(WorkloadMode mode, int inputTokens, int outputTokens, int concurrency,
                         double requestsPerSecond, int sharedPrefixTokens, AnalyticAnswer a) {
        int cached = cachedTokens(sharedPrefixTokens, inputTokens);
        int fresh = Math.max(1, inputTokens - cached);
        double pairs = StepPhysics.attentionPairs(fresh, cached);
        double context = inputTokens + outputTokens / 2.0;
        double prefill = ph.prefillSeconds(fresh, cached, chunkTokens);
        int kvCap = kvBatchCap(cached, fresh, outputTokens);
        int cap = Math.max(1, Math.min(maxRunning, kvCap));
        double satCycle = cycle(cap, context, cap, fresh, pairs, outputTokens);
        double saturated = replicas * cap * outputTokens / satCycle;
        a.utilisationFraction = Double.NaN;
        a.meanQueueWaitSeconds = Double.NaN;
        a.exceedsCapacity = false;
        a.ttftNeedsRequestCount = false;
        double tpot;
        double ttft;
        boolean openLoopPercentiles = false;
        switch (mode) {
            case SINGLE_STREAM: {
                a.batchSize = 1;
                tpot = ph.decodeStepSeconds(1, context);
                ttft = requestOverhead + prefill;
                a.outputTokensPerSecond = 1.0 / tpot;
                a.requestsPerSecond = 1.0 / (ttft + (outputTokens - 1) * tpot);
                break;
            }
            case FIXED_CONCURRENCY: {
                double perReplica = (double) concurrency / replicas;
                double batch = Math.max(1, Math.min(perReplica, cap));
                tpot = tpot(batch, context, fresh, pairs, outputTokens);
                double toFirstToken = requestOverhead + prefill
                        + (batch > 1 ? 0.5 * ph.decodeStepSeconds(batch, context) : 0);
                double service = toFirstToken + (outputTokens - 1) * tpot;
                double x = batch / service;
                double queueWait = perReplica > batch ? perReplica / x - service : 0;
                ttft = queueWait + toFirstToken;
                if (requestCount > 0) {
                    double requests = Math.max(1.0, (double) requestCount / replicas);
                    double k = Math.min(batch, requests);
                    double firstWave = requestOverhead + prefill + prefill * (k - 1) / 2.0;
                    ttft = (k * firstWave + (requests - k) * ttft) / requests;
                }
                a.batchSize = batch;
                a.outputTokensPerSecond = replicas * x * outputTokens;
                a.requestsPerSecond = replicas * x;
                break;
            }
            case MAX_THROUGHPUT: {
                double requests = requestCount > 0 ? (double) requestCount / replicas : Double.POSITIVE_INFINITY;
                double batch = Math.max(1, Math.min(cap, requests));
                double cyc = cycle(batch, context, batch, fresh, pairs, outputTokens);
                double x = batch / cyc;
                tpot = tpot(batch, context, fresh, pairs, outputTokens);
                if (Double.isInfinite(requests)) {
                    a.outputTokensPerSecond = replicas * batch * outputTokens / cyc;
                    ttft = Double.NaN;
                    a.ttftNeedsRequestCount = true;
                } else {
                    double makespan = requests > batch ? (requests - batch) / x + cyc : cyc;
                    a.outputTokensPerSecond = replicas * requests * outputTokens / makespan;
                    double firstWave = requestOverhead + prefill + prefill * (batch - 1) / 2.0;
                    double queued = requests - batch;
                    ttft = (batch * firstWave + queued * (queued / (2 * x) + requestOverhead + prefill)) / requests;
                }
                a.batchSize = batch;
                a.requestsPerSecond = a.outputTokensPerSecond / outputTokens;
                break;
            }
            case ARRIVAL_RATE: {
                double lambda = requestsPerSecond / replicas;
                double xMax = cap / satCycle;
                a.utilisationFraction = lambda / xMax;
                if (a.utilisationFraction >= EXCEEDS_UTILISATION
                        || !openLoop(lambda, context, prefill, cap, fresh, pairs, outputTokens, a)) {
                    a.exceedsCapacity = true;
                    a.batchSize = cap;
                    tpot = tpot(cap, context, fresh, pairs, outputTokens);
                    ttft = Double.NaN;
                    a.meanQueueWaitSeconds = Double.NaN;
                    a.outputTokensPerSecond = saturated;
                    a.requestsPerSecond = replicas * xMax;
                    break;
                }
                tpot = a.tpot.mean;
                ttft = a.ttft.mean;
                openLoopPercentiles = true;
                a.outputTokensPerSecond = requestsPerSecond * outputTokens;
                a.requestsPerSecond = requestsPerSecond;
                break;
            }
            default:
                throw new IllegalStateException("mode " + mode);
        }
        boolean alike = mode == WorkloadMode.SINGLE_STREAM;
        a.tpot.set(tpot, alike);
        if (!openLoopPercentiles) {
            a.ttft.set(ttft, alike);
            a.e2e.set(Double.isFinite(ttft) ? ttft + (outputTokens - 1) * tpot : Double.NaN, alike);
        }
        a.prefillTokensPerSecond = fresh / prefill;
        a.outputTokensPerSecondPerRequest = 1.0 / tpot;
        a.saturatedOutputTokensPerSecond = saturated;
        a.schedulerCap = maxRunning;
        a.kvCap = kvCap;
    }

    /**
     * Poisson arrivals at λ per replica (see {@code OpenLoop}): writes batch, TPOT, TTFT and E2E percentiles and the
     * mean wait into {@code a}; false when a stage is overloaded.
     */
    private boolean openLoop(double lambda, double context, double prefill, int cap, int fresh, double pairs,
                             int output, AnalyticAnswer a) {
        double prefillBusy = mixed ? 0 : lambda * prefill;
        if (prefillBusy >= 1) {
            return false;
        }
        double promptRate = lambda * fresh;
        double pairRate = lambda * pairs;
        BatchFixedPoint.solve(ph, mixed, lambda, context, prefill, output, cap, promptRate, pairRate, prefillBusy, a);
        double b = a.batchSize;
        double tpot = a.tpot.mean;
        double prefillWait = mixed ? 0 : Queueing.md1MeanWaitSeconds(lambda, prefill);
        double service = requestOverhead + prefill + prefillWait + (output - 1) * tpot;
        // Queueing.mdcMeanWaitSeconds and erlangC on the same offered load, its Erlang C computed once
        double offered = lambda * service;
        double pWait = Queueing.erlangC(cap, offered);
        double slotWait = offered >= cap ? Double.POSITIVE_INFINITY : 0.5 * pWait * service / (cap - offered);
        if (Double.isInfinite(prefillWait) || Double.isInfinite(slotWait)) {
            return false;
        }
        double pPrefill = mixed ? 0 : Math.min(1, lambda * prefill);
        a.batchSize = Math.min(cap, Math.max(b, 1e-3));
        a.meanQueueWaitSeconds = slotWait + prefillWait;
        a.ttft.mean = requestOverhead + prefill + prefillWait + slotWait;
        a.e2e.mean = a.ttft.mean + (output - 1) * tpot;
        double base = requestOverhead + prefill;
        double decode = (output - 1) * tpot;
        for (int k = 0; k < QUANTILES.length; k++) {
            double t = base + Queueing.waitQuantileSeconds(pWait, slotWait, QUANTILES[k])
                    + Queueing.waitQuantileSeconds(pPrefill, prefillWait, QUANTILES[k]);
            setQuantile(a, k, t, t + decode);
        }
        return true;
    }

    private static void setQuantile(AnalyticAnswer a, int k, double ttft, double e2e) {
        switch (k) {
            case 0 -> {
                a.ttft.p50 = ttft;
                a.e2e.p50 = e2e;
            }
            case 1 -> {
                a.ttft.p90 = ttft;
                a.e2e.p90 = e2e;
            }
            case 2 -> {
                a.ttft.p95 = ttft;
                a.e2e.p95 = e2e;
            }
            default -> {
                a.ttft.p99 = ttft;
                a.e2e.p99 = e2e;
            }
        }
    }

    /** A batch of b turning over once with the prompts of {@code prompts} requests in it, seconds. */
    private double cycle(double b, double context, double prompts, int fresh, double pairsPerPrompt, int output) {
        double promptTokens = prompts * fresh;
        if (promptTokens <= 0) {
            return output * ph.decodeStepSeconds(b, context);
        }
        double pairs = prompts * pairsPerPrompt;
        if (mixed) {
            double room = Math.max(1, tokenBudget - b);
            double steps = Math.max(output, promptTokens / room);
            return steps * ph.stepSeconds(b, b * context, promptTokens / steps, pairs / steps);
        }
        double decode = output * ph.decodeStepSeconds(b, context);
        double chunk = Math.min(tokenBudget, promptTokens);
        double prefillSteps = promptTokens / chunk;
        return decode + prefillSteps * ph.stepSeconds(0, 0, chunk, pairs / prefillSteps);
    }

    /** Mean time per output token at batch b: the others' prompt work in or between the decode steps. */
    private double tpot(double b, double context, int fresh, double pairsPerPrompt, int output) {
        if (staticBatching) {
            return ph.decodeStepSeconds(b, context);
        }
        return Math.max(ph.decodeStepSeconds(b, context),
                cycle(b, context, b - 1, fresh, pairsPerPrompt, output) / output);
    }

    /** Prompt tokens found in the prefix cache (as {@link SchedulerPolicy#cachedTokens}). */
    private int cachedTokens(int sharedPrefixTokens, int inputTokens) {
        int usable = Math.min(sharedPrefixTokens, inputTokens - 1);
        switch (prefixKind) {
            case RADIX:
                return Math.max(0, usable);
            case BLOCKS:
                return Math.max(0, usable / block * block);
            default:
                return 0;
        }
    }

    /** Requests the KV cache holds at once in steady state (as {@link ReplicaSetup#kvBatchCap}). */
    private int kvBatchCap(int cached, int fresh, int output) {
        double held;
        switch (admission) {
            case RESERVE_FULL:
                held = Math.ceil((fresh + output) / (double) block) * block;
                break;
            case RESERVE_ESTIMATE:
                held = fresh + output / 2.0 + ratioFloor * output / 2.0;
                break;
            default:
                held = fresh + output / 2.0 + (block - 1) / 2.0;
                break;
        }
        double cap = (kvCapacityTokens - cached) / held;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2.0, Math.floor(cap)));
    }
}
