package io.inferplan.web.plan;

import io.inferplan.common.problem.FieldError;
import io.inferplan.web.common.FieldMessages;
import io.inferplan.web.common.Option;

import java.util.List;
import java.util.Set;

/**
 * The plan form as the view shows it: the submitted values, the choices, and each refusal beside its field.
 *
 * @param summary why the plan could not be made (the problem's detail), or null
 */
public record FormView(
        PlanForm values,
        List<Option> models,
        List<Option> weightFormats,
        List<Option> kvCacheFormats,
        List<Option> accelerators,
        List<Option> frameworks,
        List<Option> modes,
        List<Option> lengthDistributions,
        List<FieldError> errors,
        String summary) {

    /** Form inputs that have a place for a message; any other refused field is listed in the summary. */
    static final Set<String> FORM_FIELDS = Set.of("model", "weightFormat", "kvCacheFormat", "accelerator",
            "acceleratorCount", "framework", "mode", "inputTokens", "outputTokens", "concurrency", "requestsPerSecond",
            "sharedPrefixTokens", "inputTokensSpread", "outputTokensSpread", "lengthDistribution", "burstiness",
            "memoryFraction", "tensorParallel", "notes");

    /** The message for one form input ({@code inputTokens} matches the API's {@code workload.inputTokens}). */
    public String errorFor(String input) {
        if (TechniqueForm.API_FIELDS.containsKey(input)) {
            return errors.stream().filter(e -> input.equals(TechniqueForm.inputOf(e.field())))
                    .map(FieldError::message).reduce((a, b) -> a + "; " + b).orElse(null);
        }
        return FieldMessages.forInput(errors, input);
    }

    public boolean hasError(String input) {
        return errorFor(input) != null;
    }

    /** Refusals about something that is not one of the form's inputs. */
    public List<FieldError> otherErrors() {
        return FieldMessages.others(errors, FORM_FIELDS).stream().filter(e -> TechniqueForm.inputOf(e.field()) == null)
                .toList();
    }
}
