package io.inferplan.plan.evaluate;

import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The engine's KV-growth curve for one plan. The request is first evaluated by {@link PlanService} (same
 * validation and the same 400/422 refusals), then the memory model is run on the same inputs, assembled with
 * PlanService's helpers, to read {@link MemoryEstimate#kvGrowth()}, which the evaluate answer does not carry.
 */
@Singleton
public class KvGrowthService {

    private final PlanService plans;
    private final PlanCatalog catalog;

    public KvGrowthService(PlanService plans, PlanCatalog catalog) {
        this.plans = plans;
        this.catalog = catalog;
    }

    /** The plan's answer and the curve, computed against the same catalog. */
    public record Curve(PlanResponse plan, List<KvGrowthPoint> points) {
    }

    public Curve curve(PlanRequest r) {
        PlanResponse answer = plans.evaluate(r);
        CatalogSnapshot cat = catalog.current();
        MemoryInput input = new MemoryInput(
                spec(cat.models().get(r.model()), "model"),
                spec(cat.weightFormats().get(r.weightFormat()), "weightFormat"),
                r.kvCacheFormat() == null ? null : spec(cat.kvCacheFormats().get(r.kvCacheFormat()), "kvCacheFormat"),
                spec(cat.accelerators().get(r.accelerator()), "accelerator"),
                spec(cat.frameworks().get(r.framework()), "framework"),
                PlanService.workload(r.workload()), PlanService.parallelism(r), PlanService.serving(r.serving()));
        MemoryEstimate m;
        try {
            m = MemoryModel.evaluate(input);
        } catch (IllegalArgumentException e) {
            throw PlanService.cannotRun(e.getMessage(), "body");
        }
        return new Curve(answer, m.kvGrowth());
    }

    /** The catalog can change between the two reads; an entry gone meanwhile is a refusal, not a 500. */
    private static <S> S spec(CatalogSnapshot.Entry<?, S> entry, String field) {
        if (entry == null) {
            throw PlanService.cannotRun("the catalog changed while answering; retry", field);
        }
        return entry.spec().orElseThrow(() -> PlanService.cannotRun(entry.mapped().unusableBecause(), field));
    }
}
