package io.inferplan.web.plan;

import io.inferplan.common.problem.FieldError;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.FormText;
import io.micronaut.core.convert.value.ConvertibleMultiValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The plan form exactly as submitted (query parameters, all text), so a typo in a number is reported next to
 * its field instead of failing the request. Blank {@code kvCacheFormat} = the framework's default; blank
 * {@code acceleratorCount} = the fewest that fit; blank spreads = every request has the given lengths; blank
 * {@code burstiness} = Poisson arrivals.
 *
 * @param inputTokensSpread  standard deviation of prompt lengths (tokens, {@code workload.inputTokensSpread})
 * @param outputTokensSpread standard deviation of output lengths (tokens)
 * @param lengthDistribution shape of the lengths when a spread is given: uniform (API default) or lognormal
 * @param burstiness         gamma shape of inter-arrival times in arrival-rate mode (1 = Poisson, below 1 burstier)
 * @param notes              free text for the report ("prepared for …"); shown escaped, never evaluated
 * @param advice             the framework advisor's form (its query string) when the plan was opened from the advisor:
 *                           the result page and the reports then carry the advisor's reasoning for this framework
 * @param technique          the serving-technique inputs (speculative decoding, LoRA adapters, disaggregation)
 */
public record PlanForm(
        String model,
        String weightFormat,
        String kvCacheFormat,
        String accelerator,
        String acceleratorCount,
        String framework,
        String mode,
        String inputTokens,
        String outputTokens,
        String concurrency,
        String requestsPerSecond,
        String sharedPrefixTokens,
        String inputTokensSpread,
        String outputTokensSpread,
        String lengthDistribution,
        String burstiness,
        String memoryFraction,
        String tensorParallel,
        String notes,
        String advice,
        TechniqueForm technique) {

    public static final int MAX_NOTES = 500;

    /** The one-click plan: a meaningful answer without touching anything. */
    public static PlanForm defaults() {
        return new PlanForm("llama-3.1-8b", "bf16", "", "h100-sxm", "1", "vllm", "fixed-concurrency", "2048", "256",
                "16", "", "0", "", "", "", "", "", "", "", "", TechniqueForm.NONE);
    }

    public static PlanForm from(ConvertibleMultiValues<String> p) {
        return read(k -> p.getFirst(k).map(String::trim).orElse(""));
    }

    /** The plan fields of a submitted form body (the save form carries them as hidden fields). */
    public static PlanForm fromMap(Map<String, String> p) {
        return read(k -> {
            String v = p.get(k);
            return v == null ? "" : v.trim();
        });
    }

    private static PlanForm read(UnaryOperator<String> g) {
        return new PlanForm(g.apply("model"), g.apply("weightFormat"), g.apply("kvCacheFormat"), g.apply("accelerator"),
                g.apply("acceleratorCount"), g.apply("framework"), g.apply("mode"), g.apply("inputTokens"),
                g.apply("outputTokens"), g.apply("concurrency"), g.apply("requestsPerSecond"),
                g.apply("sharedPrefixTokens"), g.apply("inputTokensSpread"), g.apply("outputTokensSpread"),
                g.apply("lengthDistribution"), g.apply("burstiness"), g.apply("memoryFraction"), g.apply("tensorParallel"),
                g.apply("notes"),
                g.apply("advice"), TechniqueForm.read(g));
    }

    /** The form that gives this request (a saved plan's or an optimizer row's link to its result page). */
    public static PlanForm of(PlanRequest r) {
        PlanRequest.WorkloadInput w = r.workload() == null
                ? new PlanRequest.WorkloadInput(null, null, null, null, null, null) : r.workload();
        return new PlanForm(text(r.model()), text(r.weightFormat()), text(r.kvCacheFormat()), text(r.accelerator()),
                text(r.acceleratorCount()), text(r.framework()), text(w.mode()), text(w.inputTokens()),
                text(w.outputTokens()), text(w.concurrency()), text(w.requestsPerSecond()), text(w.sharedPrefixTokens()),
                text(w.inputTokensSpread()), text(w.outputTokensSpread()), text(w.lengthDistribution()),
                text(w.burstiness()), r.serving() == null ? "" : text(r.serving().memoryFraction()),
                r.parallelism() == null ? "" : text(r.parallelism().tensorParallel()), "", "",
                TechniqueForm.of(r));
    }

    private static String text(Object o) {
        return o == null ? "" : o.toString();
    }

    /** Defaults for every parameter that was not submitted at all (a bare {@code /} or {@code /plan}). */
    public static PlanForm fromOrDefaults(ConvertibleMultiValues<String> p) {
        return p.isEmpty() ? defaults() : from(p);
    }

    /** This plan as opened from the advisor whose form is {@code adviceQuery}. */
    public PlanForm withAdvice(String adviceQuery) {
        return new PlanForm(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, mode, inputTokens,
                outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, inputTokensSpread, outputTokensSpread,
                lengthDistribution, burstiness, memoryFraction, tensorParallel, notes, adviceQuery, technique);
    }

    /**
     * The same plan under another framework. Like every sweep of the result page it leaves out the serving technique
     * (whose own section compares with and without), so that the page stays quick.
     */
    public PlanForm withFramework(String id) {
        return new PlanForm(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, id, mode, inputTokens,
                outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, inputTokensSpread, outputTokensSpread,
                lengthDistribution, burstiness, memoryFraction, tensorParallel, notes, "", TechniqueForm.NONE);
    }

    public PlanForm withConcurrency(int c) {
        return withWorkload("fixed-concurrency", String.valueOf(c), "");
    }

    /** The same plan with requests arriving at {@code requestsPerSecond} (arrival-rate mode). */
    public PlanForm withRequestsPerSecond(String requestsPerSecond) {
        return withWorkload("arrival-rate", "", requestsPerSecond);
    }

    /** The same plan with every request queued at once (its saturated throughput). */
    public PlanForm withMaxThroughput() {
        return withWorkload("max-throughput", "", "");
    }

    private PlanForm withWorkload(String mode, String concurrency, String requestsPerSecond) {
        return new PlanForm(model, weightFormat, kvCacheFormat, accelerator, acceleratorCount, framework, mode,
                inputTokens, outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, inputTokensSpread,
                outputTokensSpread, lengthDistribution, burstiness, memoryFraction, tensorParallel, notes, advice,
                TechniqueForm.NONE);
    }

    /** The query parameters of this form, in form order, for permalinks. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("weightFormat", weightFormat);
        m.put("kvCacheFormat", kvCacheFormat);
        m.put("accelerator", accelerator);
        m.put("acceleratorCount", acceleratorCount);
        m.put("framework", framework);
        m.put("mode", mode);
        m.put("inputTokens", inputTokens);
        m.put("outputTokens", outputTokens);
        m.put("concurrency", concurrency);
        m.put("requestsPerSecond", requestsPerSecond);
        m.put("sharedPrefixTokens", sharedPrefixTokens);
        m.put("inputTokensSpread", inputTokensSpread);
        m.put("outputTokensSpread", outputTokensSpread);
        m.put("lengthDistribution", lengthDistribution);
        m.put("burstiness", burstiness);
        m.put("memoryFraction", memoryFraction);
        m.put("tensorParallel", tensorParallel);
        m.putAll(technique.params());
        m.put("notes", notes);
        m.put("advice", advice);
        return m;
    }

    /** The evaluate request, or the fields whose text is not a number (field names as the API reports them). */
    public Parsed parse() {
        List<FieldError> errors = new ArrayList<>();
        Integer count = FormText.integer("acceleratorCount", acceleratorCount, errors);
        Integer in = FormText.integer("workload.inputTokens", inputTokens, errors);
        Integer out = FormText.integer("workload.outputTokens", outputTokens, errors);
        boolean fixed = "fixed-concurrency".equals(mode);
        boolean rate = "arrival-rate".equals(mode);
        Integer conc = fixed ? FormText.integer("workload.concurrency", concurrency, errors) : null;
        Double rps = rate ? FormText.decimal("workload.requestsPerSecond", requestsPerSecond, errors) : null;
        Integer prefix = FormText.integer("workload.sharedPrefixTokens", sharedPrefixTokens, errors);
        Double inSpread = FormText.decimal("workload.inputTokensSpread", inputTokensSpread, errors);
        Double outSpread = FormText.decimal("workload.outputTokensSpread", outputTokensSpread, errors);
        Double bursts = FormText.decimal("workload.burstiness", burstiness, errors);
        Double fraction = FormText.decimal("serving.memoryFraction", memoryFraction, errors);
        Integer tp = FormText.integer("parallelism.tensorParallel", tensorParallel, errors);
        FormText.maxLength("notes", notes, MAX_NOTES, errors);
        var speculative = technique.speculativeInput(errors);
        var lora = technique.loraInput(errors);
        var disaggregation = technique.disaggregationInput(errors);
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        PlanRequest.ServingInput serving = fraction == null && speculative == null && lora == null ? null
                : new PlanRequest.ServingInput(null, fraction, null, null, null, null, null, null, null, null, speculative,
                lora);
        // accelerators per replica: the rest of the count are replicas of it (the API refuses a count it does not divide)
        PlanRequest.ParallelismInput parallelism = tp == null || disaggregation != null ? null
                : new PlanRequest.ParallelismInput(tp, null, count == null || tp <= 0 ? null : Math.max(1, count / tp));
        return new Parsed(new PlanRequest(blankToNull(model), blankToNull(weightFormat), blankToNull(kvCacheFormat),
                blankToNull(accelerator), disaggregation == null ? count : null, blankToNull(framework),
                new PlanRequest.WorkloadInput(blankToNull(mode), in, out, conc, rps, prefix, null, inSpread, outSpread,
                        blankToNull(lengthDistribution), bursts), serving, parallelism, null, null, null, disaggregation),
                List.of());
    }

    public record Parsed(PlanRequest request, List<FieldError> errors) {
        public boolean ok() {
            return request != null;
        }
    }
}
