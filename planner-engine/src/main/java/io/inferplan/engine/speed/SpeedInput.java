package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import io.inferplan.engine.memory.KvCacheModel;
import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.spec.Parallelism;

import java.util.OptionalDouble;

/**
 * Everything the speed model needs for one plan. {@code acceleratorCount = tensorParallel × pipelineParallel ×
 * replicas}. {@code memory}, when present, carries the memory model's answer (bytes per weight after the format's
 * tensor mix, KV bytes per token, the batch KV memory and the scheduler allow); build such an input with
 * {@link #from(MemoryInput, MemoryEstimate)}. Without it the speed model uses coarse stand-ins ({@link KvBudget},
 * {@link SchedulerDefaults}) and says so in a warning; {@code kvBytesFreePerAccelerator} then overrides the
 * stand-in KV budget.
 */
public record SpeedInput(ModelSpec model, NumberFormatSpec weightFormat, NumberFormatSpec kvFormat,
                         AcceleratorSpec accelerator, int acceleratorCount, FrameworkSpec framework,
                         SpeedWorkload workload, int tensorParallel, int pipelineParallel, int replicas,
                         ServingFacts serving, OptionalDouble kvBytesFreePerAccelerator, MemoryFacts memory) {

    public SpeedInput {
        SpeedWorkload.require(model != null && weightFormat != null && kvFormat != null && accelerator != null
                && framework != null && workload != null, "input", "model, formats, accelerator, framework and "
                + "workload must be given");
        SpeedWorkload.require(tensorParallel >= 1 && pipelineParallel >= 1 && replicas >= 1, "parallelism",
                "tensorParallel, pipelineParallel and replicas must be >= 1");
        SpeedWorkload.require(tensorParallel * pipelineParallel * replicas == acceleratorCount, "acceleratorCount",
                "must equal tensorParallel × pipelineParallel × replicas");
        serving = serving == null ? ServingFacts.DEFAULTS : serving;
        kvBytesFreePerAccelerator = kvBytesFreePerAccelerator == null ? OptionalDouble.empty()
                : kvBytesFreePerAccelerator;
    }

    /** One replica with all accelerators in tensor parallel (the contract's default parallelism). */
    public static SpeedInput of(ModelSpec model, NumberFormatSpec weights, NumberFormatSpec kv,
                                AcceleratorSpec accelerator, int count, FrameworkSpec framework,
                                SpeedWorkload workload) {
        return new SpeedInput(model, weights, kv, accelerator, count, framework, workload, count, 1, 1,
                ServingFacts.DEFAULTS, OptionalDouble.empty(), null);
    }

    /**
     * The input for a plan the memory model has evaluated: its parallelism, resolved serving setup (version,
     * slots, request count) and KV budget are used as they are.
     */
    public static SpeedInput from(MemoryInput in, MemoryEstimate estimate) {
        Parallelism p = estimate.parallelism();
        NumberFormatSpec kv = in.kvCacheFormat() != null ? in.kvCacheFormat() : KvCacheModel.MODEL_DTYPE;
        ServingFacts facts = ServingFacts.DEFAULTS.withFrameworkVersion(estimate.serving().frameworkVersion());
        return new SpeedInput(in.model(), in.weightFormat(), kv, in.accelerator(), p.acceleratorCount(),
                in.framework(), SpeedWorkload.from(in.workload()), p.tensorParallel(), p.pipelineParallel(),
                p.replicas(), facts, OptionalDouble.empty(), MemoryFacts.from(estimate));
    }

    /** The same input with the memory model's facts for its own parallelism and serving setup. */
    public SpeedInput withMemory(MemoryFacts m) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, workload,
                tensorParallel, pipelineParallel, replicas, serving, kvBytesFreePerAccelerator, m);
    }

    public SpeedInput withWorkload(SpeedWorkload w) {
        // the memory facts were for the old lengths (KV batch cap): dropped
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, w,
                tensorParallel, pipelineParallel, replicas, serving, kvBytesFreePerAccelerator, null);
    }

    /**
     * The same requests under other traffic (mode, concurrency, rate), keeping lengths, shape and the memory facts,
     * which do not depend on the traffic.
     */
    public SpeedInput withTraffic(WorkloadMode mode, int concurrency, double requestsPerSecond) {
        SpeedWorkload w = workload;
        SpeedWorkload t = new SpeedWorkload(mode, w.inputTokens(), w.outputTokens(), Math.max(1, concurrency),
                requestsPerSecond, w.sharedPrefixTokens(), w.inputTokensSpread(), w.outputTokensSpread(),
                w.lengthShape(), w.burstiness());
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, t,
                tensorParallel, pipelineParallel, replicas, serving, kvBytesFreePerAccelerator, memory);
    }

    /** The same lengths and mode with another shape (spreads, burstiness): the memory facts still hold. */
    public SpeedInput withWorkloadKeepingMemory(SpeedWorkload w) {
        SpeedWorkload.require(w.mode() == workload.mode() && w.inputTokens() == workload.inputTokens()
                && w.outputTokens() == workload.outputTokens(), "workload", "only the shape may change");
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, w, tensorParallel,
                pipelineParallel, replicas, serving, kvBytesFreePerAccelerator, memory);
    }

    public SpeedInput withServing(ServingFacts s) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, workload,
                tensorParallel, pipelineParallel, replicas, s, kvBytesFreePerAccelerator, memory);
    }

    public SpeedInput withParallelism(int tp, int pp, int replicas) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, tp * pp * replicas, framework, workload,
                tp, pp, replicas, serving, kvBytesFreePerAccelerator, null); // memory facts were for another split
    }

    public SpeedInput withKvBytesFreePerAccelerator(double bytes) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, workload,
                tensorParallel, pipelineParallel, replicas, serving, OptionalDouble.of(bytes), memory);
    }

    /** Accelerators serving one copy of the model. */
    public int acceleratorsPerReplica() {
        return tensorParallel * pipelineParallel;
    }
}
