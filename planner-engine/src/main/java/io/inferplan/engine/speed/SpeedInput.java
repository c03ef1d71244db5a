package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.OptionalDouble;

/**
 * Everything the speed model needs for one plan. {@code acceleratorCount = tensorParallel × pipelineParallel ×
 * replicas}. {@code kvBytesFreePerAccelerator}, when present, comes from the memory model (bytes each accelerator
 * can give to KV blocks after weights, activations and the framework's reserve); when empty the speed model uses a
 * coarse stand-in ({@link KvBudget}) and says so in a warning.
 */
public record SpeedInput(ModelSpec model, NumberFormatSpec weightFormat, NumberFormatSpec kvFormat,
                         AcceleratorSpec accelerator, int acceleratorCount, FrameworkSpec framework,
                         SpeedWorkload workload, int tensorParallel, int pipelineParallel, int replicas,
                         ServingFacts serving, OptionalDouble kvBytesFreePerAccelerator) {

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
                ServingFacts.DEFAULTS, OptionalDouble.empty());
    }

    public SpeedInput withWorkload(SpeedWorkload w) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, w,
                tensorParallel, pipelineParallel, replicas, serving, kvBytesFreePerAccelerator);
    }

    public SpeedInput withServing(ServingFacts s) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, workload,
                tensorParallel, pipelineParallel, replicas, s, kvBytesFreePerAccelerator);
    }

    public SpeedInput withParallelism(int tp, int pp, int replicas) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, tp * pp * replicas, framework, workload,
                tp, pp, replicas, serving, kvBytesFreePerAccelerator);
    }

    public SpeedInput withKvBytesFreePerAccelerator(double bytes) {
        return new SpeedInput(model, weightFormat, kvFormat, accelerator, acceleratorCount, framework, workload,
                tensorParallel, pipelineParallel, replicas, serving, OptionalDouble.of(bytes));
    }

    /** Accelerators serving one copy of the model. */
    public int acceleratorsPerReplica() {
        return tensorParallel * pipelineParallel;
    }
}
