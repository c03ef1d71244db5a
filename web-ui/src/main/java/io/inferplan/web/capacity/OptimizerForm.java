package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.capacity.CapacityRequests;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.FormText;
import io.inferplan.web.common.ParsedForm;
import io.micronaut.core.convert.value.ConvertibleMultiValues;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The optimizer form as submitted (all text). Empty {@code accelerators}/{@code frameworks} = search every
 * accelerator with a rental price and every engine; empty {@code minWeightBits} = no quality floor.
 */
public record OptimizerForm(String model, String mode, String inputTokens, String outputTokens, String concurrency,
                            String requestsPerSecond, String ttftP95Ms, String tpotMs, String tpotP95Ms,
                            String minWeightBits,
                            List<String> accelerators, List<String> frameworks) {

    static final Set<String> INPUTS = Set.of("model", "mode", "inputTokens", "outputTokens", "concurrency",
            "requestsPerSecond", "ttftP95Ms", "tpotMs", "tpotP95Ms", "minWeightBits", "accelerators", "frameworks");

    public static OptimizerForm defaults() {
        return new OptimizerForm("llama-3.1-8b", "fixed-concurrency", "2048", "256", "16", "", "2000", "50", "", "",
                List.of(), List.of());
    }

    public static OptimizerForm from(ConvertibleMultiValues<String> p) {
        return new OptimizerForm(one(p, "model"), one(p, "mode"), one(p, "inputTokens"), one(p, "outputTokens"),
                one(p, "concurrency"), one(p, "requestsPerSecond"), one(p, "ttftP95Ms"), one(p, "tpotMs"),
                one(p, "tpotP95Ms"), one(p, "minWeightBits"), all(p, "accelerators"), all(p, "frameworks"));
    }

    static String one(ConvertibleMultiValues<String> p, String name) {
        return p.getFirst(name).map(String::trim).orElse("");
    }

    static List<String> all(ConvertibleMultiValues<String> p, String name) {
        return p.getAll(name).stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** The form's query parameters in form order (repeated for the multi-selects), for permalinks. */
    public List<Map.Entry<String, String>> params() {
        List<Map.Entry<String, String>> out = new ArrayList<>(List.of(entry("model", model), entry("mode", mode),
                entry("inputTokens", inputTokens), entry("outputTokens", outputTokens), entry("concurrency", concurrency),
                entry("requestsPerSecond", requestsPerSecond), entry("ttftP95Ms", ttftP95Ms), entry("tpotMs", tpotMs),
                entry("tpotP95Ms", tpotP95Ms), entry("minWeightBits", minWeightBits)));
        accelerators.forEach(a -> out.add(entry("accelerators", a)));
        frameworks.forEach(f -> out.add(entry("frameworks", f)));
        return out;
    }

    static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }

    /** The workload the optimizer plans for (also the workload of each row's plan link). */
    PlanRequest.WorkloadInput workload(List<FieldError> errors) {
        boolean fixed = "fixed-concurrency".equals(mode);
        boolean rate = "arrival-rate".equals(mode);
        return new PlanRequest.WorkloadInput(blankToNull(mode), FormText.integer("workload.inputTokens", inputTokens, errors),
                FormText.integer("workload.outputTokens", outputTokens, errors),
                fixed ? FormText.integer("workload.concurrency", concurrency, errors) : null,
                rate ? FormText.decimal("workload.requestsPerSecond", requestsPerSecond, errors) : null, null);
    }

    /** The optimizer request, or the fields whose text is not a number. */
    public ParsedForm<CapacityRequests.OptimizeRequest> parse() {
        List<FieldError> errors = new ArrayList<>();
        PlanRequest.WorkloadInput w = workload(errors);
        Double ttft = FormText.decimal("slo.ttftP95Ms", ttftP95Ms, errors);
        Double tpot = FormText.decimal("slo.tpotMs", tpotMs, errors);
        Double tpotP95 = FormText.decimal("slo.tpotP95Ms", tpotP95Ms, errors);
        Double bits = FormText.decimal("minWeightBits", minWeightBits, errors);
        if (!errors.isEmpty()) {
            return new ParsedForm<>(null, errors);
        }
        return new ParsedForm<>(new CapacityRequests.OptimizeRequest(blankToNull(model), w, new CapacityRequests.Slo(ttft, tpot, tpotP95),
                bits, accelerators.isEmpty() ? null : accelerators, frameworks.isEmpty() ? null : frameworks, null), List.of());
    }
}
