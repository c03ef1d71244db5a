package io.inferplan.plan.evaluate;

import io.inferplan.engine.memory.KvConcurrency;
import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.engine.memory.MemoryBreakdown;
import io.inferplan.engine.memory.NamedParameter;
import io.inferplan.engine.memory.ResolvedServing;
import io.inferplan.engine.memory.TensorGroup;
import io.inferplan.engine.spec.Parallelism;
import io.micronaut.serde.annotation.SerdeImport;

/** Lets the engine's plain records be written as JSON without putting framework annotations in the engine. */
@SerdeImport(MemoryBreakdown.class)
@SerdeImport(KvConcurrency.class)
@SerdeImport(KvGrowthPoint.class)
@SerdeImport(ResolvedServing.class)
@SerdeImport(NamedParameter.class)
@SerdeImport(Parallelism.class)
@SerdeImport(TensorGroup.class)
final class EngineRecordsJson {

    private EngineRecordsJson() {
    }
}
