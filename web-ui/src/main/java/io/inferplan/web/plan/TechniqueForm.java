package io.inferplan.web.plan;

import io.inferplan.common.problem.FieldError;
import io.inferplan.engine.technique.disagg.KvLinks;
import io.inferplan.engine.technique.lora.LoraShapes;
import io.inferplan.engine.technique.speculative.SpeculativeMethod;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.technique.TechniqueInputs;
import io.inferplan.web.common.FormText;
import io.inferplan.web.common.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.inferplan.web.common.FormText.blankToNull;

/**
 * The plan form's serving-technique inputs, as typed (names are the API's query parameters, so a result page's URL is
 * also an API call): speculative decoding, many LoRA adapters, prefill/decode pools. All blank = no technique.
 */
public record TechniqueForm(String speculativeMethod, String draftModel, String numSpeculativeTokens,
                            String acceptanceRate, String loraAdapters, String loraRank, String loraTargetModules,
                            String maxLorasPerBatch, String maxCpuLoras, String prefillTensorParallel,
                            String prefillInstances, String decodeTensorParallel, String decodeInstances,
                            String kvLink) {

    /** Each input's API field; a refusal of the field (or of its indexed items) is shown beside the input. */
    static final Map<String, List<String>> API_FIELDS = Map.ofEntries(
            Map.entry("speculativeMethod", List.of("serving.speculative.method", "serving.speculative")),
            Map.entry("draftModel", List.of("serving.speculative.draftModel")),
            Map.entry("numSpeculativeTokens", List.of("serving.speculative.numSpeculativeTokens")),
            Map.entry("acceptanceRate", List.of("serving.speculative.acceptanceRate")),
            Map.entry("loraAdapters", List.of("serving.lora.adapters", "serving.lora")),
            Map.entry("loraRank", List.of("serving.lora.rank")),
            Map.entry("loraTargetModules", List.of("serving.lora.targetModules")),
            Map.entry("maxLorasPerBatch", List.of("serving.lora.maxLorasPerBatch")),
            Map.entry("maxCpuLoras", List.of("serving.lora.maxCpuLoras")),
            Map.entry("prefillTensorParallel", List.of("disaggregation.prefill.tensorParallel")),
            Map.entry("prefillInstances", List.of("disaggregation.prefill.instances")),
            Map.entry("decodeTensorParallel", List.of("disaggregation.decode.tensorParallel")),
            Map.entry("decodeInstances", List.of("disaggregation.decode.instances")),
            Map.entry("kvLink", List.of("disaggregation.kvLink")));

    /** The technique input an API field belongs to, or null. */
    static String inputOf(String apiField) {
        String f = apiField.replaceAll("\\[[0-9]+]$", "");
        return API_FIELDS.entrySet().stream().filter(e -> e.getValue().contains(f)).map(Map.Entry::getKey).findFirst()
                .orElse(null);
    }

    public static final TechniqueForm NONE = new TechniqueForm("", "", "", "", "", "", "", "", "", "", "", "", "", "");

    static TechniqueForm read(UnaryOperator<String> g) {
        return new TechniqueForm(g.apply("speculativeMethod"), g.apply("draftModel"), g.apply("numSpeculativeTokens"),
                g.apply("acceptanceRate"), g.apply("loraAdapters"), g.apply("loraRank"), g.apply("loraTargetModules"),
                g.apply("maxLorasPerBatch"), g.apply("maxCpuLoras"), g.apply("prefillTensorParallel"),
                g.apply("prefillInstances"), g.apply("decodeTensorParallel"), g.apply("decodeInstances"),
                g.apply("kvLink"));
    }

    /** The inputs that give this request's technique blocks. */
    static TechniqueForm of(PlanRequest r) {
        var s = r.serving() == null ? null : r.serving().speculative();
        var l = r.serving() == null ? null : r.serving().lora();
        var d = r.disaggregation();
        var p = d == null ? null : d.prefill();
        var q = d == null ? null : d.decode();
        return new TechniqueForm(s == null ? "" : t(s.method()), s == null ? "" : t(s.draftModel()),
                s == null ? "" : t(s.numSpeculativeTokens()), s == null ? "" : t(s.acceptanceRate()),
                l == null ? "" : t(l.adapters()), l == null ? "" : t(l.rank()),
                l == null || l.targetModules() == null ? "" : String.join(",", l.targetModules()),
                l == null ? "" : t(l.maxLorasPerBatch()), l == null ? "" : t(l.maxCpuLoras()),
                p == null ? "" : t(p.tensorParallel()), p == null ? "" : t(p.instances()),
                q == null ? "" : t(q.tensorParallel()), q == null ? "" : t(q.instances()), d == null ? "" : t(d.kvLink()));
    }

    private static String t(Object o) {
        return o == null ? "" : o.toString();
    }

    public boolean speculative() {
        return !speculativeMethod.isBlank();
    }

    public boolean lora() {
        return !loraAdapters.isBlank();
    }

    /** Disaggregated when any pool input is given. */
    public boolean disaggregated() {
        return !(prefillTensorParallel + prefillInstances + decodeTensorParallel + decodeInstances + kvLink).isBlank();
    }

    public boolean any() {
        return speculative() || lora() || disaggregated();
    }

    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("speculativeMethod", speculativeMethod);
        m.put("draftModel", draftModel);
        m.put("numSpeculativeTokens", numSpeculativeTokens);
        m.put("acceptanceRate", acceptanceRate);
        m.put("loraAdapters", loraAdapters);
        m.put("loraRank", loraRank);
        m.put("loraTargetModules", loraTargetModules);
        m.put("maxLorasPerBatch", maxLorasPerBatch);
        m.put("maxCpuLoras", maxCpuLoras);
        m.put("prefillTensorParallel", prefillTensorParallel);
        m.put("prefillInstances", prefillInstances);
        m.put("decodeTensorParallel", decodeTensorParallel);
        m.put("decodeInstances", decodeInstances);
        m.put("kvLink", kvLink);
        return m;
    }

    /** The serving block's technique parts, or nulls; fields that are not numbers go to {@code errors}. */
    TechniqueInputs.SpeculativeInput speculativeInput(List<FieldError> errors) {
        Integer k = FormText.integer("serving.speculative.numSpeculativeTokens", numSpeculativeTokens, errors);
        Double alpha = FormText.decimal("serving.speculative.acceptanceRate", acceptanceRate, errors);
        return speculative() ? new TechniqueInputs.SpeculativeInput(speculativeMethod, blankToNull(draftModel), k, alpha)
                : null;
    }

    TechniqueInputs.LoraInput loraInput(List<FieldError> errors) {
        Integer n = FormText.integer("serving.lora.adapters", loraAdapters, errors);
        Integer rank = FormText.integer("serving.lora.rank", loraRank, errors);
        Integer slots = FormText.integer("serving.lora.maxLorasPerBatch", maxLorasPerBatch, errors);
        Integer cpu = FormText.integer("serving.lora.maxCpuLoras", maxCpuLoras, errors);
        List<String> modules = loraTargetModules.isBlank() ? null
                : Arrays.stream(loraTargetModules.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        return lora() ? new TechniqueInputs.LoraInput(n, rank, modules, slots, cpu) : null;
    }

    TechniqueInputs.DisaggregationInput disaggregationInput(List<FieldError> errors) {
        Integer ptp = FormText.integer("disaggregation.prefill.tensorParallel", prefillTensorParallel, errors);
        Integer pn = FormText.integer("disaggregation.prefill.instances", prefillInstances, errors);
        Integer dtp = FormText.integer("disaggregation.decode.tensorParallel", decodeTensorParallel, errors);
        Integer dn = FormText.integer("disaggregation.decode.instances", decodeInstances, errors);
        return disaggregated() ? new TechniqueInputs.DisaggregationInput(new TechniqueInputs.PoolInput(null, ptp, pn),
                new TechniqueInputs.PoolInput(null, dtp, dn), blankToNull(kvLink)) : null;
    }

    /** The speculative methods, with "none" first. */
    public List<Option> methodOptions() {
        List<Option> out = new ArrayList<>(List.of(new Option("", "None")));
        Arrays.stream(SpeculativeMethod.values()).forEach(m -> out.add(new Option(m.id(), m.id())));
        return out;
    }

    /** The KV links, with the automatic choice first. */
    public List<Option> linkOptions() {
        List<Option> out = new ArrayList<>(List.of(new Option("", "Automatic (NVLink within a node, else InfiniBand)")));
        KvLinks.shipped().all().forEach(l -> out.add(new Option(l.id(), l.name())));
        return out;
    }

    public String moduleNames() {
        return String.join(", ", LoraShapes.MODULES);
    }
}
