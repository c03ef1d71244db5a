package io.inferplan.plan.advisor;

import io.inferplan.catalog.operations.FrameworkOperations;
import io.inferplan.catalog.operations.OperationFact;
import io.inferplan.catalog.operations.OperationFact.Fact;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.plan.advisor.AdviseResponse.Criteria;
import io.inferplan.plan.advisor.AdviseResponse.Criterion;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.quality.QualityEstimate;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores one framework on every criterion, 0..100 against the frameworks here: engine numbers as a share of the
 * best (throughput) or the best as a share of this one (latencies, so lower is better), facts as yes 100 / no 0,
 * set-up as 100 ÷ (1 + offline steps per month of the lifetime), quality as 100 × (1 − published loss ÷ budget). A criterion without a source is counted as 50 and
 * says so. Each cell keeps the sentence the ranking quotes.
 */
final class Scoring {

    /** Criterion ids and their labels, in table order. */
    static final Map<String, String> CRITERIA = new LinkedHashMap<>();

    static {
        CRITERIA.put("throughput", "Throughput share");
        CRITERIA.put("ttftP95", "TTFT p95");
        CRITERIA.put("tpotP95", "TPOT p95");
        CRITERIA.put("prefixCache", "Prefix-cache gain");
        CRITERIA.put("hardwareFit", "Hardware fit");
        CRITERIA.put("quality", "Quality vs 16-bit");
        CRITERIA.put("setupCost", "Set-up & model changes");
        CRITERIA.put("maintenance", "Maintenance status");
        CRITERIA.put("openAiApi", "OpenAI-compatible API");
        CRITERIA.put("structuredOutput", "Structured output");
        CRITERIA.put("evidence", "Engine evidence");
    }

    /** The cache's effect on one framework: mean TTFT with the shared prefix cached and without. */
    record PrefixGain(double ttftWithMs, double ttftWithoutMs) {
        double cutPercent() {
            return ttftWithoutMs > 0 ? Math.max(0, (1 - ttftWithMs / ttftWithoutMs) * 100) : 0;
        }
    }

    /** What the scores are relative to: the best engine figures among the frameworks that run here. */
    record Best(double tokensPerSecond, String fastest, double ttftP95Ms, double tpotP95Ms, double prefixCutPercent) {

        /** The best figures among answers: the most output tokens/s (and whose), the lowest p95 TTFT and TPOT. */
        static Best of(List<PlanResponse> answers, List<String> names, double prefixCutPercent) {
            int fastest = -1;
            for (int i = 0; i < answers.size(); i++) {
                if (fastest < 0 || tps(answers.get(i)) > tps(answers.get(fastest))) {
                    fastest = i;
                }
            }
            double ttft = answers.stream().mapToDouble(Scoring::ttftP95).filter(Double::isFinite).min().orElse(0);
            double tpot = answers.stream().mapToDouble(FormatChoice::tpot).filter(Double::isFinite).min().orElse(0);
            return new Best(fastest < 0 ? 0 : tps(answers.get(fastest)), fastest < 0 ? "" : names.get(fastest), ttft, tpot,
                    prefixCutPercent);
        }

        private static double tps(PlanResponse a) {
            return a.performance().outputTokensPerSecond();
        }

        /** Throughput as a share of the best, 0..100. */
        double throughputShare(PlanResponse a) {
            return tokensPerSecond > 0 ? 100 * tps(a) / tokensPerSecond : 0;
        }
    }

    /** A latency scored as the best over this one, 0..100 (lower is better); 0 when either is undefined. */
    static double latencyShare(double bestMs, double ms) {
        return Double.isFinite(ms) && ms > 0 && bestMs > 0 ? 100 * bestMs / ms : 0;
    }

    /** A cell before its weight is known: value, score (null = no source), reason, source. */
    record Cell(String value, @Nullable Double score, String reason, @Nullable OperationFact fact) {
        Criterion weighted(double weight) {
            double points = weight * (score == null ? 50 : score);
            return new Criterion(value, score, weight, points,
                    score == null && weight > 0 ? reason + " (no source: counted as 50)" : reason,
                    fact == null ? null : fact.sourceUrl(),
                    fact == null ? null : fact.asOf().toString());
        }
    }

    private final Situation s;
    private final CatalogSnapshot cat;
    private final FrameworkOperations ops;
    private final EfficiencyProfile profile;
    private final Best best;

    Scoring(Situation s, CatalogSnapshot cat, FrameworkOperations ops, EfficiencyProfile profile, Best best) {
        this.s = s;
        this.cat = cat;
        this.ops = ops;
        this.profile = profile;
        this.best = best;
    }

    /** Every criterion's cell for one framework that runs, by criterion id. */
    Map<String, Cell> cells(String fw, String format, PlanResponse a, @Nullable QualityEstimate quality,
                            @Nullable PrefixGain prefix) {
        Map<String, Cell> c = new LinkedHashMap<>();
        PlanResponse.PerformanceBlock p = a.performance();
        double tps = p.outputTokensPerSecond();
        c.put("throughput", new Cell(String.format(Locale.ROOT, "%,.0f output tokens/s", tps), best.throughputShare(a),
                String.format(Locale.ROOT, "Throughput: %,.0f output tokens/s on %d × %s, %.0f %% of the best here (%s, %,.0f tok/s), %s",
                        tps, a.plan().acceleratorCount(), a.plan().accelerator(), 100 * tps / best.tokensPerSecond(), best.fastest(),
                        best.tokensPerSecond(), method(a)), null));
        c.put("ttftP95", latency("TTFT", ttftP95(a), best.ttftP95Ms(), Boolean.TRUE.equals(p.exceedsCapacity()),
                p.ttftP95Ms() == null ? "mean (no percentile in this mode)" : "p95"));
        c.put("tpotP95", latency("TPOT", FormatChoice.tpot(a), best.tpotP95Ms(), false, p.tpotP95Ms() == null ? "mean" : "p95"));
        c.put("prefixCache", prefix(fw, prefix));
        c.put("hardwareFit", hardwareFit(fw, format, a));
        c.put("quality", quality(format, quality, s.qualityBudget()));
        c.put("setupCost", setup(fw, format, a));
        c.put("maintenance", maintenance(fw));
        c.put("openAiApi", yesNo(fw, Fact.OPENAI_COMPATIBLE_API, "OpenAI-compatible API"));
        c.put("structuredOutput", yesNo(fw, Fact.STRUCTURED_OUTPUT, "Structured output"));
        c.put("evidence", evidence(fw, a));
        return c;
    }

    static Criteria criteria(Map<String, Criterion> byId) {
        return new Criteria(byId.get("throughput"), byId.get("ttftP95"), byId.get("tpotP95"), byId.get("prefixCache"),
                byId.get("hardwareFit"), byId.get("quality"), byId.get("setupCost"), byId.get("maintenance"), byId.get("openAiApi"),
                byId.get("structuredOutput"), byId.get("evidence"));
    }

    static double ttftP95(PlanResponse a) {
        Double v = a.performance().ttftP95Ms() != null ? a.performance().ttftP95Ms() : a.performance().ttftMs();
        return v == null ? Double.NaN : v;
    }

    private static Cell latency(String name, double ms, double bestMs, boolean exceeds, String statistic) {
        if (exceeds) {
            return new Cell("exceeds capacity", 0.0, name + ": the arrival rate exceeds this deployment's capacity", null);
        }
        if (!Double.isFinite(ms) || !(bestMs > 0)) {
            return new Cell("not defined in this mode", null, name + ": not defined for this workload", null);
        }
        return new Cell(String.format(Locale.ROOT, "%,.1f ms (%s)", ms, statistic), latencyShare(bestMs, ms),
                String.format(Locale.ROOT, "%s %s: %,.1f ms against the best here %,.1f ms (engine)", name, statistic, ms, bestMs), null);
    }

    /**
     * 100 × (1 − loss ÷ budget): the 16-bit reference scores 100, a format at the budget 0 (a budget of 0 admits only
     * lossless formats); null when no quality figure is published for the format.
     */
    static @Nullable Double qualityScore(@Nullable QualityEstimate q, double budgetPercent) {
        if (q == null || q.percentBelowSixteenBit() == null) {
            return null;
        }
        double loss = Math.max(0, q.percentBelowSixteenBit());
        if (budgetPercent <= 0) {
            return loss == 0 ? 100.0 : 0.0;
        }
        return Math.max(0, 100 * (1 - loss / budgetPercent));
    }

    static Cell quality(String format, @Nullable QualityEstimate q, double budgetPercent) {
        Double score = qualityScore(q, budgetPercent);
        if (score == null) {
            return new Cell("no published figure", null, "Quality: no published quality figure for " + format, null);
        }
        double loss = q.percentBelowSixteenBit();
        return new Cell(String.format(Locale.ROOT, "%.2f %% below 16-bit", loss), score, String.format(Locale.ROOT,
                "Quality: %s is %.2f %% below 16-bit against the %s %% budget (%s)", format, loss,
                FourQuestions.number(budgetPercent), q.basis()), null);
    }

    private Cell prefix(String fw, @Nullable PrefixGain g) {
        if (s.prefixShare() == 0) {
            return new Cell("no shared prefix", null, "Prefix cache: the prompts share no prefix here", null);
        }
        var spec = cat.frameworks().get(fw).spec().orElseThrow();
        String kind = switch (spec.prefixCache()) {
            case RADIX_TREE -> "radix-tree prefix cache";
            case HASHED_BLOCKS -> "hashed-block prefix cache";
            case NONE -> "no prefix cache";
        };
        if (g == null) {
            return new Cell(kind, null, "Prefix cache: " + kind + ", the engine could not compare it with the cache off", null);
        }
        double score = best.prefixCutPercent() > 0 ? 100 * g.cutPercent() / best.prefixCutPercent() : 0;
        return new Cell(String.format(Locale.ROOT, "%s: mean TTFT %,.0f → %,.0f ms (−%.0f %%)", kind, g.ttftWithoutMs(), g.ttftWithMs(),
                g.cutPercent()), score, String.format(Locale.ROOT, "Prefix cache: %.0f %% of each prompt shared, the %s cuts mean "
                + "TTFT from %,.0f to %,.0f ms (−%.0f %%, engine with the cache on and off)", s.prefixShare() * 100, kind,
                g.ttftWithoutMs(), g.ttftWithMs(), g.cutPercent()), null);
    }

    private Cell hardwareFit(String fw, String format, PlanResponse a) {
        AcceleratorSpec acc = cat.accelerators().get(a.plan().accelerator()).spec().orElseThrow();
        Architecture arch = acc.architecture();
        NumberFormatSpec.HardwareNeed bestNeed = arch.hasNativeNvfp4() ? NumberFormatSpec.HardwareNeed.NATIVE_NVFP4
                : arch.hasNativeFp8() ? NumberFormatSpec.HardwareNeed.NATIVE_FP8 : NumberFormatSpec.HardwareNeed.ANY;
        String nativeName = bestNeed == NumberFormatSpec.HardwareNeed.NATIVE_NVFP4 ? "NVFP4"
                : bestNeed == NumberFormatSpec.HardwareNeed.NATIVE_FP8 ? "FP8" : null;
        List<String> advised = ops.fact(fw, Fact.ADVISED_WEIGHT_FORMATS).map(f -> List.of(f.value().split(";"))).orElse(List.of());
        // the catalog row's hardware need names the tensor cores a format computes on (the engine's spec of a format
        // with support-table cells no longer carries it: the cells decide where it runs)
        String needName = bestNeed.name().toLowerCase(Locale.ROOT);
        boolean usesNative = bestNeed == NumberFormatSpec.HardwareNeed.ANY || cat.weightFormats().values().stream()
                .filter(e -> needName.equals(e.row().hardwareNeed())).map(e -> e.spec().orElse(null))
                .anyMatch(w -> w != null && w.frameworks().contains(fw) && (advised.isEmpty() || advised.contains(w.id())));
        Optional<OperationFact> install = ops.qualified(fw, Fact.INSTALL, arch.vendor().name().toLowerCase(Locale.ROOT));
        String hw = arch.name().toLowerCase(Locale.ROOT);
        String value = nativeName == null ? "runs here" : usesNative ? "can use " + nativeName + " tensor cores"
                : "no " + nativeName + " path";
        String text = nativeName == null ? "runs on " + hw + " (no lower-precision tensor-core format to use here)"
                : usesNative ? "one of its documented formats uses the " + nativeName + " tensor cores of " + hw
                : "none of its documented formats uses the " + nativeName + " tensor cores of " + hw;
        double score = usesNative ? 100 : 50;
        if (install.isPresent() && install.get().value().equals("source-build")) {
            score = Math.min(score, 50);
            value += ", source build on " + arch.vendor().name();
            text += ", and on " + arch.vendor().name() + " it installs only by a source build";
        }
        return new Cell(value + " (runs " + format + ")", score, "Hardware fit: " + text + " (it runs " + format + " here)",
                install.orElse(null));
    }

    private Cell setup(String fw, String format, PlanResponse a) {
        return setup(s, cat, ops, fw, format, a.plan().accelerator());
    }

    /**
     * Set-up and model changes for one framework running one format: its documented offline steps per model version
     * (plus a source build where it installs only so), times the team's cost per step and the model versions over the
     * lifetime, per month. It depends on the format, so the format choice weighs it too.
     */
    static Cell setup(Situation s, CatalogSnapshot cat, FrameworkOperations ops, String fw, String format, String accelerator) {
        var wf = cat.weightFormats().get(format).spec().orElseThrow();
        Optional<OperationFact> steps = ops.modelChangeSteps(fw, format, wf.gguf());
        if (steps.isEmpty()) {
            return new Cell("no source", null, "Set-up: no documented steps for " + fw + " with " + format, null);
        }
        AcceleratorSpec acc = cat.accelerators().get(accelerator).spec().orElseThrow();
        Optional<OperationFact> build = ops.qualified(fw, Fact.INSTALL, acc.architecture().vendor().name().toLowerCase(Locale.ROOT))
                .filter(f -> f.value().equals("source-build"));
        int n = Integer.parseInt(steps.get().value()) + (build.isPresent() ? 1 : 0);
        double perMonth = n * s.team().stepCost * s.modelVersions() / s.months();
        String cold = ops.coldStart(fw).map(f -> String.format(Locale.ROOT, ", cold start %,.0f s measured for %s (%s)",
                Double.parseDouble(f.value()), f.qualifier(), f.sourceUrl())).orElse("");
        String reason = String.format(Locale.ROOT, "Set-up: %d offline step%s per model version with %s%s, %s model version%s over "
                        + "%d months with team '%s' (× %s) → %.2f steps a month%s", n, n == 1 ? "" : "s", format,
                build.isPresent() ? " (one is the source build)" : "", FourQuestions.number(s.modelVersions()),
                s.modelVersions() == 1 ? "" : "s", s.months(), s.team().id(), FourQuestions.number(s.team().stepCost), perMonth, cold);
        return new Cell(String.format(Locale.ROOT, "%d step%s per version, %.2f a month", n, n == 1 ? "" : "s", perMonth),
                100 / (1 + perMonth), reason, steps.get());
    }

    private Cell maintenance(String fw) {
        Optional<OperationFact> status = ops.fact(fw, Fact.MAINTENANCE_STATUS);
        if (status.isEmpty()) {
            return new Cell("no source", null, "Maintenance: no source", null);
        }
        String since = ops.fact(fw, Fact.STATUS_SINCE).map(f -> " since " + f.value()).orElse("");
        boolean active = status.get().value().equals("active");
        String value = (active ? "active" : "maintenance mode" + since) + " (as of " + status.get().asOf() + ")";
        return new Cell(value, active ? 100.0 : 0.0, "Maintenance: " + value + (active ? "" : ", no new performance work"),
                status.get());
    }

    private Cell yesNo(String fw, Fact fact, String label) {
        Optional<OperationFact> f = ops.fact(fw, fact);
        if (f.isEmpty()) {
            return new Cell("no source", null, label + ": no source", null);
        }
        return new Cell(f.get().value(), f.get().yes() ? 100.0 : 0.0, label + ": " + f.get().value() + " (" + fw + " "
                + f.get().frameworkVersion() + ")", f.get());
    }

    private Cell evidence(String fw, PlanResponse a) {
        Architecture arch = cat.accelerators().get(a.plan().accelerator()).spec().orElseThrow().architecture();
        Optional<OperationFact> other = ops.qualified(fw, Fact.BACKEND_ON, arch.vendor().name().toLowerCase(Locale.ROOT));
        String clause = List.of(a.performance().provenance().split("; ")).stream()
                .filter(x -> x.startsWith("calibrated on") || x.startsWith("not calibrated on")).findFirst()
                .orElse(a.performance().provenance());
        if (other.isPresent()) {
            return new Cell("fitted on another runtime", 0.0, "Engine evidence: on " + arch.vendor().name() + " " + fw + " runs its "
                    + other.get().value() + ", not the runtime its efficiencies were fitted on (" + clause + ")", other.get());
        }
        boolean calibrated = profile.calibrated(fw, arch);
        boolean shared = clause.contains("shared framework values");
        String value = calibrated ? "calibrated on this pair" : shared ? "no measurements of " + fw : "carried over from " + fw
                + " elsewhere";
        return new Cell(value, calibrated ? 100.0 : shared ? 0.0 : 50.0, "Engine evidence: " + clause, null);
    }

    private static String method(PlanResponse a) {
        return a.performance().simulation() != null && "simulation".equals(a.performance().simulation().method())
                ? "simulated by the engine" : "from the engine's closed form";
    }
}
