package io.inferplan.plan.query;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.plan.evaluate.PlanRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link PlanRequest} from query parameters, for spreadsheets and shell scripts: the body's fields as
 * plain parameters ({@code inputTokens}, {@code memoryFraction}, {@code tensorParallel}); the dotted body path
 * ({@code workload.inputTokens}, {@code serving.memoryFraction}, {@code pricing.usdPerGpuHour}) is accepted too.
 * The pricing block's scalar fields are parameters ({@code usdPerGpuHour}, {@code gpuPriceId}, {@code pricingType});
 * the host block's too ({@code hostMemoryGB}, {@code memoryChannels}, {@code memoryTransferRateMTps}); the serving
 * block's {@code ropeScaling} object is {@code ropeScalingType} and {@code ropeScalingFactor};
 * its {@code owned} assumptions and {@code apiPrices} list need the POST body. The serving techniques' fields are
 * {@link TechniqueParams}' ({@code speculativeMethod}, {@code loraAdapters}, {@code prefillInstances}, …). A value that is not a number
 * (or boolean) where one is expected, a parameter given twice or an unknown parameter is a 400 naming it.
 */
public final class PlanQuery {

    /** What a parameter holds; {@code LIST} is comma-separated text ({@code accelerators=h100-sxm,l40s}). */
    public enum Kind { TEXT, WHOLE, NUMBER, BOOLEAN, LIST }

    /**
     * A query parameter: its plain name, the request block it belongs to ("" for top level), what it holds, and its
     * field name inside that block when it differs from the plain name ({@code speculativeMethod} is
     * {@code serving.speculative.method}).
     */
    public record Param(String name, String block, Kind kind, String leaf) {
        public Param(String name, String block, Kind kind) {
            this(name, block, kind, name);
        }

        public String dotted() {
            return block.isEmpty() ? leaf : block + "." + leaf;
        }
    }

    public static final List<Param> PARAMS = List.of(
            new Param("model", "", Kind.TEXT),
            new Param("weightFormat", "", Kind.TEXT),
            new Param("kvCacheFormat", "", Kind.TEXT),
            new Param("accelerator", "", Kind.TEXT),
            new Param("acceleratorCount", "", Kind.WHOLE),
            new Param("framework", "", Kind.TEXT),
            new Param("calibrationProfile", "", Kind.TEXT),
            new Param("mode", "workload", Kind.TEXT),
            new Param("inputTokens", "workload", Kind.WHOLE),
            new Param("outputTokens", "workload", Kind.WHOLE),
            new Param("concurrency", "workload", Kind.WHOLE),
            new Param("requestsPerSecond", "workload", Kind.NUMBER),
            new Param("sharedPrefixTokens", "workload", Kind.WHOLE),
            new Param("batch", "workload", Kind.BOOLEAN),
            new Param("inputTokensSpread", "workload", Kind.NUMBER),
            new Param("outputTokensSpread", "workload", Kind.NUMBER),
            new Param("lengthDistribution", "workload", Kind.TEXT),
            new Param("burstiness", "workload", Kind.NUMBER),
            new Param("frameworkVersion", "serving", Kind.TEXT),
            new Param("memoryFraction", "serving", Kind.NUMBER),
            new Param("maxConcurrentSequences", "serving", Kind.WHOLE),
            new Param("maxBatchedTokens", "serving", Kind.WHOLE),
            new Param("cudaGraphs", "serving", Kind.BOOLEAN),
            new Param("prefixCaching", "serving", Kind.BOOLEAN),
            new Param("parallelSlots", "serving", Kind.WHOLE),
            new Param("contextPerSlotTokens", "serving", Kind.WHOLE),
            new Param("requestCount", "serving", Kind.WHOLE),
            new Param("ropeScalingType", "serving", Kind.TEXT),
            new Param("ropeScalingFactor", "serving", Kind.NUMBER),
            new Param("tensorParallel", "parallelism", Kind.WHOLE),
            new Param("pipelineParallel", "parallelism", Kind.WHOLE),
            new Param("replicas", "parallelism", Kind.WHOLE),
            new Param("usdPerGpuHour", "pricing", Kind.NUMBER),
            new Param("gpuPriceId", "pricing", Kind.TEXT),
            new Param("pricingType", "pricing", Kind.TEXT),
            new Param("gridIntensityGCo2ePerKWh", "pricing", Kind.NUMBER),
            new Param("gridRegion", "pricing", Kind.TEXT),
            new Param("apiCacheHitFraction", "pricing", Kind.NUMBER),
            new Param("hostMemoryGB", "host", Kind.NUMBER),
            new Param("memoryChannels", "host", Kind.WHOLE),
            new Param("memoryTransferRateMTps", "host", Kind.NUMBER),
            new Param("speculativeMethod", "serving.speculative", Kind.TEXT, "method"),
            new Param("draftModel", "serving.speculative", Kind.TEXT),
            new Param("numSpeculativeTokens", "serving.speculative", Kind.WHOLE),
            new Param("acceptanceRate", "serving.speculative", Kind.NUMBER),
            new Param("loraAdapters", "serving.lora", Kind.WHOLE, "adapters"),
            new Param("loraRank", "serving.lora", Kind.WHOLE, "rank"),
            new Param("loraTargetModules", "serving.lora", Kind.LIST, "targetModules"),
            new Param("maxLorasPerBatch", "serving.lora", Kind.WHOLE),
            new Param("maxCpuLoras", "serving.lora", Kind.WHOLE),
            new Param("prefillAccelerator", "disaggregation.prefill", Kind.TEXT, "accelerator"),
            new Param("prefillTensorParallel", "disaggregation.prefill", Kind.WHOLE, "tensorParallel"),
            new Param("prefillInstances", "disaggregation.prefill", Kind.WHOLE, "instances"),
            new Param("decodeAccelerator", "disaggregation.decode", Kind.TEXT, "accelerator"),
            new Param("decodeTensorParallel", "disaggregation.decode", Kind.WHOLE, "tensorParallel"),
            new Param("decodeInstances", "disaggregation.decode", Kind.WHOLE, "instances"),
            new Param("kvLink", "disaggregation", Kind.TEXT));

    /** Plain decimal with '.', optional exponent; no NaN, Infinity, hex or Java suffixes. */
    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private static final Map<String, Param> BY_NAME = new LinkedHashMap<>();

    static {
        for (Param p : PARAMS) {
            BY_NAME.put(p.name(), p);
            BY_NAME.put(p.dotted(), p);
        }
    }

    private PlanQuery() {
    }

    /** The parameter for a plain or dotted name, or null. */
    static Param param(String name) {
        return BY_NAME.get(name);
    }

    /** The canonical (dotted body path) name of a plan parameter, or null if it is not one. */
    public static String canonical(String name) {
        Param p = BY_NAME.get(name);
        return p == null ? null : p.dotted();
    }

    /** True if the parameter holds a whole number. */
    public static boolean isWhole(String name) {
        Param p = BY_NAME.get(name);
        return p != null && p.kind() == Kind.WHOLE;
    }

    /** True if the parameter holds a number (whole or not). */
    public static boolean isNumeric(String name) {
        Param p = BY_NAME.get(name);
        return p != null && (p.kind() == Kind.WHOLE || p.kind() == Kind.NUMBER);
    }

    /**
     * Reads every plan parameter of {@code query}; {@code extra} names the endpoint's own parameters (e.g.
     * {@code field}, {@code vary}), which are ignored here. Throws a 400 problem naming every bad parameter.
     */
    public static PlanRequest parse(Map<String, List<String>> query, Set<String> extra) {
        return request(read(query, PARAMS, extra));
    }

    /** The plan parameters {@code keep} selects, for endpoints that take part of a plan (fleet, optimizer). */
    public static List<Param> params(java.util.function.Predicate<Param> keep) {
        return PARAMS.stream().filter(keep).toList();
    }

    /**
     * Reads {@code params} (by plain or dotted name) from {@code query}, ignoring the names in {@code extra}, with the
     * rules of {@link #parse}: a 400 naming every unknown, repeated or malformed parameter; an empty value is not
     * given. Returns dotted name to value (String, Integer, Double, Boolean or List of String).
     */
    public static Map<String, Object> read(Map<String, List<String>> query, List<Param> params, Set<String> extra) {
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : params) {
            byName.put(p.name(), p);
            byName.put(p.dotted(), p);
        }
        FieldChecks c = new FieldChecks();
        Map<Param, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (extra.contains(name)) {
                continue;
            }
            Param p = byName.get(name);
            if (p == null) {
                Set<String> known = new TreeSet<>(extra);
                params.forEach(x -> known.add(x.name()));
                c.fail(name, "is not a parameter of this endpoint; valid: " + String.join(", ", known));
                continue;
            }
            List<String> given = e.getValue();
            if (given.size() != 1 || values.containsKey(p)) {
                c.fail(name, "is given more than once");
                continue;
            }
            String text = given.get(0).trim();
            if (text.isEmpty()) {
                continue; // an empty spreadsheet cell means "not given"
            }
            Object v = convert(p, text);
            if (v == null) {
                c.fail(name, describe(p.kind()) + ", not '" + shorten(text) + "'");
            } else {
                values.put(p, v);
            }
        }
        c.throwIfAny();
        Map<String, Object> byDotted = new LinkedHashMap<>();
        values.forEach((p, value) -> byDotted.put(p.dotted(), value));
        return byDotted;
    }

    static Object convert(Param p, String text) {
        try {
            return switch (p.kind()) {
                case TEXT -> text;
                case WHOLE -> Integer.valueOf(text);
                case NUMBER -> {
                    if (!DECIMAL.matcher(text).matches()) {
                        yield null;
                    }
                    double d = Double.parseDouble(text);
                    yield Double.isFinite(d) ? d : null;
                }
                case LIST -> java.util.Arrays.stream(text.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
                case BOOLEAN -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> null;
                };
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case WHOLE -> "must be a whole number";
            case NUMBER -> "must be a number with '.' as decimal separator";
            case BOOLEAN -> "must be true or false";
            case TEXT, LIST -> "must be text";
        };
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** True if {@code values} (from {@link #read}) holds a parameter of {@code block}. */
    public static boolean anyOf(Map<String, Object> values, String block) {
        return values.keySet().stream().anyMatch(name -> name.startsWith(block + "."));
    }

    /** The plan request of {@link #read}'s values; blocks without any parameter are null. */
    public static PlanRequest request(Map<String, Object> byName) {
        boolean anyWorkload = anyOf(byName, "workload");
        boolean anyServing = anyOf(byName, "serving");
        boolean anyParallelism = anyOf(byName, "parallelism");
        PlanRequest.WorkloadInput workload = anyWorkload ? new PlanRequest.WorkloadInput(
                (String) byName.get("workload.mode"), (Integer) byName.get("workload.inputTokens"),
                (Integer) byName.get("workload.outputTokens"), (Integer) byName.get("workload.concurrency"),
                (Double) byName.get("workload.requestsPerSecond"), (Integer) byName.get("workload.sharedPrefixTokens"),
                (Boolean) byName.get("workload.batch"), (Double) byName.get("workload.inputTokensSpread"),
                (Double) byName.get("workload.outputTokensSpread"), (String) byName.get("workload.lengthDistribution"),
                (Double) byName.get("workload.burstiness")) : null;
        PlanRequest.ServingInput serving = anyServing ? new PlanRequest.ServingInput(
                (String) byName.get("serving.frameworkVersion"), (Double) byName.get("serving.memoryFraction"),
                (Integer) byName.get("serving.maxConcurrentSequences"), (Integer) byName.get("serving.maxBatchedTokens"),
                (Boolean) byName.get("serving.cudaGraphs"), (Boolean) byName.get("serving.prefixCaching"),
                (Integer) byName.get("serving.parallelSlots"), (Integer) byName.get("serving.contextPerSlotTokens"),
                (Integer) byName.get("serving.requestCount"),
                byName.containsKey("serving.ropeScalingType") || byName.containsKey("serving.ropeScalingFactor")
                        ? new PlanRequest.RopeScalingInput((String) byName.get("serving.ropeScalingType"),
                        (Double) byName.get("serving.ropeScalingFactor")) : null,
                TechniqueParams.speculative(byName), TechniqueParams.lora(byName)) : null;
        PlanRequest.ParallelismInput parallelism = anyParallelism ? new PlanRequest.ParallelismInput(
                (Integer) byName.get("parallelism.tensorParallel"), (Integer) byName.get("parallelism.pipelineParallel"),
                (Integer) byName.get("parallelism.replicas")) : null;
        boolean anyPricing = anyOf(byName, "pricing");
        PlanRequest.PricingInput pricing = anyPricing ? new PlanRequest.PricingInput(
                (Double) byName.get("pricing.usdPerGpuHour"), (String) byName.get("pricing.gpuPriceId"),
                (String) byName.get("pricing.pricingType"), null, null, (Double) byName.get("pricing.gridIntensityGCo2ePerKWh"),
                (String) byName.get("pricing.gridRegion"), (Double) byName.get("pricing.apiCacheHitFraction"), null) : null;
        PlanRequest.HostInput host = anyOf(byName, "host") ? new PlanRequest.HostInput(
                (Double) byName.get("host.hostMemoryGB"), (Integer) byName.get("host.memoryChannels"),
                (Double) byName.get("host.memoryTransferRateMTps")) : null;
        return new PlanRequest((String) byName.get("model"), (String) byName.get("weightFormat"),
                (String) byName.get("kvCacheFormat"), (String) byName.get("accelerator"),
                (Integer) byName.get("acceleratorCount"), (String) byName.get("framework"), workload, serving, parallelism,
                (String) byName.get("calibrationProfile"), pricing, host, TechniqueParams.disaggregation(byName));
    }
}
