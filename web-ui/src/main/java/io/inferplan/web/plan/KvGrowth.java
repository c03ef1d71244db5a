package io.inferplan.web.plan;

import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The engine's KV-growth curve (concurrency vs context, naive / paged / shared-prefix) for a plan that
 * {@code PlanService} accepted. The curve is not part of {@code PlanResponse}, so this asks the memory model
 * again with the same specs and the parallelism the plan resolved to.
 */
@Singleton
public class KvGrowth {

    private final PlanCatalog catalog;

    public KvGrowth(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    public List<KvGrowthPoint> points(PlanRequest r, PlanResponse answer) {
        CatalogSnapshot cat = catalog.current();
        PlanRequest.WorkloadInput w = r.workload();
        Workload workload = new Workload(Workload.Mode.parse(w.mode()), w.inputTokens(), w.outputTokens(), w.concurrency(),
                w.requestsPerSecond(), w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens());
        PlanRequest.ServingInput s = r.serving();
        ServingSetup serving = s == null ? ServingSetup.defaults()
                : new ServingSetup(s.frameworkVersion(), s.memoryFraction(), s.maxConcurrentSequences(),
                        s.maxBatchedTokens(), s.cudaGraphs(), s.prefixCaching(), s.parallelSlots(),
                        s.contextPerSlotTokens(), s.requestCount());
        MemoryInput input = new MemoryInput(
                cat.models().get(r.model()).spec().orElseThrow(),
                cat.weightFormats().get(r.weightFormat()).spec().orElseThrow(),
                r.kvCacheFormat() == null ? null : cat.kvCacheFormats().get(r.kvCacheFormat()).spec().orElseThrow(),
                cat.accelerators().get(r.accelerator()).spec().orElseThrow(),
                cat.frameworks().get(r.framework()).spec().orElseThrow(),
                workload, answer.plan().parallelism(), serving);
        return MemoryModel.evaluate(input).kvGrowth();
    }
}
