package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.capacity.CapacityRequests;
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
 * The fleet-sizing form as submitted (all text): one configuration, the traffic (requests/s or tokens/day, with
 * its peak-to-average ratio) and the SLO. Blank {@code acceleratorsPerReplica} = the service tries the fewest that
 * fit and 2×, 4×, 8× that. The SLO bounds TTFT p95 and the mean TPOT and/or its p95 ({@code slo.tpotP95Ms}).
 */
public record FleetForm(String model, String weightFormat, String kvCacheFormat, String accelerator,
                        String acceleratorsPerReplica, String framework, String requestsPerSecond, String tokensPerDay,
                        String peakToAverage, String inputTokens, String outputTokens, String sharedPrefixTokens,
                        String ttftP95Ms, String tpotMs, String tpotP95Ms) {

    static final Set<String> INPUTS = Set.of("model", "weightFormat", "kvCacheFormat", "accelerator",
            "acceleratorsPerReplica", "framework", "requestsPerSecond", "tokensPerDay", "peakToAverage", "inputTokens",
            "outputTokens", "sharedPrefixTokens", "ttftP95Ms", "tpotMs", "tpotP95Ms");

    public static FleetForm defaults() {
        return new FleetForm("llama-3.1-8b", "bf16", "", "h100-sxm", "", "vllm", "10", "", "2", "2048", "256", "0",
                "2000", "50", "");
    }

    public static FleetForm from(ConvertibleMultiValues<String> p) {
        return new FleetForm(one(p, "model"), one(p, "weightFormat"), one(p, "kvCacheFormat"), one(p, "accelerator"),
                one(p, "acceleratorsPerReplica"), one(p, "framework"), one(p, "requestsPerSecond"), one(p, "tokensPerDay"),
                one(p, "peakToAverage"), one(p, "inputTokens"), one(p, "outputTokens"), one(p, "sharedPrefixTokens"),
                one(p, "ttftP95Ms"), one(p, "tpotMs"), one(p, "tpotP95Ms"));
    }

    public List<Map.Entry<String, String>> params() {
        return List.of(entry("model", model), entry("weightFormat", weightFormat), entry("kvCacheFormat", kvCacheFormat),
                entry("accelerator", accelerator), entry("acceleratorsPerReplica", acceleratorsPerReplica),
                entry("framework", framework), entry("requestsPerSecond", requestsPerSecond),
                entry("tokensPerDay", tokensPerDay), entry("peakToAverage", peakToAverage), entry("inputTokens", inputTokens),
                entry("outputTokens", outputTokens), entry("sharedPrefixTokens", sharedPrefixTokens),
                entry("ttftP95Ms", ttftP95Ms), entry("tpotMs", tpotMs), entry("tpotP95Ms", tpotP95Ms));
    }

    public ParsedForm<CapacityRequests.FleetRequest> parse() {
        List<FieldError> errors = new ArrayList<>();
        Integer perReplica = FormText.integer("acceleratorsPerReplica", acceleratorsPerReplica, errors);
        CapacityRequests.Traffic traffic = new CapacityRequests.Traffic(
                FormText.decimal("traffic.requestsPerSecond", requestsPerSecond, errors),
                FormText.decimal("traffic.tokensPerDay", tokensPerDay, errors),
                FormText.decimal("traffic.peakToAverage", peakToAverage, errors),
                FormText.integer("traffic.inputTokens", inputTokens, errors),
                FormText.integer("traffic.outputTokens", outputTokens, errors),
                FormText.integer("traffic.sharedPrefixTokens", sharedPrefixTokens, errors));
        CapacityRequests.Slo slo = new CapacityRequests.Slo(FormText.decimal("slo.ttftP95Ms", ttftP95Ms, errors),
                FormText.decimal("slo.tpotMs", tpotMs, errors), FormText.decimal("slo.tpotP95Ms", tpotP95Ms, errors));
        if (!errors.isEmpty()) {
            return new ParsedForm<>(null, errors);
        }
        return new ParsedForm<>(new CapacityRequests.FleetRequest(blankToNull(model), blankToNull(weightFormat),
                blankToNull(kvCacheFormat), blankToNull(accelerator), perReplica, blankToNull(framework), null, traffic, slo),
                List.of());
    }
}
