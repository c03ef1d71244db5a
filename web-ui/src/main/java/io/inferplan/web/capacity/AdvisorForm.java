package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.FormText;
import io.inferplan.web.common.ParsedForm;
import io.micronaut.core.convert.value.ConvertibleMultiValues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.inferplan.web.capacity.OptimizerForm.entry;
import static io.inferplan.web.capacity.OptimizerForm.one;
import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The framework-advisor form as submitted: the workload's shape (concurrent requests, shared prefix, hardware,
 * how long it runs, structured output, agents, offline/edge). Checkboxes are "true" when ticked, absent otherwise.
 */
public record AdvisorForm(String model, String accelerator, String acceleratorCount, String inputTokens,
                          String outputTokens, String concurrency, String sharedPrefixTokens, String deploymentMonths,
                          boolean structuredOutput, boolean agentWorkflows, boolean offlineOrEdge) {

    static final Set<String> INPUTS = Set.of("model", "accelerator", "acceleratorCount", "inputTokens", "outputTokens",
            "concurrency", "sharedPrefixTokens", "deploymentMonths", "structuredOutput", "agentWorkflows", "offlineOrEdge");

    public static AdvisorForm defaults() {
        return new AdvisorForm("llama-3.1-8b", "h100-sxm", "", "2048", "256", "16", "0", "12", false, false, false);
    }

    public static AdvisorForm from(ConvertibleMultiValues<String> p) {
        return new AdvisorForm(one(p, "model"), one(p, "accelerator"), one(p, "acceleratorCount"), one(p, "inputTokens"),
                one(p, "outputTokens"), one(p, "concurrency"), one(p, "sharedPrefixTokens"), one(p, "deploymentMonths"),
                "true".equals(one(p, "structuredOutput")), "true".equals(one(p, "agentWorkflows")),
                "true".equals(one(p, "offlineOrEdge")));
    }

    public List<Map.Entry<String, String>> params() {
        return List.of(entry("model", model), entry("accelerator", accelerator), entry("acceleratorCount", acceleratorCount),
                entry("inputTokens", inputTokens), entry("outputTokens", outputTokens), entry("concurrency", concurrency),
                entry("sharedPrefixTokens", sharedPrefixTokens), entry("deploymentMonths", deploymentMonths),
                entry("structuredOutput", structuredOutput ? "true" : ""), entry("agentWorkflows", agentWorkflows ? "true" : ""),
                entry("offlineOrEdge", offlineOrEdge ? "true" : ""));
    }

    /** The advisor plans every framework at this fixed concurrency. */
    PlanRequest.WorkloadInput workload(List<FieldError> errors) {
        return new PlanRequest.WorkloadInput("fixed-concurrency", FormText.integer("workload.inputTokens", inputTokens, errors),
                FormText.integer("workload.outputTokens", outputTokens, errors),
                FormText.integer("workload.concurrency", concurrency, errors), null,
                FormText.integer("workload.sharedPrefixTokens", sharedPrefixTokens, errors));
    }

    public ParsedForm<AdviseRequest> parse() {
        List<FieldError> errors = new ArrayList<>();
        Integer count = FormText.integer("acceleratorCount", acceleratorCount, errors);
        PlanRequest.WorkloadInput w = workload(errors);
        Integer months = FormText.integer("deploymentMonths", deploymentMonths, errors);
        if (!errors.isEmpty()) {
            return new ParsedForm<>(null, errors);
        }
        return new ParsedForm<>(new AdviseRequest(blankToNull(model), blankToNull(accelerator), count, w, months,
                structuredOutput, agentWorkflows, offlineOrEdge), List.of());
    }
}
