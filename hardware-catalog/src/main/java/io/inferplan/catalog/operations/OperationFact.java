package io.inferplan.catalog.operations;

import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One operational fact of one serving framework (row of {@code framework-operations.csv}): each fact has its own
 * source and date, so a table cell built from it can cite both.
 *
 * @param frameworkVersion the version the source describes
 * @param qualifier        what the fact is about when it varies (a weight-format id, {@code gguf} for every GGUF
 *                         quant, a hardware vendor, what was measured); null = the framework as a whole
 */
@Serdeable
public record OperationFact(String framework, String frameworkVersion, String fact, @Nullable String qualifier, String value,
                            String sourceUrl, LocalDate asOf, @Nullable String notes) {

    private static final Pattern ID_LIST = Pattern.compile("[a-z0-9][a-z0-9._-]*(;[a-z0-9][a-z0-9._-]*)*");

    /** The facts the file may hold, with the kind of value each takes. */
    public enum Fact {
        MAINTENANCE_STATUS(Kind.STATUS), STATUS_SINCE(Kind.DATE), LATEST_RELEASE(Kind.TEXT), LATEST_RELEASE_DATE(Kind.DATE),
        OPENAI_COMPATIBLE_API(Kind.YES_NO), STRUCTURED_OUTPUT(Kind.YES_NO), COMPILE_AT_START(Kind.YES_NO),
        DEFAULT_WEIGHT_FORMAT(Kind.IDS), ADVISED_WEIGHT_FORMATS(Kind.IDS), MODEL_CHANGE_STEPS(Kind.COUNT),
        COLD_START_SECONDS(Kind.NUMBER), INSTALL(Kind.INSTALL), BACKEND_ON(Kind.TEXT);

        private final Kind kind;

        Fact(Kind kind) {
            this.kind = kind;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Fact of(CsvRow r) {
            String id = r.required("fact");
            for (Fact f : values()) {
                if (f.id().equals(id)) {
                    return f;
                }
            }
            throw r.error("fact", "'" + id + "' is not a known fact");
        }
    }

    private enum Kind { STATUS, DATE, TEXT, YES_NO, IDS, COUNT, NUMBER, INSTALL }

    static OperationFact fromCsv(CsvRow r) {
        Fact fact = Fact.of(r);
        String value = r.required("value");
        check(r, fact, value);
        LocalDate asOf = r.date("as_of");
        if (asOf == null) {
            throw r.error("as_of", "is required: every fact carries the date its source was read");
        }
        return new OperationFact(r.required("framework"), r.required("framework_version"), fact.id(), r.text("qualifier"), value,
                r.required("source_url"), asOf, r.text("notes"));
    }

    private static void check(CsvRow r, Fact fact, String value) {
        boolean ok = switch (fact.kind) {
            case STATUS -> value.equals("active") || value.equals("maintenance");
            case YES_NO -> value.equals("yes") || value.equals("no");
            case INSTALL -> value.equals("prebuilt") || value.equals("source-build");
            case IDS -> ID_LIST.matcher(value).matches();
            case COUNT -> value.matches("\\d+");
            case NUMBER -> value.matches("\\d+(\\.\\d+)?");
            case DATE -> {
                r.date("value");
                yield true;
            }
            case TEXT -> true;
        };
        if (!ok) {
            throw r.error("value", "'" + value + "' is not a valid value for " + fact.id());
        }
    }

    /** Whether this row holds {@code fact}. */
    public boolean is(Fact kind) {
        return kind.id().equals(fact);
    }

    public boolean yes() {
        return "yes".equals(value);
    }
}
