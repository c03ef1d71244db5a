package io.inferplan.plan.csv;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one flattening of response records into dotted columns ({@code memory.weightsGiB}, {@code performance.ttftMs}).
 * Columns come from the record TYPE, not the instance, so a block that is null in one answer still has its
 * columns (empty cells) and every answer of one type has the same header.
 * <ul>
 *   <li>nested records: their components, dotted;</li>
 *   <li>lists of scalars (e.g. {@code warnings}): one column, the items joined with {@code "; "};</li>
 *   <li>lists of records and maps (e.g. {@code cost.apiComparison}, {@code memory.weightTensors}): skipped,
 *       their length varies from answer to answer (use the JSON for them);</li>
 *   <li>numbers: plain decimal with {@code .} and no grouping, whatever the server's locale
 *       ({@code 0.0001}, never {@code 1.0E-4}); NaN/infinite and null: empty cell.</li>
 * </ul>
 */
public final class Flattener {

    private static final Map<Class<?>, List<Column>> COLUMNS = new ConcurrentHashMap<>();

    private Flattener() {
    }

    /** The dotted column names of {@code type}, in record-component order. */
    public static List<String> header(Class<? extends Record> type) {
        return columns(type).stream().map(Column::name).toList();
    }

    /** Column name to formatted cell (empty string for null) for one instance of {@code type} (may be null). */
    public static <T extends Record> Map<String, String> flatten(Class<T> type, T value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Column c : columns(type)) {
            out.put(c.name(), format(c.read(value)));
        }
        return out;
    }

    /** The cells of one row, in {@link #header} order. */
    public static <T extends Record> List<String> row(Class<T> type, T value) {
        return new ArrayList<>(flatten(type, value).values());
    }

    /** A cell: locale-independent plain numbers, {@code true}/{@code false}, text as is, null as empty. */
    public static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? plain(Double.toString(d)) : "";
        }
        if (v instanceof Float f) {
            return Float.isFinite(f) ? plain(Float.toString(f)) : "";
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Collection<?> items) {
            return items.stream().map(Flattener::format).collect(Collectors.joining("; "));
        }
        return v.toString();
    }

    /** Java's shortest round-trip digits, without its exponent form ("1.0E-4" becomes "0.0001"). */
    private static String plain(String javaDigits) {
        return javaDigits.indexOf('E') < 0 ? javaDigits : new BigDecimal(javaDigits).stripTrailingZeros().toPlainString();
    }

    private static List<Column> columns(Class<?> type) {
        return COLUMNS.computeIfAbsent(type, t -> Collections.unmodifiableList(collect(t, "", List.of())));
    }

    private static List<Column> collect(Class<?> type, String prefix, List<RecordComponent> path) {
        List<Column> out = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            Class<?> t = rc.getType();
            List<RecordComponent> here = new ArrayList<>(path);
            here.add(rc);
            String name = prefix + rc.getName();
            if (t.isRecord()) {
                out.addAll(collect(t, name + ".", here));
            } else if (Collection.class.isAssignableFrom(t)) {
                if (isScalar(elementType(rc.getGenericType()))) {
                    out.add(new Column(name, List.copyOf(here)));
                }
            } else if (!Map.class.isAssignableFrom(t) && isScalar(t)) {
                out.add(new Column(name, List.copyOf(here)));
            }
        }
        return out;
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }

    private static boolean isScalar(Class<?> t) {
        return t.isPrimitive() || Number.class.isAssignableFrom(t) || t == String.class || t == Boolean.class
                || t == Character.class || t.isEnum() || java.time.temporal.Temporal.class.isAssignableFrom(t);
    }

    private record Column(String name, List<RecordComponent> path) {
        Object read(Object root) {
            Object v = root;
            for (RecordComponent rc : path) {
                if (v == null) {
                    return null;
                }
                try {
                    v = rc.getAccessor().invoke(v);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + name + " of " + root.getClass().getName(), e);
                }
            }
            return v;
        }
    }
}
