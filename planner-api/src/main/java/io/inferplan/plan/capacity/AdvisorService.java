package io.inferplan.plan.capacity;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.plan.capacity.CapacityRequests.AdviseRequest;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Ranks the serving frameworks for a workload's shape on the hardware at hand. The base score is each
 * framework's predicted output throughput relative to the best (from the engine, for the same model, hardware
 * and workload); named rules then add or subtract points, each with a reason that quotes the engine's number
 * where there is one.
 */
@Singleton
public class AdvisorService {

    /** Points a rule adds; the throughput share contributes at most 100. */
    private static final double RULE_POINTS = 25;
    /** Weight formats tried per framework, in order of preference (first loadable one wins). */
    private static final List<String> FORMAT_PREFERENCE = List.of("bf16", "fp16", "fp8", "awq-int4", "gguf-q4_k_m", "mlc-q4f16_1");

    private final PlanService plans;
    private final PlanCatalog catalog;

    public AdvisorService(PlanService plans, PlanCatalog catalog) {
        this.plans = plans;
        this.catalog = catalog;
    }

    @Serdeable
    public record Advice(int rank, String framework, double score, @Nullable String weightFormat,
                         @Nullable Double outputTokensPerSecond, @Nullable Double ttftMs, List<String> reasons,
                         @Nullable String cannotRunBecause) {
    }

    @Serdeable
    public record AdviseResponse(String model, String accelerator, List<Advice> frameworks, String method) {
    }

    public AdviseResponse advise(AdviseRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        CatalogSnapshot cat = catalog.current();
        FieldChecks c = new FieldChecks().required("model", r.model()).required("accelerator", r.accelerator())
                .required("workload", r.workload())
                .range("deploymentMonths", r.deploymentMonths(), 0, 600, "months", false);
        c.throwIfAny();
        AcceleratorSpec acc = cat.accelerators().containsKey(r.accelerator())
                ? cat.accelerators().get(r.accelerator()).spec().orElse(null) : null;

        record Tried(String fw, FrameworkSpec spec, String format, PlanResponse answer, String refusal) {
        }
        List<Tried> tried = new ArrayList<>();
        for (var f : cat.frameworks().values()) {
            FrameworkSpec spec = f.spec().orElse(null);
            if (spec == null) {
                continue;
            }
            String lastRefusal = "no weight format it loads could be planned";
            PlanResponse best = null;
            String format = null;
            for (String wf : FORMAT_PREFERENCE) {
                var entry = cat.weightFormats().get(wf);
                if (entry == null || entry.spec().isEmpty() || !entry.spec().get().frameworks().contains(spec.id())) {
                    continue;
                }
                try {
                    best = plans.evaluate(new PlanRequest(r.model(), wf, null, r.accelerator(), r.acceleratorCount(), spec.id(),
                            r.workload(), null, null, null));
                    format = wf;
                    break;
                } catch (ProblemException e) {
                    if (e.status().getCode() == 400) {
                        throw e;
                    }
                    lastRefusal = e.getMessage();
                }
            }
            tried.add(new Tried(spec.id(), spec, format, best, best == null ? lastRefusal : null));
        }
        double bestThroughput = tried.stream().filter(t -> t.answer() != null && t.answer().performance() != null)
                .mapToDouble(t -> t.answer().performance().outputTokensPerSecond()).max().orElse(0);

        PlanRequest.WorkloadInput w = r.workload();
        int concurrency = w.concurrency() == null ? 1 : w.concurrency();
        double prefixShare = w.sharedPrefixTokens() == null || w.inputTokens() == null || w.inputTokens() == 0 ? 0
                : (double) w.sharedPrefixTokens() / w.inputTokens();
        Architecture.Vendor vendor = acc == null ? null : acc.architecture().vendor();
        boolean personal = acc != null && (vendor == Architecture.Vendor.APPLE || vendor == Architecture.Vendor.CPU
                || acc.unifiedMemory());
        String prefixEffect = prefixShare >= 0.3 ? prefixEffect(r, cat) : null;

        List<Advice> out = new ArrayList<>();
        for (Tried t : tried) {
            List<String> reasons = new ArrayList<>();
            if (t.answer() == null) {
                out.add(new Advice(0, t.fw(), -1, null, null, null, List.of(), t.refusal()));
                continue;
            }
            PlanResponse.PerformanceBlock p = t.answer().performance();
            double score = bestThroughput > 0 && p != null ? 100 * p.outputTokensPerSecond() / bestThroughput : 0;
            if (p != null) {
                reasons.add(String.format(Locale.ROOT, "%.0f output tokens/s at this workload (%.0f%% of the fastest here), TTFT %.0f ms",
                        p.outputTokensPerSecond(), score, p.ttftMs()));
            }
            String id = t.fw();
            if (prefixShare >= 0.3 && t.spec().prefixCache() != FrameworkSpec.PrefixCache.NONE) {
                score += t.spec().prefixCache() == FrameworkSpec.PrefixCache.RADIX_TREE ? RULE_POINTS : RULE_POINTS / 2;
                reasons.add(String.format(Locale.ROOT, "%.0f%% shared prefix: %s prefix cache%s", prefixShare * 100,
                        t.spec().prefixCache() == FrameworkSpec.PrefixCache.RADIX_TREE ? "radix-tree" : "hashed-block",
                        prefixEffect == null ? "" : " — " + prefixEffect));
            }
            if (concurrency <= 2 && personal && (id.equals("llama.cpp") || id.equals("ollama"))) {
                score += RULE_POINTS;
                reasons.add("one user on " + r.accelerator() + ": llama.cpp/Ollama run GGUF on Metal/CPU/unified memory "
                        + "with no server stack to operate");
            }
            if (concurrency >= 8 && (id.equals("ollama") || id.equals("llama.cpp"))) {
                score -= RULE_POINTS;
                reasons.add(concurrency + " concurrent requests: fixed slots (Ollama's few parallel requests) queue the rest");
            }
            if (r.deploymentMonths() != null && r.deploymentMonths() >= 12 && id.equals("tensorrt-llm")
                    && vendor == Architecture.Vendor.NVIDIA) {
                score += RULE_POINTS;
                reasons.add("fixed model on fixed NVIDIA GPUs for " + r.deploymentMonths()
                        + " months: a compiled engine repays its build and tuning time");
            }
            if ((Boolean.TRUE.equals(r.structuredOutput()) || Boolean.TRUE.equals(r.agentWorkflows())) && id.equals("sglang")) {
                score += RULE_POINTS;
                reasons.add("structured output / multi-step agents: SGLang's grammar backend (xgrammar) and radix cache "
                        + "keep each step's growing shared context");
            }
            if (Boolean.TRUE.equals(r.structuredOutput()) && id.equals("vllm")) {
                score += RULE_POINTS / 2;
                reasons.add("structured output: vLLM supports xgrammar/guidance backends");
            }
            if (Boolean.TRUE.equals(r.offlineOrEdge()) && (id.equals("llama.cpp") || id.equals("mlc-llm") || id.equals("ollama"))) {
                score += RULE_POINTS;
                reasons.add("offline / edge: a single native binary with quantized GGUF or compiled MLC weights");
            }
            if (id.equals("tgi")) {
                score -= RULE_POINTS;
                reasons.add("TGI is in maintenance mode (only minor fixes); its README recommends vLLM, SGLang or llama.cpp");
            }
            out.add(new Advice(0, id, Math.round(score * 10) / 10.0, t.format(), p == null ? null : p.outputTokensPerSecond(),
                    p == null ? null : p.ttftMs(), reasons, null));
        }
        out.sort(Comparator.comparingDouble(Advice::score).reversed());
        List<Advice> ranked = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Advice a = out.get(i);
            ranked.add(new Advice(a.cannotRunBecause() == null ? i + 1 : 0, a.framework(), a.score(), a.weightFormat(),
                    a.outputTokensPerSecond(), a.ttftMs(), a.reasons(), a.cannotRunBecause()));
        }
        return new AdviseResponse(r.model(), r.accelerator(), ranked,
                "score = 100 × predicted output tokens/s ÷ the fastest framework here, ± " + RULE_POINTS
                        + " points per rule that applies (each listed as a reason)");
    }

    /** The engine's TTFT with the shared prefix cached vs not, on SGLang or vLLM, as a sentence. */
    private String prefixEffect(AdviseRequest r, CatalogSnapshot cat) {
        for (String fw : List.of("sglang", "vllm")) {
            try {
                PlanRequest.WorkloadInput w = r.workload();
                PlanRequest.ServingInput off = new PlanRequest.ServingInput(null, null, null, null, null, false, null, null, null);
                PlanResponse with = plans.evaluate(new PlanRequest(r.model(), "bf16", null, r.accelerator(), r.acceleratorCount(),
                        fw, w, null, null, null));
                PlanResponse without = plans.evaluate(new PlanRequest(r.model(), "bf16", null, r.accelerator(), r.acceleratorCount(),
                        fw, w, off, null, null));
                double cut = 1 - with.performance().ttftMs() / without.performance().ttftMs();
                if (with.performance().ttftMs() == null || without.performance().ttftMs() == null) {
                    continue;
                }
                return String.format(Locale.ROOT, "caching it cuts mean TTFT by %.0f%% (%s, %.0f → %.0f ms)", cut * 100, fw,
                        without.performance().ttftMs(), with.performance().ttftMs());
            } catch (ProblemException | NullPointerException e) {
                // try the next framework
            }
        }
        return null;
    }
}
