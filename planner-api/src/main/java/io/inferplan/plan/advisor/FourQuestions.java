package io.inferplan.plan.advisor;

import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.plan.advisor.AdviseResponse.Question;
import io.inferplan.plan.advisor.Situation.Goal;
import io.inferplan.plan.advisor.Situation.Team;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.evaluate.PlanRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the four questions (concurrency, prefix overlap, hardware, lifetime) and the other inputs from an advise
 * request, assumes what is absent, and says which is which. Bad input is a 400 naming the field.
 */
final class FourQuestions {

    /** Assumed when not given; each assumption is listed in the answer. */
    static final int DEFAULT_INPUT_TOKENS = 2048;
    static final int DEFAULT_OUTPUT_TOKENS = 256;
    static final int DEFAULT_MONTHS = 12;
    static final double DEFAULT_QUALITY_BUDGET_PERCENT = 5.0;

    private FourQuestions() {
    }

    static Situation read(AdviseRequest r, CatalogSnapshot cat) {
        FieldChecks c = new FieldChecks().required("model", r.model()).required("accelerator", r.accelerator())
                .range("acceleratorCount", r.acceleratorCount(), 1, 4096, "accelerators", false)
                .range("deploymentMonths", r.deploymentMonths(), 1, 600, "months", false)
                .range("modelChangesPerYear", r.modelChangesPerYear(), 0.0, 365.0, "model versions per year", false)
                .range("maxQualityLossPercent", r.maxQualityLossPercent(), 0.0, 100.0, "percent below 16-bit", false)
                .oneOf("teamExperience", r.teamExperience(), List.of("none", "some", "dedicated"), false);
        if (r.model() != null && !cat.models().containsKey(r.model())) {
            c.fail("model", "unknown id '" + r.model() + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(r.model(), new ArrayList<>(cat.models().keySet()))));
        }
        if (r.accelerator() != null && !cat.accelerators().containsKey(r.accelerator())) {
            c.fail("accelerator", "unknown id '" + r.accelerator() + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(r.accelerator(), new ArrayList<>(cat.accelerators().keySet()))));
        }
        if (r.priorities() != null) {
            r.priorities().forEach((k, v) -> {
                if (!Scoring.CRITERIA.containsKey(k)) {
                    c.fail("priorities." + k, "unknown criterion; allowed: " + String.join(", ", Scoring.CRITERIA.keySet()));
                } else {
                    c.range("priorities." + k, v, 0.0, 100.0, "relative weight", true);
                }
            });
        }
        c.throwIfAny();

        List<Question> questions = new ArrayList<>();
        PlanRequest.WorkloadInput w = workload(r.workload(), questions);
        int input = w.inputTokens();
        int shared = w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens();
        boolean prefixGiven = r.workload() != null && r.workload().sharedPrefixTokens() != null;
        double share = input > 0 ? Math.min(1.0, (double) shared / input) : 0;
        questions.add(new Question("prefixOverlap", "How much of each prompt is shared across requests?",
                String.format(Locale.ROOT, "%,d of %,d prompt tokens (%.0f %%)", shared, input, share * 100), !prefixGiven,
                prefixGiven ? "read from workload.sharedPrefixTokens and workload.inputTokens"
                        : "not given: assumed no shared prefix (workload.sharedPrefixTokens = 0)"));
        var acc = cat.accelerators().get(r.accelerator()).row();
        questions.add(new Question("hardware", "Which hardware?",
                (r.acceleratorCount() == null ? "" : r.acceleratorCount() + " × ") + acc.id() + " (" + acc.vendor() + " "
                        + acc.name() + ", " + acc.architecture() + ")", false,
                r.acceleratorCount() == null ? "read from accelerator; acceleratorCount not given: each framework gets the "
                        + "fewest that fit its format" : "read from accelerator and acceleratorCount"));
        int months = r.deploymentMonths() == null ? DEFAULT_MONTHS : r.deploymentMonths();
        double changes = r.modelChangesPerYear() == null ? 0 : r.modelChangesPerYear();
        questions.add(new Question("lifetime", "How long does the deployment live, and how often does the model change?",
                String.format(Locale.ROOT, "%d months, %s model change%s a year", months, number(changes), changes == 1 ? "" : "s"),
                r.deploymentMonths() == null || r.modelChangesPerYear() == null,
                (r.deploymentMonths() == null ? "deploymentMonths not given: assumed " + DEFAULT_MONTHS : "read from deploymentMonths")
                        + (r.modelChangesPerYear() == null ? ", modelChangesPerYear not given: assumed 0 (the same model "
                        + "for the whole lifetime)" : ", read from modelChangesPerYear")));

        List<Question> other = new ArrayList<>();
        Team team = r.teamExperience() == null ? Team.SOME : Team.valueOf(r.teamExperience().toUpperCase(Locale.ROOT));
        other.add(new Question("teamExperience", "Who runs it?", team.id() + ": each offline set-up step counts "
                + number(team.stepCost) + " ×", r.teamExperience() == null, r.teamExperience() == null
                ? "not given: assumed some (a team that has run LLM serving before); 'none' doubles the weight of set-up steps"
                : "read from teamExperience"));
        double budget = r.maxQualityLossPercent() == null ? DEFAULT_QUALITY_BUDGET_PERCENT : r.maxQualityLossPercent();
        other.add(new Question("qualityBudget", "How much quality may quantization cost?",
                "at most " + number(budget) + " % below the same model in 16 bits", r.maxQualityLossPercent() == null,
                r.maxQualityLossPercent() == null ? "not given: assumed " + number(DEFAULT_QUALITY_BUDGET_PERCENT)
                        + " % (the advisor's default; formats without a published figure are not run)"
                        : "read from maxQualityLossPercent"));
        other.add(lengths(w));
        boolean structured = Boolean.TRUE.equals(r.structuredOutput());
        boolean agents = Boolean.TRUE.equals(r.agentWorkflows());
        boolean edge = Boolean.TRUE.equals(r.offlineOrEdge());
        List<String> needs = new ArrayList<>();
        if (structured) {
            needs.add("structured output");
        }
        if (agents) {
            needs.add("agent workflows");
        }
        if (edge) {
            needs.add("offline or edge");
        }
        other.add(new Question("needs", "What else must it do?", needs.isEmpty() ? "nothing beyond serving"
                : String.join(", ", needs), false, "read from structuredOutput, agentWorkflows, offlineOrEdge (absent = no)"));
        Map<String, Double> priorities = r.priorities() == null ? Map.of() : new LinkedHashMap<>(r.priorities());
        other.add(new Question("priorities", "Which criteria matter more?", priorities.isEmpty()
                ? "the advisor's default weights" : priorities.toString(), priorities.isEmpty(),
                priorities.isEmpty() ? "not given: default weights for this workload (see weights)" : "read from priorities"));
        return new Situation(r.model(), r.accelerator(), r.acceleratorCount(), w, goal(w), share, months, changes, team,
                budget, structured, agents, edge, priorities, List.copyOf(questions), List.copyOf(other));
    }

    /** The workload with its absent parts assumed, and the concurrency question. */
    private static PlanRequest.WorkloadInput workload(PlanRequest.WorkloadInput given, List<Question> questions) {
        PlanRequest.WorkloadInput w = given == null ? new PlanRequest.WorkloadInput(null, null, null, null, null, null) : given;
        List<String> assumed = new ArrayList<>();
        String mode = w.mode();
        if (mode == null) {
            mode = w.requestsPerSecond() != null ? "arrival-rate" : w.concurrency() != null ? "fixed-concurrency" : "single-stream";
            assumed.add("workload.mode " + mode);
        }
        Integer concurrency = w.concurrency();
        if ("fixed-concurrency".equals(mode) && concurrency == null) {
            concurrency = 1;
            assumed.add("workload.concurrency 1");
        }
        Integer input = w.inputTokens();
        if (input == null) {
            input = DEFAULT_INPUT_TOKENS;
            assumed.add("workload.inputTokens " + DEFAULT_INPUT_TOKENS);
        }
        Integer output = w.outputTokens();
        if (output == null) {
            output = DEFAULT_OUTPUT_TOKENS;
            assumed.add("workload.outputTokens " + DEFAULT_OUTPUT_TOKENS);
        }
        String answer = switch (mode) {
            case "single-stream" -> "1 request at a time";
            case "fixed-concurrency" -> concurrency + (concurrency == 1 ? " request" : " requests") + " in flight at all times";
            case "arrival-rate" -> "requests arriving at " + number(w.requestsPerSecond() == null ? 0 : w.requestsPerSecond())
                    + " per second";
            case "max-throughput" -> "every request queued at once (maximum throughput)";
            default -> mode;
        };
        boolean read = assumed.stream().noneMatch(a -> a.startsWith("workload.mode") || a.startsWith("workload.concurrency"));
        questions.add(new Question("concurrency", "How many requests run at once?", answer, !read,
                (read ? "read from workload.mode" + ("fixed-concurrency".equals(mode) ? " and workload.concurrency" : "") : "")
                        + (assumed.isEmpty() ? "" : (read ? ". " : "") + "Not given, assumed: " + String.join(", ", assumed))));
        return new PlanRequest.WorkloadInput(mode, input, output, concurrency, w.requestsPerSecond(), w.sharedPrefixTokens(),
                w.batch(), w.inputTokensSpread(), w.outputTokensSpread(), w.lengthDistribution(), w.burstiness());
    }

    /**
     * How much request lengths vary. Fixed lengths are the API's default, and with many clients they matter: requests
     * that start together finish together and come back as one wave, so TTFT p95 (a criterion) is higher than with
     * the spread of real traffic (70B on 4 × H100, 64 clients: vLLM's p95 TTFT 3.2 s fixed, 0.4 s with a lognormal spread).
     */
    private static Question lengths(PlanRequest.WorkloadInput w) {
        boolean given = w.inputTokensSpread() != null || w.outputTokensSpread() != null;
        if (!given) {
            return new Question("lengthSpread", "How much do request lengths vary?",
                    String.format(Locale.ROOT, "not at all: every request %,d in / %,d out", w.inputTokens(), w.outputTokens()),
                    true, "not given: assumed fixed lengths (workload.inputTokensSpread and outputTokensSpread = 0). With "
                    + "several clients, fixed lengths keep them in step, so requests arrive in waves and TTFT p95 is higher "
                    + "than real traffic's; give the spreads (standard deviations, tokens) for chat-like work");
        }
        String shape = w.lengthDistribution() == null ? "uniform" : w.lengthDistribution();
        return new Question("lengthSpread", "How much do request lengths vary?", String.format(Locale.ROOT,
                "standard deviation %,.0f in / %,.0f out tokens (%s)", w.inputTokensSpread() == null ? 0 : w.inputTokensSpread(),
                w.outputTokensSpread() == null ? 0 : w.outputTokensSpread(), shape), false,
                "read from workload.inputTokensSpread, outputTokensSpread" + (w.lengthDistribution() == null
                        ? " (lengthDistribution not given: uniform, the simulator's default)" : " and lengthDistribution"));
    }

    private static Goal goal(PlanRequest.WorkloadInput w) {
        return switch (w.mode()) {
            case "single-stream" -> Goal.SINGLE_USER;
            case "max-throughput" -> Goal.MAX_THROUGHPUT;
            case "fixed-concurrency" -> w.concurrency() != null && w.concurrency() <= 2 ? Goal.SINGLE_USER : Goal.SERVING;
            default -> Goal.SERVING;
        };
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }
}
