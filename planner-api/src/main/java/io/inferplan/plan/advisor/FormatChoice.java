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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The weight format a framework would really run for the goal: its default when it ships one (Ollama's and
 * llama.cpp's GGUF Q4_K_M), else the best of its documented production formats that the hardware runs, the memory
 * holds and the quality budget allows, by the engine's answer for the goal (output tokens/s when serving, the time
 * per output token for one user).
 */
final class FormatChoice {

    /** A format tried: the engine's answer, or why it was not run. */
    record Tried(String format, @Nullable PlanResponse answer, @Nullable QualityEstimate quality, @Nullable String notRun) {
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
                tried.add(new Tried(format, null, q, q.percentBelowSixteenBit() == null ? "no published quality figure"
                        : String.format(Locale.ROOT, "%.2f %% below 16-bit, over the %s %% budget", q.percentBelowSixteenBit(),
                        FourQuestions.number(s.qualityBudget()))));
                continue;
            }
            try {
                PlanResponse answer = plans.evaluate(new PlanRequest(s.model(), format, null, s.accelerator(), s.acceleratorCount(),
                        framework, s.workload(), null, null, null));
                tried.add(new Tried(format, answer.performance() == null ? null : answer, q,
                        answer.performance() == null ? "does not fit on " + answer.plan().acceleratorCount() + " × " + s.accelerator() : null));
            } catch (ProblemException e) {
                if (e.status().getCode() == 400) {
                    throw e; // the workload itself is invalid: say so once
                }
                lastRefusal = e.getMessage();
                tried.add(new Tried(format, null, q, e.getMessage()));
            }
        }
        List<Tried> ran = tried.stream().filter(t -> t.answer() != null).toList();
        if (ran.isEmpty()) {
            // one reason for every format (the hardware vendor, say) is said once; different ones format by format
            List<String> reasons = tried.stream().map(Tried::notRun).distinct().toList();
            String why = candidates.isEmpty() ? lastRefusal : reasons.size() == 1 ? reasons.get(0)
                    : tried.stream().map(t -> t.format() + ": " + t.notRun()).reduce((a, b) -> a + ", " + b).orElse(lastRefusal);
            return new Chosen(null, null, null, "", why, tried);
        }
        Optional<OperationFact> ownDefault = ops.fact(framework, Fact.DEFAULT_WEIGHT_FORMAT);
        Optional<Tried> byDefault = ownDefault.flatMap(d -> ran.stream().filter(t -> t.format().equals(d.value())).findFirst());
        if (byDefault.isPresent()) {
            Tried t = byDefault.get();
            return new Chosen(t.format(), t.answer(), t.quality(), "runs " + t.format() + ", its default ("
                    + ownDefault.get().sourceUrl() + ")", null, tried);
        }
        Comparator<Tried> better = s.goal() == Goal.SINGLE_USER
                ? Comparator.comparingDouble(t -> -tpot(t.answer()))
                : Comparator.comparingDouble(t -> t.answer().performance().outputTokensPerSecond());
        Tried best = ran.stream().max(better).orElseThrow();
        String compared = ran.stream().map(t -> t.format() + " " + (s.goal() == Goal.SINGLE_USER
                ? String.format(Locale.ROOT, "%.1f ms per token", tpot(t.answer()))
                : String.format(Locale.ROOT, "%,.0f tok/s", t.answer().performance().outputTokensPerSecond())))
                .reduce((a, b) -> a + ", " + b).orElse("");
        return new Chosen(best.format(), best.answer(), best.quality(), "runs " + best.format() + ", the best for "
                + (s.goal() == Goal.SINGLE_USER ? "one user" : "throughput") + " of the formats it documents that run here ("
                + compared + ")", null, tried);
    }

    /** Time per output token of an answer: its p95 when simulated, else its mean. */
    static double tpot(PlanResponse a) {
        PlanResponse.PerformanceBlock p = a.performance();
        Double v = p.tpotP95Ms() != null ? p.tpotP95Ms() : p.tpotMs();
        return v == null ? Double.POSITIVE_INFINITY : v;
    }
}
