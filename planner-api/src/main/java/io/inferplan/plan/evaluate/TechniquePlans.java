package io.inferplan.plan.evaluate;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.technique.TechniqueSupport;
import io.inferplan.engine.technique.disagg.KvLinks;
import io.inferplan.engine.technique.lora.LoraAnswer;
import io.inferplan.engine.technique.lora.LoraDefaults;
import io.inferplan.engine.technique.lora.LoraSetup;
import io.inferplan.engine.technique.lora.LoraShapes;
import io.inferplan.engine.technique.speculative.AcceptanceDefaults;
import io.inferplan.engine.technique.speculative.SpeculativeAnswer;
import io.inferplan.engine.technique.speculative.SpeculativeMethod;
import io.inferplan.engine.technique.speculative.SpeculativeSetup;
import io.inferplan.engine.technique.speculative.TokenizerFamilies;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.technique.TechniqueBlocks;
import io.inferplan.plan.technique.TechniqueInputs;
import io.inferplan.plan.technique.TechniquesBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Speculative decoding and many LoRA adapters for an evaluate request: resolves the {@code serving.speculative} /
 * {@code serving.lora} block against the catalog and the framework's defaults, refuses what cannot run (naming the
 * field, quoting the source), and asks the engine for the answer with and without the technique.
 */
final class TechniquePlans {
    private static final Pattern PCIE_GEN = Pattern.compile("PCIe Gen\\s?(\\d)", Pattern.CASE_INSENSITIVE);
    /** PEFT's LoraConfig default rank r = 8 (peft/tuners/lora/config.py). */
    static final int PEFT_DEFAULT_RANK = 8;

    private TechniquePlans() {
    }

    /** The answer with the technique, its block and warnings; null when the request asks for none. */
    record Applied(PerformanceEstimate performance, TechniquesBlock block, List<String> warnings) {
    }

    static Applied apply(PlanRequest r, CatalogSnapshot cat, SpeedInput in, EfficiencyProfile profile) {
        PlanRequest.ServingInput s = r.serving();
        if (s == null || (s.speculative() == null && s.lora() == null)) {
            return null;
        }
        if (s.speculative() != null && s.lora() != null) {
            throw PlanService.cannotRun("serving.lora: plan speculative decoding and LoRA adapters one at a time "
                    + "(their combination is not modelled)", "serving.lora");
        }
        return s.speculative() != null ? speculative(s.speculative(), r, cat, in, profile)
                : lora(s.lora(), r, cat, in, profile);
    }

    static Applied speculative(TechniqueInputs.SpeculativeInput sp, PlanRequest r, CatalogSnapshot cat, SpeedInput in,
                               EfficiencyProfile profile) {
        SpeculativeMethod method = SpeculativeMethod.parse(sp.method()).orElseThrow();
        String fw = in.framework().id();
        List<String> warnings = new ArrayList<>();
        TechniqueSupport.shipped().refusal(fw, "speculative", method.id()).ifPresent(why -> {
            throw PlanService.cannotRun(why, "serving.speculative.method");
        });
        TechniqueSupport.shipped().caveat(fw, "speculative", method.id()).ifPresent(warnings::add);
        ModelSpec draft = null;
        if (method == SpeculativeMethod.DRAFT_MODEL) {
            draft = cat.models().get(sp.draftModel()).spec().orElseThrow(() -> PlanService.cannotRun(
                    cat.models().get(sp.draftModel()).mapped().unusableBecause(), "serving.speculative.draftModel"));
            tokenizer(r.model(), sp.draftModel(), warnings);
        }
        String family = cat.models().get(r.model()).row().family();
        AcceptanceDefaults.Entry def = AcceptanceDefaults.shipped().lookup(method, family).orElseThrow();
        if (method == SpeculativeMethod.MTP && def.modelFamily().equals("*")) {
            warnings.add("mtp needs a checkpoint with multi-token-prediction modules (DeepSeek-V3/R1, GLM-4.5 …): the "
                    + "catalog does not record whether " + r.model() + " has one");
        }
        int k = sp.numSpeculativeTokens() != null ? sp.numSpeculativeTokens() : def.numSpeculativeTokens();
        boolean given = sp.acceptanceRate() != null;
        double alpha = given ? sp.acceptanceRate() : def.alpha();
        String source = given ? "given" : def.basis() + ", " + def.sourceUrl();
        SpeculativeAnswer a;
        try {
            a = SpeculativeAnswer.of(in, profile, new SpeculativeSetup(method, draft, k, alpha, source));
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
        warnings.addAll(a.warnings());
        return new Applied(a.with(), new TechniquesBlock(TechniqueBlocks.speculative(a, sp.draftModel()), null, null),
                warnings);
    }

    private static void tokenizer(String target, String draft, List<String> warnings) {
        var t = TokenizerFamilies.shipped().of(target);
        var d = TokenizerFamilies.shipped().of(draft);
        if (t.isEmpty() || d.isEmpty()) {
            warnings.add("tokenizer family of " + (t.isEmpty() ? target : draft) + " is not in the catalog: the draft's "
                    + "compatibility is not checked");
            return;
        }
        if (!t.get().tokenizerFamily().equals(d.get().tokenizerFamily())) {
            throw PlanService.cannotRun("serving.speculative.draftModel: " + draft + " uses the " + d.get().tokenizerFamily()
                    + " tokenizer (vocab " + d.get().vocabSize() + ", " + d.get().sourceUrl() + ") but " + target
                    + " uses " + t.get().tokenizerFamily() + " (vocab " + t.get().vocabSize() + ", " + t.get().sourceUrl()
                    + "): a draft must share the target's tokenizer family", "serving.speculative.draftModel");
        }
    }

    static Applied lora(TechniqueInputs.LoraInput l, PlanRequest r, CatalogSnapshot cat, SpeedInput in,
                        EfficiencyProfile profile) {
        String fw = in.framework().id();
        List<String> warnings = new ArrayList<>();
        TechniqueSupport.shipped().refusal(fw, "lora", null).ifPresent(why -> {
            throw PlanService.cannotRun(why, "serving.lora");
        });
        TechniqueSupport.shipped().caveat(fw, "lora", null).ifPresent(warnings::add);
        LoraDefaults.Entry def = LoraDefaults.shipped().of(fw).orElse(null);
        if (l.maxLorasPerBatch() == null && def == null) {
            throw io.inferplan.common.problem.ProblemException.badRequest("serving.lora.maxLorasPerBatch",
                    "is required for " + fw + ": the catalog has no documented default for it (vllm 1, sglang 8)");
        }
        int slots = l.maxLorasPerBatch() != null ? l.maxLorasPerBatch() : def.maxLorasPerBatch();
        int cpu = l.maxCpuLoras() != null ? l.maxCpuLoras()
                : Math.max(slots, def != null && def.maxCpuLoras() != null ? def.maxCpuLoras() : slots);
        AcceleratorRow acc = cat.accelerators().get(r.accelerator()).row();
        String[] link = hostLink(acc, in, warnings);
        List<String> modules = l.targetModules() != null ? l.targetModules() : LoraShapes.PEFT_DEFAULT;
        int rank = l.rank() != null ? l.rank() : PEFT_DEFAULT_RANK;
        String defaults = def == null ? "given" : def.sourceUrl();
        LoraAnswer a;
        try {
            a = LoraAnswer.of(in, profile, new LoraSetup(l.adapters(), rank, modules, slots, cpu,
                    Double.parseDouble(link[1]), link[0], defaults));
        } catch (IllegalArgumentException e) {
            throw refusal(e);
        }
        warnings.addAll(a.warnings());
        return new Applied(a.with(), new TechniquesBlock(null, TechniqueBlocks.lora(a, link[0]), null), warnings);
    }

    /** The host → accelerator link adapters load over: {id, bytes/s}. */
    static String[] hostLink(AcceleratorRow acc, SpeedInput in, List<String> warnings) {
        if (in.accelerator().unifiedMemory()) {
            return new String[] {"unified memory", String.valueOf(in.accelerator().memoryBandwidthBytesPerSecond())};
        }
        Matcher m = PCIE_GEN.matcher(acc.interconnect() == null ? "" : acc.interconnect());
        String id = m.find() ? "pcie-gen" + m.group(1) + "-x16" : null;
        if (id == null || KvLinks.shipped().get(id).isEmpty()) {
            warnings.add("the catalog does not name " + acc.id() + "'s PCIe generation: PCIe 4.0 x16 assumed for "
                    + "adapter loads");
            id = "pcie-gen4-x16";
        }
        return new String[] {id, String.valueOf(KvLinks.shipped().get(id).orElseThrow().bytesPerSecond())};
    }

    /** An engine refusal "field: why" as a 422 naming that field. */
    static io.inferplan.common.problem.ProblemException refusal(IllegalArgumentException e) {
        String msg = e.getMessage();
        int colon = msg.indexOf(": ");
        String field = colon > 0 && !msg.substring(0, colon).contains(" ") ? msg.substring(0, colon) : "serving";
        return PlanService.cannotRun(msg, field);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
