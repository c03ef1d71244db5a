package io.inferplan.plan.advisor;

import io.inferplan.plan.advisor.AdviseResponse.CriterionWeight;
import io.inferplan.plan.advisor.Situation.Goal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The criteria's weights for one situation. Defaults are the advisor's stated policy, not measurements: performance
 * weighs most, split by the goal (one user: time per output token; serving: throughput and both tails; maximum
 * throughput: throughput); the prefix-cache gain weighs in proportion to the shared share of the prompt; a stated
 * need raises its criterion; the request's {@code priorities} replace the defaults they name. Criteria that no
 * framework has a figure for here weigh 0. The weights are normalised to add up to 1.
 */
final class Weights {

    private Weights() {
    }

    /** @param measured criteria with a figure for at least one framework here */
    static List<CriterionWeight> of(Situation s, Set<String> measured) {
        Map<String, Double> raw = new LinkedHashMap<>();
        Map<String, String> why = new LinkedHashMap<>();
        Goal g = s.goal();
        put(raw, why, "throughput", g == Goal.SINGLE_USER ? 0.05 : g == Goal.MAX_THROUGHPUT ? 0.35 : 0.20, goalWhy(g));
        put(raw, why, "ttftP95", g == Goal.MAX_THROUGHPUT ? 0.0 : 0.10, goalWhy(g));
        put(raw, why, "tpotP95", g == Goal.SINGLE_USER ? 0.20 : g == Goal.MAX_THROUGHPUT ? 0.05 : 0.10, goalWhy(g));
        double prefix = 0.25 * Math.min(1.0, s.prefixShare() / 0.5);
        String prefixWhy = String.format(Locale.ROOT, "0.25 × min(1, shared share %.0f %% ÷ 50 %%)", s.prefixShare() * 100);
        if (s.agentWorkflows() && prefix < 0.15) {
            prefix = 0.15;
            prefixWhy = "agent workflows re-send a growing shared context";
        }
        put(raw, why, "prefixCache", prefix, prefixWhy);
        put(raw, why, "hardwareFit", s.offlineOrEdge() ? 0.20 : 0.10, s.offlineOrEdge() ? "offline or edge: the hardware at hand is all "
                + "there is" : "default");
        put(raw, why, "quality", 0.10, "default: the format's published quality cost, scored against the budget");
        put(raw, why, "setupCost", 0.15, "default (the lifetime and team weigh inside the criterion)");
        put(raw, why, "maintenance", 0.10, "default");
        put(raw, why, "openAiApi", 0.05, "default");
        put(raw, why, "structuredOutput", s.structuredOutput() ? 0.20 : 0.05, s.structuredOutput() ? "structured output is "
                + "needed" : "default");
        put(raw, why, "evidence", 0.10, "default: how much of the engine's numbers come from measurements of this framework here");
        s.priorities().forEach((id, w) -> {
            raw.put(id, w);
            why.put(id, "from the request's priorities");
        });
        for (String id : raw.keySet()) {
            if (!measured.contains(id) && raw.get(id) > 0) {
                raw.put(id, 0.0);
                why.put(id, "no framework has this figure here");
            }
        }
        double sum = raw.values().stream().mapToDouble(Double::doubleValue).sum();
        List<CriterionWeight> out = new ArrayList<>();
        for (var e : raw.entrySet()) {
            out.add(new CriterionWeight(e.getKey(), Scoring.CRITERIA.get(e.getKey()), sum > 0 ? e.getValue() / sum : 0,
                    String.format(Locale.ROOT, "%s (raw %.2f of %.2f)", why.get(e.getKey()), e.getValue(), sum)));
        }
        return out;
    }

    private static void put(Map<String, Double> raw, Map<String, String> why, String id, double weight, String reason) {
        raw.put(id, weight);
        why.put(id, reason);
    }

    private static String goalWhy(Goal g) {
        return switch (g) {
            case SINGLE_USER -> "one user at a time: the time per output token matters most";
            case SERVING -> "many requests at once: throughput first, then both latency tails";
            case MAX_THROUGHPUT -> "every request queued at once: throughput alone";
        };
    }
}
