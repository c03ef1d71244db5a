package io.inferplan.plan.technique;

import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.engine.technique.disagg.KvLinks;
import io.inferplan.engine.technique.lora.LoraShapes;
import io.inferplan.engine.technique.speculative.SpeculativeMethod;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.evaluate.PlanRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The serving-technique fields of a request, field by field (400 naming each bad field and what is allowed). Whether a
 * well-formed technique can run (framework support, tokenizer family, memory) is {@link TechniquePlans}' to refuse
 * (422).
 */
public final class TechniqueValidation {
    static final int MAX_ADAPTERS = 100_000;
    static final int MAX_INSTANCES = 256;

    private TechniqueValidation() {
    }

    public static void check(PlanRequest r, CatalogSnapshot cat, FieldChecks c) {
        PlanRequest.ServingInput s = r.serving();
        if (s != null && s.speculative() != null) {
            speculative(s.speculative(), cat, c);
        }
        if (s != null && s.lora() != null) {
            lora(s.lora(), c);
        }
        if (r.disaggregation() != null) {
            disaggregation(r.disaggregation(), cat, c);
        }
    }

    static void speculative(TechniqueInputs.SpeculativeInput sp, CatalogSnapshot cat, FieldChecks c) {
        FieldChecks sc = new FieldChecks("serving.speculative");
        List<String> methods = java.util.Arrays.stream(SpeculativeMethod.values()).map(SpeculativeMethod::id).toList();
        sc.oneOf("method", sp.method(), methods, true)
                .range("numSpeculativeTokens", sp.numSpeculativeTokens(), 1, 64, "draft tokens per step", false)
                .range("acceptanceRate", sp.acceptanceRate(), 0.0, 1.0, "(share of drafts accepted, per token)", false);
        if ("draft-model".equals(sp.method()) && (sp.draftModel() == null || sp.draftModel().isBlank())) {
            sc.fail("draftModel", "is required for method draft-model: a catalog model id of the target's tokenizer "
                    + "family, e.g. llama-3.2-1b for llama-3.1-70b");
        } else if (sp.draftModel() != null && !"draft-model".equals(sp.method())) {
            sc.fail("draftModel", "applies to method draft-model only; " + sp.method() + " drafts without a model");
        } else if (sp.draftModel() != null && !cat.models().containsKey(sp.draftModel())) {
            sc.fail("draftModel", "unknown id '" + sp.draftModel() + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(sp.draftModel(), new ArrayList<>(cat.models().keySet()))));
        }
        sc.errors().forEach(e -> c.fail(e.field(), e.message()));
    }

    static void lora(TechniqueInputs.LoraInput l, FieldChecks c) {
        FieldChecks lc = new FieldChecks("serving.lora")
                .range("adapters", l.adapters(), 1, MAX_ADAPTERS, "adapters", true)
                .range("rank", l.rank(), 1, 1024, "(LoRA rank r)", false)
                .range("maxLorasPerBatch", l.maxLorasPerBatch(), 1, 4096, "adapters", false)
                .range("maxCpuLoras", l.maxCpuLoras(), 1, MAX_ADAPTERS, "adapters", false);
        if (l.targetModules() != null) {
            if (l.targetModules().isEmpty() || l.targetModules().size() > LoraShapes.MODULES.size()) {
                lc.fail("targetModules", "must list 1 to 7 of " + String.join(", ", LoraShapes.MODULES));
            }
            for (int i = 0; i < l.targetModules().size(); i++) {
                if (!LoraShapes.MODULES.contains(l.targetModules().get(i))) {
                    lc.fail("targetModules[" + i + "]", "unknown module '" + l.targetModules().get(i) + "'; allowed: "
                            + String.join(", ", LoraShapes.MODULES));
                }
            }
        }
        if (l.maxLorasPerBatch() != null && l.maxCpuLoras() != null && l.maxCpuLoras() < l.maxLorasPerBatch()) {
            lc.fail("maxCpuLoras", "must be at least maxLorasPerBatch (" + l.maxLorasPerBatch() + ")");
        }
        lc.errors().forEach(e -> c.fail(e.field(), e.message()));
    }

    static void disaggregation(TechniqueInputs.DisaggregationInput d, CatalogSnapshot cat, FieldChecks c) {
        FieldChecks dc = new FieldChecks("disaggregation");
        pool(dc, "prefill", d.prefill(), cat);
        pool(dc, "decode", d.decode(), cat);
        if (d.kvLink() != null && KvLinks.shipped().get(d.kvLink()).isEmpty()) {
            dc.fail("kvLink", "unknown link '" + d.kvLink() + "'; valid: " + String.join(", ", KvLinks.shipped().ids()));
        }
        dc.errors().forEach(e -> c.fail(e.field(), e.message()));
    }

    private static void pool(FieldChecks dc, String name, TechniqueInputs.PoolInput p, CatalogSnapshot cat) {
        if (p == null) {
            return; // every field has a default
        }
        dc.range(name + ".tensorParallel", p.tensorParallel(), 1, 64, "accelerators per instance", false)
                .range(name + ".instances", p.instances(), 1, MAX_INSTANCES, "instances", false);
        if (p.accelerator() != null && !cat.accelerators().containsKey(p.accelerator())) {
            dc.fail(name + ".accelerator", "unknown id '" + p.accelerator() + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(p.accelerator(), new ArrayList<>(cat.accelerators().keySet()))));
        }
    }
}
