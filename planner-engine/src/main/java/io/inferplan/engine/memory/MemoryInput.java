package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;

/**
 * Everything the memory model needs for one plan.
 *
 * @param kvCacheFormat null = the framework's default (model dtype, 16 bits)
 * @param parallelism   null = the fewest accelerators that fit (see {@link MemoryModel#fewestAccelerators})
 * @param serving       null = every setting from the framework's defaults
 */
public record MemoryInput(
        ModelSpec model,
        NumberFormatSpec weightFormat,
        NumberFormatSpec kvCacheFormat,
        AcceleratorSpec accelerator,
        FrameworkSpec framework,
        Workload workload,
        Parallelism parallelism,
        ServingSetup serving) {

    public MemoryInput {
        ModelSpec.requireNonNull(model, "model");
        ModelSpec.requireNonNull(weightFormat, "weightFormat");
        ModelSpec.requireNonNull(accelerator, "accelerator");
        ModelSpec.requireNonNull(framework, "framework");
        ModelSpec.requireNonNull(workload, "workload");
        if (serving == null) {
            serving = ServingSetup.defaults();
        }
    }

    public MemoryInput withParallelism(Parallelism p) {
        return new MemoryInput(model, weightFormat, kvCacheFormat, accelerator, framework, workload, p, serving);
    }

    public MemoryInput withServing(ServingSetup s) {
        return new MemoryInput(model, weightFormat, kvCacheFormat, accelerator, framework, workload, parallelism, s);
    }

    public MemoryInput withWorkload(Workload w) {
        return new MemoryInput(model, weightFormat, kvCacheFormat, accelerator, framework, w, parallelism, serving);
    }
}
