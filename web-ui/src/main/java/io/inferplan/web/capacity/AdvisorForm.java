package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.FormText;
import io.inferplan.web.common.ParsedForm;
import io.micronaut.core.convert.value.ConvertibleMultiValues;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.inferplan.web.capacity.OptimizerForm.entry;
import static io.inferplan.web.capacity.OptimizerForm.one;
import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The framework-advisor form as submitted: the four questions (how many requests at once, how much prompt they
 * share, which hardware, how long it lives and how often the model changes), who runs it, the quality budget, the
 * needs and optional weights per criterion ({@code w-throughput}, …). A blank field is "not given": the advisor
 * assumes it and says so. Checkboxes are "true" when ticked, absent otherwise.
 */
public record AdvisorForm(String model, String accelerator, String acceleratorCount, String mode, String concurrency,
                          String inputTokens, String outputTokens, String sharedPrefixTokens, String inputTokensSpread,
                          String outputTokensSpread, String lengthDistribution, String deploymentMonths,
                          String modelChangesPerYear, String teamExperience, String maxQualityLossPercent,
                          boolean structuredOutput, boolean agentWorkflows, boolean offlineOrEdge, Map<String, String> weights) {

    /** The criterion ids a weight can be given for, in table order (the advisor's {@code priorities} keys). */
    public static final List<String> CRITERIA = List.copyOf(AdvisorService.criterionLabels().keySet());

    static final Set<String> INPUTS = Stream.concat(Stream.of("model", "accelerator", "acceleratorCount", "mode", "concurrency",
            "inputTokens", "outputTokens", "sharedPrefixTokens", "inputTokensSpread", "outputTokensSpread",
            "lengthDistribution", "deploymentMonths", "modelChangesPerYear", "teamExperience",
            "maxQualityLossPercent", "structuredOutput", "agentWorkflows", "offlineOrEdge"),
            CRITERIA.stream().map(AdvisorForm::weightInput)).collect(Collectors.toUnmodifiableSet());

    public AdvisorForm {
        weights = Map.copyOf(weights);
    }

    public static String weightInput(String criterion) {
        return "w-" + criterion;
    }

    public static AdvisorForm defaults() {
        return new AdvisorForm("llama-3.1-8b", "h100-sxm", "", "fixed-concurrency", "16", "2048", "256", "", "", "", "",
                "", "", "", "",
                false, false, false, Map.of());
    }

    public static AdvisorForm from(ConvertibleMultiValues<String> p) {
        return of(name -> one(p, name));
    }

    /** The form a plan link carried as its {@code advice} parameter (the advisor page's own query string). */
    public static AdvisorForm fromQuery(String query) {
        Map<String, String> first = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            first.putIfAbsent(k, v.trim());
        }
        return of(name -> first.getOrDefault(name, ""));
    }

    private static AdvisorForm of(UnaryOperator<String> p) {
        Map<String, String> weights = new LinkedHashMap<>();
        CRITERIA.forEach(c -> weights.put(c, p.apply(weightInput(c))));
        return new AdvisorForm(p.apply("model"), p.apply("accelerator"), p.apply("acceleratorCount"), p.apply("mode"),
                p.apply("concurrency"), p.apply("inputTokens"), p.apply("outputTokens"), p.apply("sharedPrefixTokens"),
                p.apply("inputTokensSpread"), p.apply("outputTokensSpread"), p.apply("lengthDistribution"),
                p.apply("deploymentMonths"), p.apply("modelChangesPerYear"), p.apply("teamExperience"),
                p.apply("maxQualityLossPercent"), "true".equals(p.apply("structuredOutput")),
                "true".equals(p.apply("agentWorkflows")), "true".equals(p.apply("offlineOrEdge")), weights);
    }

    /** The weight typed for one criterion ("" when none). */
    public String weight(String criterion) {
        return weights.getOrDefault(criterion, "");
    }

    public List<Map.Entry<String, String>> params() {
        List<Map.Entry<String, String>> out = new ArrayList<>(List.of(entry("model", model), entry("accelerator", accelerator),
                entry("acceleratorCount", acceleratorCount), entry("mode", mode), entry("concurrency", concurrency),
                entry("inputTokens", inputTokens), entry("outputTokens", outputTokens),
                entry("sharedPrefixTokens", sharedPrefixTokens), entry("inputTokensSpread", inputTokensSpread),
                entry("outputTokensSpread", outputTokensSpread), entry("lengthDistribution", lengthDistribution),
                entry("deploymentMonths", deploymentMonths),
                entry("modelChangesPerYear", modelChangesPerYear), entry("teamExperience", teamExperience),
                entry("maxQualityLossPercent", maxQualityLossPercent), entry("structuredOutput", structuredOutput ? "true" : ""),
                entry("agentWorkflows", agentWorkflows ? "true" : ""), entry("offlineOrEdge", offlineOrEdge ? "true" : "")));
        CRITERIA.forEach(c -> out.add(entry(weightInput(c), weight(c))));
        return out;
    }

    /** The workload of every framework's plan: the mode chosen (fixed concurrency by default) and the length spreads. */
    PlanRequest.WorkloadInput workload(List<FieldError> errors) {
        String m = mode == null || mode.isBlank() ? "fixed-concurrency" : mode;
        Integer c = "fixed-concurrency".equals(m) ? FormText.integer("workload.concurrency", concurrency, errors) : null;
        return new PlanRequest.WorkloadInput(m, FormText.integer("workload.inputTokens", inputTokens, errors),
                FormText.integer("workload.outputTokens", outputTokens, errors), c, null,
                FormText.integer("workload.sharedPrefixTokens", sharedPrefixTokens, errors), null,
                FormText.decimal("workload.inputTokensSpread", inputTokensSpread, errors),
                FormText.decimal("workload.outputTokensSpread", outputTokensSpread, errors), blankToNull(lengthDistribution),
                null);
    }

    public ParsedForm<AdviseRequest> parse() {
        List<FieldError> errors = new ArrayList<>();
        Integer count = FormText.integer("acceleratorCount", acceleratorCount, errors);
        PlanRequest.WorkloadInput w = workload(errors);
        Integer months = FormText.integer("deploymentMonths", deploymentMonths, errors);
        Double changes = FormText.decimal("modelChangesPerYear", modelChangesPerYear, errors);
        Double budget = FormText.decimal("maxQualityLossPercent", maxQualityLossPercent, errors);
        Map<String, Double> priorities = new LinkedHashMap<>();
        for (String c : CRITERIA) {
            Double v = FormText.decimal(weightInput(c), weight(c), errors);
            if (v != null && (v < 0 || v > 100)) {
                errors.add(new FieldError(weightInput(c), "must be between 0 and 100 (a relative weight)"));
            } else if (v != null) {
                priorities.put(c, v);
            }
        }
        if (!errors.isEmpty()) {
            return new ParsedForm<>(null, errors);
        }
        return new ParsedForm<>(new AdviseRequest(blankToNull(model), blankToNull(accelerator), count, w, months,
                structuredOutput, agentWorkflows, offlineOrEdge, changes, blankToNull(teamExperience),
                priorities.isEmpty() ? null : priorities, budget), List.of());
    }
}
