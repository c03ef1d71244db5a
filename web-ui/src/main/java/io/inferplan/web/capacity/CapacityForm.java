package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.web.common.FieldMessages;
import io.inferplan.web.common.Option;

import java.util.List;
import java.util.Set;

/**
 * A capacity form (optimizer, fleet, advisor) as the view shows it: the submitted text, the catalog's choices and
 * each refusal beside its field ({@code fragments/inputs} reads {@code hasError}/{@code errorFor}).
 *
 * @param values  the form as submitted (one of {@link OptimizerForm}, {@link FleetForm}, {@link AdvisorForm})
 * @param summary why the answer could not be computed (the problem's detail), or null
 */
public record CapacityForm<T>(T values, Choices choices, Set<String> inputs, List<FieldError> errors, String summary) {

    /** The catalog's entries as drop-down options. */
    public record Choices(List<Option> models, List<Option> weightFormats, List<Option> kvCacheFormats,
                          List<Option> accelerators, List<Option> frameworks, List<Option> modes) {
    }

    public String errorFor(String input) {
        return FieldMessages.forInput(errors, input);
    }

    public boolean hasError(String input) {
        return errorFor(input) != null;
    }

    public List<FieldError> otherErrors() {
        return FieldMessages.others(errors, inputs);
    }
}
