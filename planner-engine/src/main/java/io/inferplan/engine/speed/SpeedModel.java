package io.inferplan.engine.speed;

import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The speed model's entry point: roofline step times ({@link StepTimes}) with fitted efficiencies, a batching
 * model (continuous vs static, scheduler cap, KV-memory cap, fixed slots) and queueing ({@link Queueing}).
 *
 * <p>Steady state of continuous batching with B requests in the batch, each with I input and O output tokens:
 * one "cycle" (the time in which the batch turns over once) is
 * {@code cycle(B) = O × step(B, I + O/2) + B × φ × prefillCompute(I)}, where φ is the fitted prefill–decode
 * interference and prefillCompute is a prefill's FLOP time when batched with other work. Output throughput =
 * B × O ÷ cycle; TPOT = (O × step + φ (B−1) prefillCompute) ÷ O. Static batching: the whole batch is prefilled
 * together, then decoded to the end: cycle = batchPrefill(B) + O × step. TTFT adds the per-request serving
 * overhead (latency, not GPU time) and the request's own isolated prefill.
 */
public final class SpeedModel {
    private static final double EXCEEDS_UTILISATION = 0.995;

    private SpeedModel() {
    }

    /**
     * The production path: the memory model evaluates the plan (parallelism, resolved serving setup, KV budget),
     * then the speed model answers for it. An incompatible combination answers with its reason.
     */
    public static PerformanceEstimate predict(MemoryInput in, EfficiencyProfile profile) {
        java.util.Optional<String> reason = MemoryModel.incompatibility(in);
        if (reason.isPresent()) {
            RawPrediction u = RawPrediction.unsupported(reason.get());
            double n = Double.NaN;
            return new PerformanceEstimate(in.parallelism() == null ? 0 : in.parallelism().acceleratorCount(), n,
                    n, n, n, n, n, n, n, n, n, n, n, n, n, null, 0, 0, "n/a", u.unsupportedReason(), u.warnings());
        }
        return predict(SpeedInput.from(in, MemoryModel.evaluate(in)), profile);
    }

    /** Full answer with bands and provenance. */
    public static PerformanceEstimate predict(SpeedInput in, EfficiencyProfile profile) {
        String fw = in.framework().id();
        Architecture hw = in.accelerator().architecture();
        FormatClass fc = FormatClass.of(in.weightFormat());
        RawPrediction r = evaluate(in, profile.resolve(fw, hw, fc));
        boolean cal = profile.calibrated(fw, hw);
        String provenance = profile.provenance(fw, hw, fc);
        List<String> warnings = new ArrayList<>(r.warnings());
        if (!cal) {
            warnings.add("framework × hardware pair " + fw + " × " + EfficiencyProfile.hardwareKey(hw)
                    + " is not calibrated: wider range; post measurements to recalibrate");
        }
        if (r.flopsSubstituted()) {
            provenance += "; no datasheet FLOPS for " + in.accelerator().id()
                    + ": effective FLOP/s = fitted FLOP-per-byte × memory bandwidth";
        }
        double[] th = profile.band(EfficiencyProfile.MetricGroup.THROUGHPUT, cal);
        double[] tt = profile.band(EfficiencyProfile.MetricGroup.TTFT, cal);
        double[] tp = profile.band(EfficiencyProfile.MetricGroup.TPOT, cal);
        double ttftMs = r.ttftSeconds() * 1000;
        double tpotMs = r.tpotSeconds() * 1000;
        PerformanceEstimate.QueueingEstimate q = null;
        if (in.workload().mode() == WorkloadMode.ARRIVAL_RATE) {
            q = new PerformanceEstimate.QueueingEstimate(Queueing.MODEL_NAME, r.utilisationFraction(),
                    r.exceedsCapacity(), r.meanWaitSeconds() * 1000, r.p50LatencySeconds() * 1000,
                    r.p95LatencySeconds() * 1000, r.ttftP95Seconds() * 1000);
        }
        return new PerformanceEstimate(in.acceleratorCount(), r.batchSize(),
                ttftMs, ttftMs * tt[0], ttftMs * tt[1],
                tpotMs, tpotMs * tp[0], tpotMs * tp[1],
                r.prefillTokensPerSecond(), r.outputTokensPerSecondPerRequest(),
                r.outputTokensPerSecond(), r.outputTokensPerSecond() * th[0], r.outputTokensPerSecond() * th[1],
                r.requestsPerSecond(), r.saturatedOutputTokensPerSecond(), q, r.schedulerCap(), r.kvCap(),
                provenance, r.unsupportedReason(), warnings);
    }

    /** Why a combination cannot run, or null (engine.md "Honesty": say so instead of computing a number). */
    public static String unsupportedReason(SpeedInput in) {
        AcceleratorSpec acc = in.accelerator();
        FrameworkSpec fw = in.framework();
        Architecture.Vendor vendor = acc.architecture().vendor();
        if (!fw.hardwareVendors().isEmpty() && !fw.hardwareVendors().contains(vendor)) {
            return fw.id() + " does not run on " + vendor + " hardware";
        }
        NumberFormatSpec w = in.weightFormat();
        if (!w.frameworks().isEmpty() && !w.frameworks().contains(fw.id())) {
            return "weight format " + w.id() + " is not loaded by " + fw.id();
        }
        switch (w.needs()) {
            case NATIVE_NVFP4:
                if (!acc.architecture().hasNativeNvfp4()) {
                    return w.id() + " needs NVIDIA Blackwell FP4 tensor cores; " + acc.id() + " has none";
                }
                break;
            case NVIDIA_ONLY:
                if (vendor != Architecture.Vendor.NVIDIA) {
                    return w.id() + " runs on NVIDIA GPUs only";
                }
                break;
            case NATIVE_FP8:
                if (!acc.architecture().hasNativeFp8() && !weightOnlyFp8Fallback(fw.id())) {
                    return w.id() + " needs native FP8 (Ada/Hopper or newer, MI300); " + acc.id() + " has none";
                }
                break;
            default:
                break;
        }
        if (in.kvFormat().needs() == NumberFormatSpec.HardwareNeed.NATIVE_FP8 && !acc.architecture().hasNativeFp8()
                && !weightOnlyFp8Fallback(fw.id())) {
            return "KV format " + in.kvFormat().id() + " needs native FP8 on " + fw.id();
        }
        if (in.memory() != null) {
            return in.memory().fits() ? null : "does not fit in memory on " + in.acceleratorCount() + " × "
                    + acc.id() + " (see the memory answer)";
        }
        double weights = KvBudget.weightBytesPerAccelerator(in.model(), w, in.acceleratorsPerReplica());
        if (weights > KvBudget.usableBytes(acc.memoryBytes())) {
            return String.format(java.util.Locale.ROOT, "weights need %.1f GB per accelerator, %s has %.1f GB",
                    weights / 1e9, acc.id(), acc.memoryBytes() / 1e9);
        }
        return null;
    }

    /** vLLM and SGLang run FP8 checkpoints weight-only (W8A16 Marlin) on GPUs without FP8 math. */
    private static boolean weightOnlyFp8Fallback(String fw) {
        return "vllm".equals(fw) || "sglang".equals(fw);
    }

    /** Datasheet peak FLOP/s the format's GEMMs run at on this accelerator (0 = unknown). */
    static double peakFlops(AcceleratorSpec acc, FormatClass fc) {
        Architecture a = acc.architecture();
        if (fc == FormatClass.FP4 && a.hasNativeNvfp4() && acc.fp4FlopsPerSecond() > 0) {
            return acc.fp4FlopsPerSecond();
        }
        if ((fc == FormatClass.FP8 || fc == FormatClass.FP4) && a.hasNativeFp8() && acc.fp8FlopsPerSecond() > 0) {
            return acc.fp8FlopsPerSecond();
        }
        return acc.fp16FlopsPerSecond();
    }

    /** Point prediction for one efficiency set (the calibration's inner loop; no bands). */
    public static RawPrediction evaluate(SpeedInput in, Efficiency e) {
        return evaluate(in, e, true);
    }

    /** As {@link #evaluate(SpeedInput, Efficiency)}; {@code withWarnings=false} skips building warning text. */
    public static RawPrediction evaluate(SpeedInput in, Efficiency e, boolean withWarnings) {
        String reason = unsupportedReason(in);
        if (reason != null) {
            return RawPrediction.unsupported(reason);
        }
        List<String> warnings = withWarnings ? new ArrayList<>(2) : null;
        ModelSpec m = in.model();
        AcceleratorSpec acc = in.accelerator();
        FrameworkSpec fwSpec = in.framework();
        String fw = fwSpec.id();
        ServingFacts s = in.serving();
        SpeedWorkload w = in.workload();
        FormatClass fc = FormatClass.of(in.weightFormat());
        if (fc == FormatClass.FP8 && !acc.architecture().hasNativeFp8()) {
            if (warnings != null) warnings.add("FP8 weights run weight-only (W8A16) on " + acc.id() + ": FP16 math");
        }
        int tp = in.tensorParallel();
        int pp = in.pipelineParallel();
        int replicas = in.replicas();
        if (pp > 1) {
            if (warnings != null) warnings.add("pipeline parallel modelled as sequential stages (no micro-batch overlap)");
        }
        AcceleratorSpec.Interconnect link = s.linkOverride() != null ? s.linkOverride() : acc.interconnect();
        MemoryFacts mem = in.memory();
        if (mem == null && warnings != null) {
            warnings.add("no memory-model facts given: KV budget and scheduler cap from coarse stand-ins");
        }
        if (mem != null && warnings != null) {
            warnings.addAll(mem.warnings());
        }
        double kvPerToken = mem != null ? mem.kvBytesPerToken() : KvBudget.kvBytesPerToken(m, in.kvFormat());
        double bitsPerWeight = mem != null ? mem.effectiveBitsPerWeight() : in.weightFormat().bitsPerValue();
        StepTimes st = new StepTimes(m, bitsPerWeight, kvPerToken, acc, peakFlops(acc, fc), link, tp, pp, e);

        int input = w.inputTokens();
        int output = w.outputTokens();
        boolean prefixOn = s.prefixCaching() != null ? s.prefixCaching() : mem != null ? mem.prefixCaching()
                : fwSpec.prefixCache() != FrameworkSpec.PrefixCache.NONE && SchedulerDefaults.prefixCachingByDefault(fw);
        int cached = prefixOn ? w.sharedPrefixTokens() : 0;
        double newTokens = Math.max(1, input - cached);
        int chunk = s.maxBatchedTokens().isPresent() ? s.maxBatchedTokens().getAsInt()
                : mem != null ? mem.maxBatchedTokens() : SchedulerDefaults.maxBatchedTokens(fw, acc);
        double prefill = st.prefillSeconds(newTokens, cached, chunk);
        double prefillBatched = st.prefillComputeSeconds(newTokens, cached);
        double context = input + output / 2.0;

        // Batch caps: scheduler (or fixed slots) and free KV memory.
        boolean slotted = !fwSpec.pagedKv();
        int schedCap;
        int kvCap = Integer.MAX_VALUE;
        if (mem != null) {
            schedCap = mem.schedulerCap();
            kvCap = mem.maxConcurrentPerReplica();
            if (!slotted && !SchedulerDefaults.reservesKvToCompletion(fw)) {
                // KV blocks are allocated as tokens arrive: in steady state a running request holds I + O/2
                // tokens on average, not the I + O the memory answer sizes for, so that many more run at once
                double fullOverMean = (input + output) / (input + output / 2.0);
                kvCap = (int) Math.min(Integer.MAX_VALUE / 2.0, Math.floor(mem.kvFitRequestsPerReplica() * fullOverMean));
            }
            if (slotted && mem.contextPerSlotTokens() != null && input + output > mem.contextPerSlotTokens()
                    && warnings != null) {
                warnings.add("request of " + (input + output) + " tokens exceeds the " + mem.contextPerSlotTokens()
                        + "-token context per slot: it would be truncated");
            }
        } else {
            if (slotted) {
                schedCap = s.parallelSlots().isPresent() ? s.parallelSlots().getAsInt()
                        : SchedulerDefaults.parallelSlots(fw, s.frameworkVersion());
                int perSlot = s.contextPerSlotTokens().isPresent() ? s.contextPerSlotTokens().getAsInt()
                        : SchedulerDefaults.contextPerSlotTokens(fw, s.frameworkVersion(), m.maxContextTokens());
                if (input + output > perSlot) {
                    if (warnings != null) warnings.add("request of " + (input + output) + " tokens exceeds the " + perSlot
                            + "-token context per slot: it would be truncated");
                }
            } else {
                schedCap = s.maxConcurrentSequences().isPresent() ? s.maxConcurrentSequences().getAsInt()
                        : SchedulerDefaults.maxConcurrentSequences(fw, acc, s.frameworkVersion());
            }
            if (!slotted) {
                double kvFree;
                if (in.kvBytesFreePerAccelerator().isPresent()) {
                    kvFree = in.kvBytesFreePerAccelerator().getAsDouble();
                } else {
                    double fraction = s.memoryFraction().isPresent() ? s.memoryFraction().getAsDouble()
                            : SchedulerDefaults.memoryFraction(fw);
                    kvFree = KvBudget.kvBytesFree(KvBudget.usableBytes(acc.memoryBytes()),
                            KvBudget.weightBytesPerAccelerator(m, in.weightFormat(), in.acceleratorsPerReplica()),
                            fraction, SchedulerDefaults.memoryFractionOfTotal(fw));
                }
                double perRequest = SchedulerDefaults.reservesKvToCompletion(fw) ? newTokens + output
                        : newTokens + output / 2.0;
                double sharedStored = cached * st.kvBytesPerTokenPerAccelerator();
                double cap = (kvFree - sharedStored) / (perRequest * st.kvBytesPerTokenPerAccelerator());
                kvCap = (int) Math.max(0, Math.min(Integer.MAX_VALUE / 2.0, Math.floor(cap)));
                if (kvCap < 1) {
                    if (warnings != null) warnings.add("free KV memory does not hold one request of " + (input + output) + " tokens");
                    kvCap = 1;
                }
            }
        }
        int capEff = Math.max(1, Math.min(schedCap, kvCap));
        boolean staticBatching = s.staticBatching() || !fwSpec.continuousBatching();
        double reqOver = e.requestOverheadSeconds();
        double phi = e.prefillInterferenceFraction();

        double batch;
        double ttft;
        double tpot;
        double outTotal;
        double rps;
        double n = Double.NaN;
        double util = Double.NaN;
        double wait = Double.NaN;
        double p50 = Double.NaN;
        double p95 = Double.NaN;
        double ttftP95 = Double.NaN;
        boolean exceeds = false;
        double satCycle = cycle(st, capEff, context, output, newTokens, cached, chunk, prefillBatched, phi,
                staticBatching);
        double saturated = replicas * capEff * output / satCycle;

        switch (w.mode()) {
            case SINGLE_STREAM: {
                batch = 1;
                tpot = st.decodeStepSeconds(1, context);
                ttft = reqOver + prefill;
                outTotal = 1.0 / tpot;
                rps = 1.0 / (ttft + (output - 1) * tpot);
                break;
            }
            case FIXED_CONCURRENCY: {
                double perReplica = (double) w.concurrency() / replicas;
                batch = Math.max(1, Math.min(perReplica, capEff));
                double cyc = cycle(st, batch, context, output, newTokens, cached, chunk, prefillBatched, phi,
                        staticBatching);
                double x = batch / cyc;
                double queueWait = perReplica > batch ? perReplica / x - cyc : 0;
                double step = st.decodeStepSeconds(batch, context);
                if (staticBatching) {
                    tpot = step;
                    ttft = queueWait + reqOver + st.batchPrefillSeconds(batch, newTokens, cached, chunk);
                } else {
                    tpot = continuousTpot(st, step, batch, output, newTokens, prefillBatched, phi, chunk);
                    ttft = queueWait + reqOver + prefill + (batch > 1 ? 0.5 * step : 0);
                    Integer count = requestCount(s, mem);
                    if (count != null) {
                        // a benchmark of N requests starts its clients together: the first wave of k requests
                        // prefills back to back (mean wait (k − 1)/2 batched prefills), the other N − k arrive
                        // one at a time as earlier ones finish (the steady state above)
                        double requests = Math.max(1.0, (double) count / replicas);
                        double k = Math.min(batch, requests);
                        double firstWave = reqOver + prefill + prefillBatched * (k - 1) / 2.0;
                        ttft = (k * firstWave + (requests - k) * ttft) / requests;
                    }
                }
                outTotal = replicas * batch * output / cyc;
                rps = replicas * x;
                break;
            }
            case MAX_THROUGHPUT: {
                Integer count = requestCount(s, mem);
                double requests = count != null ? (double) count / replicas : Double.POSITIVE_INFINITY;
                batch = Math.max(1, Math.min(capEff, requests));
                double cyc = cycle(st, batch, context, output, newTokens, cached, chunk, prefillBatched, phi,
                        staticBatching);
                double x = batch / cyc;
                double step = st.decodeStepSeconds(batch, context);
                tpot = staticBatching ? step
                        : continuousTpot(st, step, batch, output, newTokens, prefillBatched, phi, chunk);
                if (Double.isInfinite(requests)) {
                    outTotal = replicas * batch * output / cyc;
                    ttft = Double.NaN;
                    if (warnings != null) warnings.add("TTFT in max-throughput depends on how many requests the benchmark submits: "
                            + "give serving.requestCount");
                } else {
                    double makespan = requests > batch ? (requests - batch) / x + cyc : cyc;
                    if (s.variableLengths()) {
                        // the longest requests finish alone: (tail − 1) × O more steps at batch ≈ 1
                        makespan += (e.lengthTailFactor() - 1) * output * st.decodeStepSeconds(1, context);
                    }
                    outTotal = replicas * requests * output / makespan;
                    double firstWave = reqOver + prefill + prefillBatched * (batch - 1) / 2.0;
                    double queued = requests - batch;
                    ttft = (batch * firstWave + queued * (queued / (2 * x) + reqOver + prefill)) / requests;
                }
                rps = outTotal / output;
                break;
            }
            case ARRIVAL_RATE: {
                double lambda = w.requestsPerSecond() / replicas;
                double xMax = capEff / satCycle;
                util = lambda / xMax;
                if (util >= EXCEEDS_UTILISATION) {
                    exceeds = true;
                    batch = capEff;
                    double stepAtCap = st.decodeStepSeconds(capEff, context);
                    tpot = staticBatching ? stepAtCap
                            : continuousTpot(st, stepAtCap, capEff, output, newTokens, prefillBatched, phi, chunk);
                    ttft = Double.NaN;
                    outTotal = saturated;
                    rps = replicas * xMax;
                    if (warnings != null) warnings.add(String.format(java.util.Locale.ROOT,
                            "arrival rate %.3g req/s exceeds capacity %.3g req/s: the queue grows without bound",
                            w.requestsPerSecond(), replicas * xMax));
                    break;
                }
                double prefillBusy = Math.min(0.95, lambda * phi * prefillBatched);
                double prefillWait = Queueing.md1MeanWaitSeconds(lambda, prefillBatched);
                if (Double.isInfinite(prefillWait)) {
                    prefillWait = 0;
                }
                double b = Math.max(1e-3, lambda * (prefill + output * st.decodeStepSeconds(1, context)));
                double tp1 = 0;
                for (int i = 0; i < 40; i++) {
                    tp1 = st.decodeStepSeconds(Math.max(1, Math.min(b, capEff)), context) / (1 - prefillBusy);
                    double inSystem = lambda * (prefill + (output - 1) * tp1 + 0.5 * tp1);
                    if (Math.abs(inSystem - b) < 1e-4 * Math.max(1, b)) {
                        b = inSystem;
                        break;
                    }
                    b = 0.5 * (b + inSystem);
                }
                tpot = tp1;
                double service = reqOver + prefill + prefillWait + (output - 1) * tpot;
                double slotWait = Queueing.mdcMeanWaitSeconds(capEff, lambda, service);
                if (Double.isInfinite(slotWait)) {
                    exceeds = true;
                    batch = capEff;
                    ttft = Double.NaN;
                    outTotal = saturated;
                    rps = replicas * xMax;
                    if (warnings != null) warnings.add("arrival rate exceeds the " + capEff + " decode slots' capacity");
                    break;
                }
                double pWait = Queueing.erlangC(capEff, lambda * service);
                batch = Math.min(capEff, Math.max(b, 1e-3));
                ttft = reqOver + prefillWait + prefill + slotWait;
                wait = slotWait + prefillWait;
                double pWaitPrefill = Math.min(1, lambda * prefillBatched);
                double base = service;
                p50 = base + Queueing.waitQuantileSeconds(pWait, slotWait, 0.5)
                        + Queueing.waitQuantileSeconds(pWaitPrefill, prefillWait, 0.5) - prefillWait;
                p95 = base + Queueing.waitQuantileSeconds(pWait, slotWait, 0.95)
                        + Queueing.waitQuantileSeconds(pWaitPrefill, prefillWait, 0.95) - prefillWait;
                ttftP95 = reqOver + prefill + Queueing.waitQuantileSeconds(pWait, slotWait, 0.95)
                        + Queueing.waitQuantileSeconds(pWaitPrefill, prefillWait, 0.95);
                outTotal = w.requestsPerSecond() * output;
                rps = w.requestsPerSecond();
                break;
            }
            default:
                throw new IllegalStateException("mode " + w.mode());
        }
        return new RawPrediction(null, batch, ttft, tpot, newTokens / prefill, 1.0 / tpot, outTotal, rps, saturated,
                exceeds, util, wait, p50, p95, ttftP95, schedCap, kvCap, st.flopsSubstituted,
                warnings == null ? List.of() : warnings);
    }

    /** The benchmark's request count: the serving facts', else the memory model's resolved setup's, else null. */
    private static Integer requestCount(ServingFacts s, MemoryFacts mem) {
        return s.requestCount().isPresent() ? Integer.valueOf(s.requestCount().getAsInt())
                : mem != null ? mem.requestCount() : null;
    }

    /**
     * Mean time per output token under continuous batching: a request's O decode steps plus the interference of
     * the b − 1 other requests' prefills over its life, (O × step + φ (b − 1) prefillCompute) ÷ O. With chunked
     * prefill a step carries at most {@code chunk} prefill tokens, so no gap between two tokens exceeds one decode
     * step plus one chunk's prefill compute: short outputs behind a queue of prompts are capped there.
     */
    static double continuousTpot(StepTimes st, double step, double b, int output, double newTokens,
                                 double prefillBatched, double phi, int chunk) {
        double tpot = (output * step + phi * (b - 1) * prefillBatched) / output;
        if (chunk > 0) {
            double chunkTokens = Math.min(chunk, Math.max(1, (b - 1) * newTokens));
            tpot = Math.min(tpot, step + phi * st.prefillComputeSeconds(chunkTokens, 0));
        }
        return tpot;
    }

    /**
     * Time in which a batch of b requests turns over once, seconds (see class Javadoc). Continuous batching:
     * O decode steps plus the batched prefill compute of b new requests times the interference φ; static: the
     * batch's prefill, then O decode steps.
     */
    static double cycle(StepTimes st, double b, double context, int output, double newTokens, double cached,
                        int chunk, double prefillBatched, double phi, boolean staticBatching) {
        double decode = output * st.decodeStepSeconds(b, context);
        if (staticBatching) {
            return st.batchPrefillSeconds(b, newTokens, cached, chunk) + decode;
        }
        return decode + b * phi * prefillBatched;
    }
}
