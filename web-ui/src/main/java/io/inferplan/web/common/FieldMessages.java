package io.inferplan.web.common;

import io.inferplan.common.problem.FieldError;

import java.util.List;
import java.util.Set;

/** Puts each refusal beside its form input: {@code workload.inputTokens}, {@code slo.tpotMs}, {@code accelerators[2]} → the input's name. */
public final class FieldMessages {

    private FieldMessages() {
    }

    /** The messages for one input, joined, or null. */
    public static String forInput(List<FieldError> errors, String input) {
        return errors.stream().filter(e -> input.equals(inputOf(e.field()))).map(FieldError::message)
                .reduce((a, b) -> a + "; " + b).orElse(null);
    }

    /** Refusals about something that is not one of the form's inputs (shown in the summary). */
    public static List<FieldError> others(List<FieldError> errors, Set<String> inputs) {
        return errors.stream().filter(e -> !inputs.contains(inputOf(e.field()))).toList();
    }

    public static String inputOf(String field) {
        String f = field.replaceAll("\\[[0-9]+]$", "");
        int dot = f.lastIndexOf('.');
        return dot < 0 ? f : f.substring(dot + 1);
    }
}
