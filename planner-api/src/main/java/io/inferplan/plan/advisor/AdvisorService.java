package io.inferplan.plan.advisor;

import io.inferplan.catalog.operations.FrameworkOperations;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.plan.advisor.AdviseResponse.Advice;
import io.inferplan.plan.advisor.AdviseResponse.Criterion;
import io.inferplan.plan.advisor.AdviseResponse.CriterionWeight;
import io.inferplan.plan.calibration.SpeedProfiles;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.quality.QualityEstimates;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the serving frameworks for a workload on the hardware at hand. It reads the four questions (assuming and
 * saying what is absent), picks the format each framework would really run, asks the engine for its numbers, scores
 * every criterion of the table and adds the points: the ranking follows from the table and nothing else.
 */
@Singleton
public class AdvisorService {

    static final String METHOD = "score = the sum over criteria of weight × score; every criterion is scored 0..100 against the "
            + "frameworks that run here: throughput as a share of the best, latencies as the best over this one, the prefix-cache "
            + "gain as a share of the largest TTFT cut, facts yes 100 / no 0 (active 100 / maintenance 0), hardware fit 100 when "
            + "the framework uses the hardware's lowest-precision tensor cores (else 50), quality 100 × (1 − published loss "
            + "below 16-bit ÷ the budget), set-up 100 ÷ (1 + offline steps per month of the lifetime), engine evidence 100 "
            + "calibrated / 50 carried over from the framework elsewhere / 0 shared values; a criterion without a source counts "
            + "50; the weights add up to 1 and are listed with their reasons. A framework without a default format runs the "
            + "documented format that scores best on the criteria a format changes (throughput, latency tails, quality)";

    private final PlanService plans;
    private final PlanCatalog catalog;
    private final QualityEstimates quality;
    private final FrameworkOperations ops;
    private final SpeedProfiles profiles;

    public AdvisorService(PlanService plans, PlanCatalog catalog, QualityEstimates quality, FrameworkOperations ops,
                          SpeedProfiles profiles) {
        this.plans = plans;
        this.catalog = catalog;
        this.quality = quality;
        this.ops = ops;
        this.profiles = profiles;
    }

    /** One framework while it is being scored. */
    private record Row(String framework, String name, FormatChoice.Chosen chosen, Scoring.PrefixGain prefix) {
        boolean runs() {
            return chosen.answer() != null;
        }
    }

    /** Criterion ids (the keys of {@code priorities}) and their labels, in table order. */
    public static Map<String, String> criterionLabels() {
        return java.util.Collections.unmodifiableMap(Scoring.CRITERIA);
    }

    public AdviseResponse advise(AdviseRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        CatalogSnapshot cat = catalog.current();
        Situation s = FourQuestions.read(r, cat);
        List<CatalogSnapshot.Entry<io.inferplan.catalog.framework.FrameworkRow, FrameworkSpec>> engines = cat.frameworks().values()
                .stream().filter(f -> f.spec().isPresent()).toList();
        // frameworks are independent: plan them side by side, then rethrow a bad-request problem on this thread
        List<Object> planned = engines.parallelStream().map(f -> {
            try {
                return (Object) plan(s, cat, f.row().id(), f.row().name());
            } catch (ProblemException e) {
                return e;
            }
        }).toList();
        List<Row> rows = new ArrayList<>();
        for (Object o : planned) {
            if (o instanceof ProblemException e) {
                throw e;
            }
            rows.add((Row) o);
        }
        List<Row> running = rows.stream().filter(Row::runs).toList();
        Scoring.Best best = best(running);
        Scoring scoring = new Scoring(s, cat, ops, profiles.bundled(), best);
        Map<String, Map<String, Scoring.Cell>> cells = new LinkedHashMap<>();
        Set<String> measured = new HashSet<>();
        for (Row row : running) {
            Map<String, Scoring.Cell> c = scoring.cells(row.framework(), row.chosen().format(), row.chosen().answer(),
                    row.chosen().quality(), row.prefix());
            c.forEach((id, cell) -> {
                if (cell.score() != null) {
                    measured.add(id);
                }
            });
            cells.put(row.framework(), c);
        }
        List<CriterionWeight> weights = Weights.of(s, measured);
        List<Advice> advice = new ArrayList<>();
        for (Row row : rows) {
            advice.add(row.runs() ? scored(row, cells.get(row.framework()), weights)
                    : new Advice(0, row.framework(), row.name(), null, null, null, null, null, null, null, null, null, null, null,
                    null, null, List.of(), row.chosen().refusal()));
        }
        advice.sort(Comparator.comparing((Advice a) -> a.score() == null ? Double.NEGATIVE_INFINITY : a.score()).reversed()
                .thenComparing(a -> a.outputTokensPerSecond() == null ? 0 : -a.outputTokensPerSecond()));
        List<Advice> ranked = new ArrayList<>();
        int rank = 0;
        for (Advice a : advice) {
            ranked.add(a.score() == null ? a : new Advice(++rank, a.framework(), a.frameworkName(), a.score(), a.frameworkVersion(),
                    a.weightFormat(), a.formatReason(), a.quality(), a.acceleratorCount(), a.tensorParallel(), a.replicas(),
                    a.outputTokensPerSecond(), a.ttftMs(),
                    a.ttftP95Ms(), a.tpotP95Ms(), a.criteria(), a.reasons(), null));
        }
        return new AdviseResponse(s.model(), s.accelerator(), s.acceleratorCount(), s.questions(), s.otherInputs(), weights,
                ranked, METHOD, cat.version());
    }

    private Row plan(Situation s, CatalogSnapshot cat, String fw, String name) {
        FormatChoice.Chosen chosen = FormatChoice.choose(s, fw, cat, plans, quality, ops);
        Scoring.PrefixGain gain = null;
        if (chosen.answer() != null && s.prefixShare() > 0) {
            gain = prefixGain(s, fw, chosen);
        }
        return new Row(fw, name, chosen, gain);
    }

    /** The engine's mean TTFT with the shared prefix cached and with the cache switched off, for the chosen format. */
    private Scoring.PrefixGain prefixGain(Situation s, String fw, FormatChoice.Chosen chosen) {
        PlanResponse with = chosen.answer();
        PlanRequest.ServingInput off = new PlanRequest.ServingInput(null, null, null, null, null, false, null, null, null);
        try {
            PlanResponse without = plans.evaluate(new PlanRequest(s.model(), chosen.format(), null, s.accelerator(),
                    with.plan().acceleratorCount(), fw, s.workload(), off, FormatChoice.layoutOf(with), null));
            Double a = with.performance().ttftMs();
            Double b = without.performance() == null ? null : without.performance().ttftMs();
            return a == null || b == null ? null : new Scoring.PrefixGain(a, b);
        } catch (ProblemException e) {
            return null;
        }
    }

    private static Scoring.Best best(List<Row> running) {
        double cut = running.stream().filter(r -> r.prefix() != null).mapToDouble(r -> r.prefix().cutPercent()).max().orElse(0);
        return Scoring.Best.of(running.stream().map(r -> r.chosen().answer()).toList(), running.stream().map(Row::name).toList(),
                cut);
    }

    private static Advice scored(Row row, Map<String, Scoring.Cell> cells, List<CriterionWeight> weights) {
        Map<String, Criterion> byId = new LinkedHashMap<>();
        double total = 0;
        List<String> reasons = new ArrayList<>();
        FormatChoice.Chosen c = row.chosen();
        reasons.add(sentence("Format: " + c.reason() + ", " + qualityWords(c)));
        for (CriterionWeight w : weights) {
            Criterion criterion = cells.get(w.id()).weighted(w.weight());
            byId.put(w.id(), criterion);
            total += criterion.points();
            if (w.weight() > 0) {
                reasons.add(sentence(criterion.reason() + String.format(java.util.Locale.ROOT, " → %.1f points", criterion.points())));
            }
        }
        PlanResponse a = c.answer();
        PlanResponse.PerformanceBlock p = a.performance();
        return new Advice(0, row.framework(), row.name(), Math.round(total * 10) / 10.0, a.plan().serving().frameworkVersion(),
                c.format(), c.reason(), c.quality(), a.plan().acceleratorCount(), a.plan().parallelism().tensorParallel(),
                a.plan().parallelism().replicas(), p.outputTokensPerSecond(), p.ttftMs(),
                p.ttftP95Ms(), p.tpotP95Ms(), Scoring.criteria(byId), reasons, null);
    }

    private static String qualityWords(FormatChoice.Chosen c) {
        Double q = c.quality() == null ? null : c.quality().percentBelowSixteenBit();
        return q == null ? "no published quality figure" : q == 0 ? "the 16-bit reference, no quality cost"
                : String.format(java.util.Locale.ROOT, "quality cost %.2f %% below 16-bit (%s)", q, c.quality().basis());
    }

    /** Reasons are joined with "; " in CSV: one never contains that separator, so it is never cut. */
    static String sentence(String text) {
        return text.replace("; ", ", ");
    }
}
