package io.inferplan.common.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every bad field of one input before refusing it, so a caller fixes all of them in one go. Messages
 * say what is allowed, with the unit.
 */
public final class FieldChecks {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_TEXT = 2000;
    public static final int MAX_SHORT_TEXT = 200;

    private final String prefix;
    private final List<FieldError> errors = new ArrayList<>();

    public FieldChecks() {
        this("");
    }

    public FieldChecks(String prefix) {
        this.prefix = prefix.isEmpty() ? "" : prefix + ".";
    }

    public FieldChecks fail(String field, String message) {
        errors.add(new FieldError(prefix + field, message));
        return this;
    }

    public FieldChecks check(boolean ok, String field, String message) {
        return ok ? this : fail(field, message);
    }

    public FieldChecks id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            fail(field, "must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        return this;
    }

    public FieldChecks required(String field, Object value) {
        return value == null ? fail(field, "is required") : this;
    }

    public FieldChecks text(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? fail(field, "is required") : this;
        }
        if (value.indexOf('\u0000') >= 0) {
            return fail(field, "must not contain the NUL character (U+0000)"); // PostgreSQL cannot store it
        }
        return value.length() > maxLength ? fail(field, "must be at most " + maxLength + " characters") : this;
    }

    /** A whole number in [min, max]; null allowed unless required. */
    public FieldChecks range(String field, Integer value, long min, long max, String unit, boolean required) {
        if (value == null) {
            return required ? fail(field, "is required (" + unit + ", " + min + " to " + max + ")") : this;
        }
        return value < min || value > max ? fail(field, "must be between " + min + " and " + max + " " + unit) : this;
    }

    /** A finite number in [min, max]; null allowed unless required. */
    public FieldChecks range(String field, Double value, double min, double max, String unit, boolean required) {
        if (value == null) {
            return required ? fail(field, "is required (" + unit + ", " + fmt(min) + " to " + fmt(max) + ")") : this;
        }
        if (!Double.isFinite(value) || value < min || value > max) {
            return fail(field, "must be a number between " + fmt(min) + " and " + fmt(max) + " " + unit);
        }
        return this;
    }

    public FieldChecks oneOf(String field, String value, Collection<String> allowed, boolean required) {
        if (value == null) {
            return required ? fail(field, "is required, one of " + String.join(", ", allowed)) : this;
        }
        return allowed.contains(value) ? this : fail(field, "must be one of " + String.join(", ", allowed));
    }

    /** An http(s) URL: every catalog fact names its source. */
    public FieldChecks url(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            return required ? fail(field, "is required: every catalog fact names its source (http or https URL)") : this;
        }
        try {
            URI uri = URI.create(value);
            boolean ok = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && value.length() <= 500;
            return ok ? this : fail(field, "must be an http or https URL of at most 500 characters");
        } catch (IllegalArgumentException e) {
            return fail(field, "must be an http or https URL of at most 500 characters");
        }
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
