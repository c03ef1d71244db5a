package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frameworks' documented runtime defaults, loaded from {@code io/inferplan/engine/framework-defaults.csv}
 * (rows copied from reference/framework-defaults.csv with their sources). A row that does not parse fails loudly
 * with file and line, never skipped.
 */
public final class FrameworkDefaults {

    public static final String RESOURCE = "/io/inferplan/engine/framework-defaults.csv";
    /** Marks a value that has no published source. */
    public static final String ENGINE_ASSUMPTION = "engine-assumption";
    private static final String[] HEADER = {"framework", "parameter", "value", "unit", "version_from", "version_to",
            "memory_gib_from", "memory_gib_to", "tp_from", "tp_to", "accelerator_includes", "accelerator_excludes",
            "source_url", "note"};

    private static volatile FrameworkDefaults bundled;

    /** Parsed versions by the string given (the catalog's and the users'), bounded: see {@link #versionParts}. */
    private static final Map<String, int[]> PARSED_VERSIONS = new ConcurrentHashMap<>();
    private static final int MAX_PARSED_VERSIONS = 1024;
    private static final int[] NOT_NUMERIC = new int[0];
    /** A dotted version whose numbers do not fit an int: numeric, but parsing it throws as it always did. */
    private static final int[] TOO_LARGE = new int[0];

    private final List<Row> rows;
    /** Rows by framework, then parameter, in file order: {@link #find} reads a handful instead of every row. */
    private final Map<String, Map<String, List<Row>>> byFramework;

    private FrameworkDefaults(List<Row> rows) {
        this.rows = List.copyOf(rows);
        Map<String, Map<String, List<Row>>> index = new HashMap<>();
        for (Row r : this.rows) {
            index.computeIfAbsent(r.framework(), k -> new HashMap<>())
                    .computeIfAbsent(r.parameter(), k -> new ArrayList<>()).add(r);
        }
        index.values().forEach(byParameter -> byParameter.replaceAll((k, v) -> List.copyOf(v)));
        this.byFramework = index;
    }

    /** The defaults bundled with the engine (loaded once). */
    public static FrameworkDefaults bundled() {
        FrameworkDefaults d = bundled;
        if (d == null) {
            try (InputStream in = FrameworkDefaults.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                d = parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = d;
        }
        return d;
    }

    /** Parses the CSV; throws IllegalArgumentException naming file, line and column on the first bad row. */
    public static FrameworkDefaults parse(Reader reader, String fileName) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).build();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            if (!header.equals(List.of(HEADER))) {
                throw new IllegalArgumentException(fileName + ": header must be " + String.join(",", HEADER)
                        + " but was " + String.join(",", header));
            }
            for (CSVRecord r : parser) {
                rows.add(Row.of(r, fileName, parser.getCurrentLineNumber()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
        }
        return new FrameworkDefaults(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** The framework's documented default version (row {@code default_version}). */
    public String defaultVersion(String framework) {
        return find(framework, "default_version", null, null, 1).map(Row::value)
                .orElseThrow(() -> new IllegalArgumentException("framework: no defaults for '" + framework + "'"));
    }

    public boolean knows(String framework) {
        return byFramework.containsKey(framework);
    }

    /**
     * The first row for {@code framework} (then the wildcard {@code *}) and {@code parameter} whose conditions hold.
     *
     * @param version        framework version (null = do not filter by version)
     * @param accelerator    accelerator for memory / id conditions (null = ignore those conditions)
     * @param tensorParallel TP degree for tp conditions
     */
    public Optional<Row> find(String framework, String parameter, String version, AcceleratorSpec accelerator,
                              int tensorParallel) {
        double gib = accelerator == null ? Double.NaN : AcceleratorMemory.capacityGiB(accelerator);
        String id = null;
        for (String fw : new String[] {framework, "*"}) {
            for (Row r : byFramework.getOrDefault(fw, Map.of()).getOrDefault(parameter, List.of())) {
                if (id == null && accelerator != null && r.namesAccelerators()) {
                    id = accelerator.id().toLowerCase(Locale.ROOT);
                }
                if (r.applies(version, accelerator != null, gib, id, tensorParallel)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but a missing row is a data error. */
    public Row require(String framework, String parameter, String version, AcceleratorSpec accelerator,
                       int tensorParallel) {
        return find(framework, parameter, version, accelerator, tensorParallel).orElseThrow(() ->
                new IllegalStateException(RESOURCE + ": no row for " + framework + "/" + parameter + " at version "
                        + version + (accelerator == null ? "" : " on " + accelerator.id())));
    }

    /** Compares dotted versions numerically ("0.6.7" &lt; "0.10.0"); leading 'v'/'b' ignored; rc/dev suffixes dropped. */
    public static int compareVersions(String a, String b) {
        int[] x = versionParts(a);
        int[] y = versionParts(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? x[i] : 0;
            int yi = i < y.length ? y[i] : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    static boolean isNumericVersion(String v) {
        return v != null && parsed(v) != NOT_NUMERIC;
    }

    /** The version's numbers, or {@link #NOT_NUMERIC}; remembered (a plan evaluation asks for the same few often). */
    private static int[] parsed(String v) {
        int[] p = PARSED_VERSIONS.get(v);
        if (p == null) {
            p = v.trim().matches("[vVbB]?\\d+(\\.\\d+)*([.-]?(rc|dev|post)\\d*)?") ? parseOrTooLarge(v) : NOT_NUMERIC;
            if (PARSED_VERSIONS.size() < MAX_PARSED_VERSIONS) {
                PARSED_VERSIONS.put(v, p);
            }
        }
        return p;
    }

    private static int[] versionParts(String v) {
        int[] p = parsed(v);
        if (p == NOT_NUMERIC) {
            throw new IllegalArgumentException("frameworkVersion: '" + v + "' is not a dotted version like 0.11 or b7079");
        }
        return p == TOO_LARGE ? parse(v) : p;
    }

    private static int[] parseOrTooLarge(String v) {
        try {
            return parse(v);
        } catch (NumberFormatException e) {
            return TOO_LARGE;
        }
    }

    private static int[] parse(String v) {
        String s = v.trim().replaceFirst("^[vVbB]", "").replaceFirst("[.-]?(rc|dev|post)\\d*$", "");
        String[] parts = s.split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** One default with the conditions under which it applies. */
    public record Row(String framework, String parameter, String value, String unit, String versionFrom,
                      String versionTo, Double memoryGiBFrom, Double memoryGiBTo, Integer tpFrom, Integer tpTo,
                      List<String> acceleratorIncludes, List<String> acceleratorExcludes, String sourceUrl,
                      String note, long line) {

        static Row of(CSVRecord r, String file, long line) {
            String where = file + " line " + line;
            if (r.size() != HEADER.length) {
                throw new IllegalArgumentException(where + ": expected " + HEADER.length + " columns, found " + r.size());
            }
            String framework = nonEmpty(r, "framework", where);
            String parameter = nonEmpty(r, "parameter", where);
            String value = nonEmpty(r, "value", where);
            String source = nonEmpty(r, "source_url", where);
            String vFrom = version(r, "version_from", where);
            String vTo = version(r, "version_to", where);
            return new Row(framework, parameter, value, r.get("unit"), vFrom, vTo,
                    number(r, "memory_gib_from", where), number(r, "memory_gib_to", where),
                    integer(r, "tp_from", where), integer(r, "tp_to", where),
                    list(r.get("accelerator_includes")), list(r.get("accelerator_excludes")), source, r.get("note"),
                    line);
        }

        boolean applies(String version, AcceleratorSpec accelerator, int tp) {
            return applies(version, accelerator != null,
                    accelerator == null ? Double.NaN : AcceleratorMemory.capacityGiB(accelerator),
                    accelerator == null ? null : accelerator.id().toLowerCase(Locale.ROOT), tp);
        }

        /** The row applies only to accelerators whose id contains, or does not contain, a name. */
        boolean namesAccelerators() {
            return !acceleratorIncludes.isEmpty() || !acceleratorExcludes.isEmpty();
        }

        /**
         * As above with the accelerator's capacity (GiB) and lower-case id worked out once by the caller (the id may
         * be null when this row {@linkplain #namesAccelerators names none}).
         */
        boolean applies(String version, boolean onAccelerator, double gib, String id, int tp) {
            if (version != null && (versionFrom != null || versionTo != null)) {
                if (!isNumericVersion(version)) {
                    return false;
                }
                if (versionFrom != null && compareVersions(version, versionFrom) < 0) {
                    return false;
                }
                if (versionTo != null && compareVersions(version, versionTo) >= 0) {
                    return false;
                }
            }
            if (onAccelerator) {
                if (memoryGiBFrom != null && gib < memoryGiBFrom) {
                    return false;
                }
                if (memoryGiBTo != null && gib >= memoryGiBTo) {
                    return false;
                }
                if (!acceleratorIncludes.isEmpty() && !containsAny(id, acceleratorIncludes)) {
                    return false;
                }
                if (containsAny(id, acceleratorExcludes)) {
                    return false;
                }
            }
            if (tpFrom != null && tp < tpFrom) {
                return false;
            }
            return tpTo == null || tp < tpTo;
        }

        private static boolean containsAny(String id, List<String> names) {
            for (String n : names) {
                if (id.contains(n)) {
                    return true;
                }
            }
            return false;
        }

        public double asDouble() {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + " line " + line + ", column value: '" + value
                        + "' is not a number (" + framework + "/" + parameter + ")");
            }
        }

        public int asInt() {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(RESOURCE + " line " + line + ", column value: '" + value
                        + "' is not an integer (" + framework + "/" + parameter + ")");
            }
        }

        public boolean asBoolean() {
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalStateException(RESOURCE + " line " + line + ", column value: '" + value
                        + "' is not true/false (" + framework + "/" + parameter + ")");
            }
            return Boolean.parseBoolean(value);
        }

        public boolean isAssumption() {
            return ENGINE_ASSUMPTION.equals(sourceUrl);
        }

        public NamedParameter named() {
            return new NamedParameter(parameter, value, unit, sourceUrl, note);
        }

        public NamedParameter named(String valueUsed) {
            return new NamedParameter(parameter, valueUsed, unit, sourceUrl, note);
        }

        private static String nonEmpty(CSVRecord r, String column, String where) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(where + ", column " + column + ": must not be empty");
            }
            return v;
        }

        private static String version(CSVRecord r, String column, String where) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                return null;
            }
            if (!isNumericVersion(v)) {
                throw new IllegalArgumentException(where + ", column " + column + ": '" + v + "' is not a dotted version");
            }
            return v;
        }

        private static Double number(CSVRecord r, String column, String where) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ", column " + column + ": '" + v + "' is not a number");
            }
        }

        private static Integer integer(CSVRecord r, String column, String where) {
            String v = r.get(column);
            if (v == null || v.isBlank()) {
                return null;
            }
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ", column " + column + ": '" + v + "' is not an integer");
            }
        }

        private static List<String> list(String v) {
            if (v == null || v.isBlank()) {
                return List.of();
            }
            return List.of(v.toLowerCase(Locale.ROOT).split("\\|"));
        }
    }
}
