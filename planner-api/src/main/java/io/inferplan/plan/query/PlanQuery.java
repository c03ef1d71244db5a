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
 * ({@code workload.inputTokens}, {@code serving.memoryFraction}) is accepted too. A value that is not a number
 * (or boolean) where one is expected, a parameter given twice or an unknown parameter is a 400 naming it.
 */
public final class PlanQuery {

    /** Where a parameter goes in the request body, and what it holds. */
    enum Kind { TEXT, WHOLE, NUMBER, BOOLEAN }

    record Param(String name, String block, Kind kind) {
        String dotted() {
            return block.isEmpty() ? name : block + "." + name;
        }
    }

    static final List<Param> PARAMS = List.of(
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
            new Param("frameworkVersion", "serving", Kind.TEXT),
            new Param("memoryFraction", "serving", Kind.NUMBER),
            new Param("maxConcurrentSequences", "serving", Kind.WHOLE),
            new Param("maxBatchedTokens", "serving", Kind.WHOLE),
            new Param("cudaGraphs", "serving", Kind.BOOLEAN),
            new Param("prefixCaching", "serving", Kind.BOOLEAN),
            new Param("parallelSlots", "serving", Kind.WHOLE),
            new Param("contextPerSlotTokens", "serving", Kind.WHOLE),
            new Param("requestCount", "serving", Kind.WHOLE),
            new Param("tensorParallel", "parallelism", Kind.WHOLE),
            new Param("pipelineParallel", "parallelism", Kind.WHOLE),
            new Param("replicas", "parallelism", Kind.WHOLE));

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
        FieldChecks c = new FieldChecks();
        Map<Param, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            if (extra.contains(name)) {
                continue;
            }
            Param p = BY_NAME.get(name);
            if (p == null) {
                Set<String> known = new TreeSet<>(extra);
                PARAMS.forEach(x -> known.add(x.name()));
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
        return build(values);
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
            case TEXT -> "must be text";
        };
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static PlanRequest build(Map<Param, Object> v) {
        Map<String, Object> byName = new LinkedHashMap<>();
        v.forEach((p, value) -> byName.put(p.dotted(), value));
        boolean anyWorkload = v.keySet().stream().anyMatch(p -> p.block().equals("workload"));
        boolean anyServing = v.keySet().stream().anyMatch(p -> p.block().equals("serving"));
        boolean anyParallelism = v.keySet().stream().anyMatch(p -> p.block().equals("parallelism"));
        PlanRequest.WorkloadInput workload = anyWorkload ? new PlanRequest.WorkloadInput(
                (String) byName.get("workload.mode"), (Integer) byName.get("workload.inputTokens"),
                (Integer) byName.get("workload.outputTokens"), (Integer) byName.get("workload.concurrency"),
                (Double) byName.get("workload.requestsPerSecond"), (Integer) byName.get("workload.sharedPrefixTokens")) : null;
        PlanRequest.ServingInput serving = anyServing ? new PlanRequest.ServingInput(
                (String) byName.get("serving.frameworkVersion"), (Double) byName.get("serving.memoryFraction"),
                (Integer) byName.get("serving.maxConcurrentSequences"), (Integer) byName.get("serving.maxBatchedTokens"),
                (Boolean) byName.get("serving.cudaGraphs"), (Boolean) byName.get("serving.prefixCaching"),
                (Integer) byName.get("serving.parallelSlots"), (Integer) byName.get("serving.contextPerSlotTokens"),
                (Integer) byName.get("serving.requestCount")) : null;
        PlanRequest.ParallelismInput parallelism = anyParallelism ? new PlanRequest.ParallelismInput(
                (Integer) byName.get("parallelism.tensorParallel"), (Integer) byName.get("parallelism.pipelineParallel"),
                (Integer) byName.get("parallelism.replicas")) : null;
        return new PlanRequest((String) byName.get("model"), (String) byName.get("weightFormat"),
                (String) byName.get("kvCacheFormat"), (String) byName.get("accelerator"),
                (Integer) byName.get("acceleratorCount"), (String) byName.get("framework"), workload, serving, parallelism,
                (String) byName.get("calibrationProfile"));
    }
}
