package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.day.DayRequest;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.FormText;
import io.inferplan.web.common.ParsedForm;
import io.micronaut.core.convert.value.ConvertibleMultiValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.inferplan.web.capacity.OptimizerForm.one;
import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The day-of-traffic form as submitted (all text): one replica's configuration and request shape, the SLO, 24
 * hourly rates (or a short CSV), the autoscaler and the purchase mix. Input names are the API's last path segments,
 * so refusals land beside their inputs.
 */
public record DayForm(Map<String, String> values) {

    /** Every input, in the form's order. */
    static final List<String> NAMES = List.of("model", "weightFormat", "kvCacheFormat", "accelerator", "acceleratorCount",
            "framework", "inputTokens", "outputTokens", "sharedPrefixTokens", "ttftP95Ms", "tpotP95Ms",
            "hourlyRequestsPerSecond", "trafficCsv", "minReplicas", "maxReplicas", "targetRequestsPerSecondPerReplica",
            "storage", "network", "engineStartSeconds", "scaleDownDelaySeconds", "reservedReplicas", "spotReplicas",
            "spotInterruptionRatePerHour", "reservedUsdPerGpuHour", "onDemandUsdPerGpuHour", "spotUsdPerGpuHour");

    static final Set<String> INPUTS = Set.copyOf(NAMES);

    /** An example day (requests/s per hour from midnight): quiet at night, a business-hours peak of 25. */
    static final String EXAMPLE_DAY = "3, 2, 1.5, 1, 1, 1.5, 3, 6, 12, 18, 22, 24, 25, 24, 23, 22, 20, 18, 15, 12, 10, 8, 6, 4";

    public static DayForm defaults() {
        Map<String, String> v = new LinkedHashMap<>();
        NAMES.forEach(n -> v.put(n, ""));
        v.putAll(Map.of("model", "llama-3.1-8b", "weightFormat", "bf16", "accelerator", "h100-sxm", "acceleratorCount", "1",
                "framework", "vllm", "inputTokens", "1000", "outputTokens", "250", "ttftP95Ms", "2000", "tpotP95Ms", "50",
                "hourlyRequestsPerSecond", EXAMPLE_DAY));
        v.putAll(Map.of("minReplicas", "1", "reservedReplicas", "0", "spotReplicas", "0"));
        return new DayForm(v);
    }

    public static DayForm from(ConvertibleMultiValues<String> p) {
        Map<String, String> v = new LinkedHashMap<>();
        NAMES.forEach(n -> v.put(n, one(p, n)));
        return new DayForm(v);
    }

    public String get(String name) {
        return values.getOrDefault(name, "");
    }

    /** The non-blank inputs as query parameters (permalinks, chart and report links). */
    public Map<String, String> params() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                out.put(k, v);
            }
        });
        return out;
    }

    public ParsedForm<DayRequest> parse() {
        List<FieldError> errors = new ArrayList<>();
        PlanRequest.WorkloadInput w = new PlanRequest.WorkloadInput(null, integer("inputTokens", errors),
                integer("outputTokens", errors), null, null, integer("sharedPrefixTokens", errors));
        PlanRequest plan = new PlanRequest(text("model"), text("weightFormat"), text("kvCacheFormat"), text("accelerator"),
                integer("acceleratorCount", errors), text("framework"), w, null, null, null);
        DayRequest.Slo slo = new DayRequest.Slo(decimal("ttftP95Ms", errors), decimal("tpotP95Ms", errors), null);
        List<Double> hourly = text("trafficCsv") != null ? null : hourly(errors);
        DayRequest.Autoscaling a = new DayRequest.Autoscaling(integer("minReplicas", errors), integer("maxReplicas", errors),
                decimal("targetRequestsPerSecondPerReplica", errors), text("storage"), null, text("network"), null,
                decimal("engineStartSeconds", errors), null, decimal("scaleDownDelaySeconds", errors));
        DayRequest.Purchase p = new DayRequest.Purchase(integer("reservedReplicas", errors), integer("spotReplicas", errors),
                decimal("spotInterruptionRatePerHour", errors), decimal("reservedUsdPerGpuHour", errors),
                decimal("onDemandUsdPerGpuHour", errors), decimal("spotUsdPerGpuHour", errors));
        FormText.maxLength("trafficCsv", get("trafficCsv"), 6000, errors);
        if (!errors.isEmpty()) {
            return new ParsedForm<>(null, errors);
        }
        return new ParsedForm<>(new DayRequest(plan, slo, hourly, text("trafficCsv"), a, p), List.of());
    }

    /** Rates separated by commas, semicolons or spaces; blank = none given (the service says so). */
    private List<Double> hourly(List<FieldError> errors) {
        String text = get("hourlyRequestsPerSecond").trim();
        if (text.isEmpty()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        String[] parts = text.split("[,;\\s]+");
        for (int i = 0; i < parts.length; i++) {
            Double d = FormText.decimal("hourlyRequestsPerSecond", parts[i], new ArrayList<>());
            if (d == null) {
                errors.add(new FieldError("hourlyRequestsPerSecond", "entry " + (i + 1) + " '" + parts[i]
                        + "' is not a number (requests per second, . as decimal separator)"));
                return null;
            }
            out.add(d);
        }
        return out;
    }

    private String text(String name) {
        return blankToNull(get(name));
    }

    private Integer integer(String name, List<FieldError> errors) {
        return FormText.integer(name, get(name), errors);
    }

    private Double decimal(String name, List<FieldError> errors) {
        return FormText.decimal(name, get(name), errors);
    }
}
