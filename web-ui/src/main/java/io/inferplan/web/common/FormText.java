package io.inferplan.web.common;

import io.inferplan.common.problem.FieldError;

import java.util.List;

/**
 * Reads numbers typed into a form. A text that is not a number becomes a {@link FieldError} beside its field,
 * never an exception; blank means "not given". Field names are the API's, so the engine's refusals and these land
 * beside the same input.
 */
public final class FormText {

    private FormText() {
    }

    /** A whole number ({@code 2_048} and {@code 2,048} accepted), or null when blank. */
    public static Integer integer(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a whole number"));
            return null;
        }
    }

    /** A finite decimal with {@code .} as separator (NaN and infinities refused), or null when blank. */
    public static Double decimal(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "must be a number such as 0.9"));
            return null;
        }
    }

    /** Refuses a text longer than {@code max} characters (the page shows the message beside the field). */
    public static void maxLength(String field, String text, int max, List<FieldError> errors) {
        if (text != null && text.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
