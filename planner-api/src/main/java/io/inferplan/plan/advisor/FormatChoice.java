package io.inferplan.plan.advisor;

import io.inferplan.catalog.operations.FrameworkOperations;
import io.inferplan.catalog.operations.OperationFact;
import io.inferplan.catalog.operations.OperationFact.Fact;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.plan.advisor.Situation.Goal;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.quality.QualityEstimate;
import io.inferplan.plan.quality.QualityEstimates;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The weight format and layout a framework would really run for the goal: its default format when it ships one
 * (Ollama's and llama.cpp's GGUF Q4_K_M), else the best of its documented production formats that the hardware runs,
 * the memory holds and the quality budget allows; and, where it runs tensor parallel over a given accelerator count,
 * the split of that count into replicas (one replica over all, or replicas of 1, 2, 4 … accelerators). The pair that
 * scores best on the criteria a format and a layout change (throughput, p95 TTFT and TPOT as shares of the best pair
 * here, quality against the budget, and the set-up its offline steps cost over the lifetime) wins, with the advisor's
 * weights for the situation — so a format that is 20 % faster but ten times further below 16-bit does not win by
 * speed alone, nor one that needs a quantization run for every monthly model, and eight GPUs serving a model that fits
 * on one are not planned as a single replica when the goal is throughput.
 */
final class FormatChoice {

    /** A format and layout tried: the engine's answer, or why it was not run. */
    record Tried(String format, @Nullable PlanRequest.ParallelismInput layout, @Nullable PlanResponse answer,
                 @Nullable QualityEstimate quality, @Nullable String notRun) {
    }

    /** The format chosen (null when none can run: {@code refusal} says why) and every format tried. */
    record Chosen(@Nullable String format, @Nullable PlanResponse answer, @Nullable QualityEstimate quality, String reason,
                  @Nullable String refusal, List<Tried> tried) {
    }

    private FormatChoice() {
    }

    static Chosen choose(Situation s, String framework, CatalogSnapshot cat, PlanService plans, QualityEstimates quality,
                         FrameworkOperations ops) {
        Optional<OperationFact> advised = ops.fact(framework, Fact.ADVISED_WEIGHT_FORMATS);
        List<String> loadable = cat.weightFormats().values().stream().map(e -> e.spec().orElse(null))
                .filter(f -> f != null && f.frameworks().contains(framework)).map(NumberFormatSpec::id).toList();
        List<String> candidates = advised.map(f -> List.of(f.value().split(";"))).orElse(loadable).stream()
                .filter(loadable::contains).toList();
        List<Tried> tried = new ArrayList<>();
        String lastRefusal = "it loads no weight format that can be planned here";
        for (String format : candidates) {
            QualityEstimate q = quality.estimate(cat, s.model(), format, null);
            if (!q.within(s.qualityBudget())) {
                tried.add(new Tried(format, null, null, q, q.percentBelowSixteenBit() == null ? "no published quality figure"
                        : String.format(Locale.ROOT, "%.2f %% below 16-bit, over the %s %% budget", q.percentBelowSixteenBit(),
                        FourQuestions.number(s.qualityBudget()))));
                continue;
            }
            for (PlanRequest.ParallelismInput layout : layouts(s, cat, framework)) {
                try {
                    PlanResponse answer = plans.evaluate(new PlanRequest(s.model(), format, null, s.accelerator(),
                            s.acceleratorCount(), framework, s.workload(), null, layout, null));
                    tried.add(new Tried(format, layout, answer.performance() == null ? null : answer, q,
                            answer.performance() == null ? "does not fit on " + answer.plan().acceleratorCount() + " × "
                                    + s.accelerator() + (layout == null ? "" : " as " + layoutWords(layout)) : null));
                } catch (ProblemException e) {
                    if (e.status().getCode() == 400) {
                        throw e; // the workload itself is invalid: say so once
                    }
                    lastRefusal = e.getMessage();
                    tried.add(new Tried(format, layout, null, q, e.getMessage()));
                }
            }
        }
        List<Tried> ran = tried.stream().filter(t -> t.answer() != null).toList();
        if (ran.isEmpty()) {
            // one reason for every format (the hardware vendor, say) is said once; different ones format by format
            // (every format is tried in the default layout first, so its reason is there; other layouts add nothing)
            List<Tried> asDefault = tried.stream().filter(t -> t.layout() == null).toList();
            List<String> reasons = asDefault.stream().map(Tried::notRun).distinct().toList();
            String why = candidates.isEmpty() ? lastRefusal : reasons.size() == 1 ? reasons.get(0)
                    : asDefault.stream().map(t -> t.format() + ": " + t.notRun()).reduce((a, b) -> a + ", " + b)
                    .orElse(lastRefusal);
            return new Chosen(null, null, null, "", why, tried);
        }
        // the criteria a format and a layout change, with the advisor's weights for this situation, scored among the
        // pairs here
        Map<String, Double> w = new LinkedHashMap<>();
        Weights.of(s, Scoring.CRITERIA.keySet()).forEach(x -> w.put(x.id(), x.weight()));
        Scoring.Best here = Scoring.Best.of(ran.stream().map(Tried::answer).toList(), ran.stream().map(Tried::format).toList(), 0);
        Map<Tried, Double> score = new LinkedHashMap<>();
        Map<String, Double> setupByFormat = new LinkedHashMap<>();
        for (Tried t : ran) {
            Double q = Scoring.qualityScore(t.quality(), s.qualityBudget());
            // the set-up depends on the format only: once per format, not per layout
            Double setup = setupByFormat.computeIfAbsent(t.format(), f -> {
                Double v = Scoring.setup(s, cat, ops, framework, f, s.accelerator()).score();
                return v == null ? 50.0 : v;
            });
            score.put(t, w.get("throughput") * here.throughputShare(t.answer())
                    + w.get("ttftP95") * Scoring.latencyShare(here.ttftP95Ms(), Scoring.ttftP95(t.answer()))
                    + w.get("tpotP95") * Scoring.latencyShare(here.tpotP95Ms(), tpot(t.answer()))
                    + w.get("quality") * (q == null ? 50 : q)
                    + w.get("setupCost") * setup);
        }
        Optional<OperationFact> ownDefault = ops.fact(framework, Fact.DEFAULT_WEIGHT_FORMAT);
        List<Tried> open = ownDefault.map(d -> ran.stream().filter(t -> t.format().equals(d.value())).toList())
                .filter(l -> !l.isEmpty()).orElse(ran);
        Tried best = open.stream().max(Comparator.comparingDouble((Tried t) -> score.get(t))
                .thenComparingDouble(t -> t.answer().performance().outputTokensPerSecond())).orElseThrow();
        boolean layouts = ran.stream().anyMatch(t -> t.layout() != null);
        String layout = layouts ? " as " + layoutWords(layoutOf(best.answer())) : "";
        if (open != ran) {
            return new Chosen(best.format(), best.answer(), best.quality(), "runs " + best.format() + ", its default ("
                    + ownDefault.get().sourceUrl() + ")" + layout, null, tried);
        }
        // the sentence names each format at its best layout, so it stays readable with 4 formats × 4 layouts
        Map<String, Tried> bestPerFormat = new LinkedHashMap<>();
        for (Tried t : ran) {
            bestPerFormat.merge(t.format(), t, (x, y) -> score.get(y) > score.get(x) ? y : x);
        }
        String compared = bestPerFormat.values().stream().map(t -> String.format(Locale.ROOT, "%s%s %,.0f tok/s, %s → %.1f", t.format(),
                        layouts ? " " + layoutWords(layoutOf(t.answer())) : "", t.answer().performance().outputTokensPerSecond(),
                        t.quality() == null || t.quality().percentBelowSixteenBit() == null ? "no quality figure"
                                : String.format(Locale.ROOT, "%.2f %% below 16-bit", t.quality().percentBelowSixteenBit()),
                        score.get(t)))
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Chosen(best.format(), best.answer(), best.quality(), "runs " + best.format() + layout
                + ", the format" + (layout.isEmpty() ? " it documents that scores" : " it documents and the layout that score")
                + " best here on "
                + "throughput, both latency tails, quality and set-up with the advisor's weights ("
                + (layouts ? "each format at its best layout: " : "") + compared + ")", null, tried);
    }

    /**
     * The layouts tried for a given accelerator count: one replica over all of it (the API's default), and, for a
     * framework that runs tensor parallel, replicas of every smaller power-of-two group that divides the count (a
     * tensor-parallel group stays inside one 8-GPU node). Without a count the fewest accelerators that fit are planned
     * as one replica.
     */
    static List<PlanRequest.ParallelismInput> layouts(Situation s, CatalogSnapshot cat, String framework) {
        List<PlanRequest.ParallelismInput> out = new ArrayList<>();
        out.add(null);
        Integer n = s.acceleratorCount();
        boolean tensorParallel = cat.frameworks().get(framework).spec().map(f -> f.tensorParallel()).orElse(false);
        if (n == null || n < 2 || !tensorParallel) {
            return out;
        }
        for (int tp = 1; tp < n && tp <= 8; tp *= 2) {
            if (n % tp == 0) {
                out.add(new PlanRequest.ParallelismInput(tp, 1, n / tp));
            }
        }
        return out;
    }

    /** The layout an answer ran, as the request would give it. */
    static PlanRequest.ParallelismInput layoutOf(PlanResponse a) {
        var p = a.plan().parallelism();
        return new PlanRequest.ParallelismInput(p.tensorParallel(), p.pipelineParallel(), p.replicas());
    }

    /** "8 replicas of 1 accelerator" or "one replica of 8". */
    static String layoutWords(PlanRequest.ParallelismInput p) {
        return p.replicas() == 1 ? "one replica of " + p.tensorParallel()
                : p.replicas() + " replicas of " + p.tensorParallel() + (p.tensorParallel() == 1 ? " accelerator" : " accelerators");
    }

    /** Time per output token of an answer: its p95 when simulated, else its mean. */
    static double tpot(PlanResponse a) {
        PlanResponse.PerformanceBlock p = a.performance();
        Double v = p.tpotP95Ms() != null ? p.tpotP95Ms() : p.tpotMs();
        return v == null ? Double.POSITIVE_INFINITY : v;
    }
}
