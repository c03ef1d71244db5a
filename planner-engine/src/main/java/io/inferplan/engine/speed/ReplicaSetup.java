package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.Policies;
import io.inferplan.engine.speed.policy.PolicyInputs;
import io.inferplan.engine.speed.policy.SchedulerPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * One replica resolved for the speed model, shared by the simulator and the analytic path: its step physics, its
 * scheduler policy, its KV capacity, and the workload's prompt split into cached and new tokens. Built once per
 * prediction from the memory model's facts (or coarse stand-ins, with a warning, when there are none).
 *
 * @param kvCapacityTokens tokens (all layers) the replica's KV cache holds
 * @param cachedTokens     prompt tokens found in the prefix cache (shared prefix, prefix caching on)
 * @param newTokens        prompt tokens each request computes
 */
public record ReplicaSetup(SpeedInput input, Efficiency efficiency, StepPhysics physics, SchedulerPolicy policy,
                           double kvCapacityTokens, int cachedTokens, int newTokens, List<String> warnings) {

    /** Resolves a plan; {@code withWarnings = false} skips building warning text (the calibration's inner loop). */
    public static ReplicaSetup of(SpeedInput in, Efficiency e, boolean withWarnings) {
        List<String> warnings = withWarnings ? new ArrayList<>(2) : null;
        ModelSpec m = in.model();
        AcceleratorSpec acc = in.accelerator();
        FrameworkSpec fw = in.framework();
        ServingFacts s = in.serving();
        MemoryFacts mem = in.memory();
        FormatClass fc = FormatClass.of(in.weightFormat());
        if (warnings != null) {
            if (fc == FormatClass.FP8 && !acc.architecture().hasNativeFp8()) {
                warnings.add("FP8 weights run weight-only (W8A16) on " + acc.id() + ": FP16 math");
            }
            if (in.pipelineParallel() > 1) {
                warnings.add("pipeline parallel modelled as sequential stages (no micro-batch overlap)");
            }
            if (mem == null) {
                warnings.add("no memory-model facts given: KV budget and scheduler cap from coarse stand-ins");
            } else {
                warnings.addAll(mem.warnings());
            }
        }
        String version = s.frameworkVersion();
        int running = s.maxConcurrentSequences().isPresent() ? s.maxConcurrentSequences().getAsInt()
                : s.parallelSlots().isPresent() && !fw.pagedKv() ? s.parallelSlots().getAsInt()
                : mem != null ? mem.schedulerCap()
                : fw.pagedKv() ? SchedulerDefaults.maxConcurrentSequences(fw.id(), acc, version)
                : SchedulerDefaults.parallelSlots(fw.id(), version);
        int tokensPerStep = s.maxBatchedTokens().isPresent() ? s.maxBatchedTokens().getAsInt()
                : mem != null ? mem.maxBatchedTokens() : SchedulerDefaults.maxBatchedTokens(fw.id(), acc);
        boolean prefix = s.prefixCaching() != null ? s.prefixCaching() : mem != null ? mem.prefixCaching()
                : fw.prefixCache() != FrameworkSpec.PrefixCache.NONE && SchedulerDefaults.prefixCachingByDefault(fw.id());
        int block = mem != null ? Math.max(1, mem.kvBlockTokens()) : 16;
        boolean staticBatching = s.staticBatching() || !fw.continuousBatching();
        SchedulerPolicy policy = Policies.of(new PolicyInputs(fw.id(), version, Math.max(1, running),
                Math.max(1, tokensPerStep), prefix, block, staticBatching, m.maxContextTokens()));

        double kvPerToken = mem != null ? mem.kvBytesPerToken() : KvBudget.kvBytesPerToken(m, in.kvFormat());
        double bitsPerWeight = mem != null ? mem.effectiveBitsPerWeight() : in.weightFormat().bitsPerValue();
        AcceleratorSpec.Interconnect link = s.linkOverride() != null ? s.linkOverride() : acc.interconnect();
        StepPhysics physics = new StepPhysics(m, bitsPerWeight, kvPerToken, acc, peakFlops(acc, fc), link,
                in.tensorParallel(), in.pipelineParallel(), e, policy.microBatchTokens(),
                !Boolean.FALSE.equals(s.cudaGraphs()), !s.inProcess());

        double capacity;
        if (mem != null && mem.kvTokensPerReplica() > 0) {
            capacity = mem.kvTokensPerReplica();
        } else if (in.kvBytesFreePerAccelerator().isPresent()) {
            capacity = in.kvBytesFreePerAccelerator().getAsDouble() / physics.kvBytesPerTokenPerAccelerator();
        } else {
            double fraction = s.memoryFraction().isPresent() ? s.memoryFraction().getAsDouble()
                    : SchedulerDefaults.memoryFraction(fw.id());
            double free = KvBudget.kvBytesFree(KvBudget.usableBytes(acc.memoryBytes()),
                    KvBudget.weightBytesPerAccelerator(m, in.weightFormat(), in.acceleratorsPerReplica()), fraction,
                    SchedulerDefaults.memoryFractionOfTotal(fw.id()));
            capacity = free / physics.kvBytesPerTokenPerAccelerator();
        }
        SpeedWorkload w = in.workload();
        int cached = policy.cachedTokens(w.sharedPrefixTokens(), w.inputTokens());
        int fresh = Math.max(1, w.inputTokens() - cached);
        if (warnings != null) {
            if (physics.flopsSubstituted()) {
                warnings.add("no datasheet FLOPS for " + acc.id() + ": effective FLOP/s = fitted FLOP-per-byte × "
                        + "memory bandwidth");
            }
            Integer perSlot = mem != null ? mem.contextPerSlotTokens() : null;
            if (!fw.pagedKv() && perSlot != null && w.inputTokens() + w.outputTokens() > perSlot) {
                warnings.add("request of " + (w.inputTokens() + w.outputTokens()) + " tokens exceeds the " + perSlot
                        + "-token context per slot: it would be truncated");
            }
            if (capacity < w.inputTokens() + w.outputTokens()) {
                warnings.add("free KV memory does not hold one request of " + (w.inputTokens() + w.outputTokens())
                        + " tokens");
            }
        }
        return new ReplicaSetup(in, e, physics, policy, Math.max(1, capacity), cached, fresh,
                warnings == null ? List.of() : warnings);
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

    /**
     * Time a request spends outside the accelerators before the scheduler sees it (HTTP, tokenizer), seconds: the
     * fitted request overhead, or none when the run drives the engine in-process.
     */
    public double requestOverheadSeconds() {
        return input.serving().inProcess() ? 0 : efficiency.requestOverheadSeconds();
    }

    /** Requests the benchmark submits (serving.requestCount, else the memory model's resolved setup), or null. */
    public Integer requestCount() {
        if (input.serving().requestCount().isPresent()) {
            return input.serving().requestCount().getAsInt();
        }
        return input.memory() != null ? input.memory().requestCount() : null;
    }

    /** Tokens per step a request's prompt may take when it is alone (the chunk size), 0 = unchunked. */
    public int prefillChunkTokens() {
        return policy.chunkedPrefill() ? policy.tokenBudgetPerStep() : 0;
    }

    /** One request's prompt prefilled alone, seconds. */
    public double isolatedPrefillSeconds() {
        return physics.prefillSeconds(newTokens, cachedTokens, prefillChunkTokens());
    }

    /**
     * KV tokens one running request holds on average in steady state: reserve-to-completion holds input + output;
     * on-demand allocation holds input + output/2 on average; SGLang also reserves its new-token ratio (floor) of the
     * remaining output.
     */
    public double meanHeldTokensPerRequest() {
        int out = input.workload().outputTokens();
        switch (policy.kvAdmission()) {
            case RESERVE_FULL:
                return Math.ceil((newTokens + out) / (double) policy.kvBlockTokens()) * policy.kvBlockTokens();
            case RESERVE_ESTIMATE:
                return newTokens + out / 2.0 + policy.newTokenRatio().floor() * out / 2.0;
            default:
                return newTokens + out / 2.0 + (policy.kvBlockTokens() - 1) / 2.0;
        }
    }

    /** Requests the KV cache holds at once in steady state (the shared prefix stored once). */
    public int kvBatchCap() {
        double cap = (kvCapacityTokens - cachedTokens) / meanHeldTokensPerRequest();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2.0, Math.floor(cap)));
    }

    /** Requests decoding together at most: the scheduler's cap and the KV cache's. */
    public int batchCap() {
        return Math.max(1, Math.min(policy.maxRunningSequences(), kvBatchCap()));
    }
}
