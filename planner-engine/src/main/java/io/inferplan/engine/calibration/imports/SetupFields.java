package io.inferplan.engine.calibration.imports;

/**
 * What the user says about the run beside the file (the upload's query fields): catalog ids of the model, weight
 * format, accelerator and framework, the accelerator count, and the prompt / output lengths. Any may be null.
 * The ids and the count describe the user's own setup and replace the file's guesses; the lengths only fill
 * what the file does not state (a file's measured lengths win).
 */
public record SetupFields(String model, String weightFormat, String accelerator, Integer acceleratorCount,
                          String framework, Integer inputTokens, Integer outputTokens) {

    public static SetupFields none() {
        return new SetupFields(null, null, null, null, null, null, null);
    }
}
