package io.inferplan.plan.saved;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON text of a saved plan's columns (its request and its summary), one encoding for the saved-plan service and
 * the backup that exports and imports the same rows. A failure is a bug (the values are the service's own records),
 * hence unchecked.
 */
@Singleton
public class SavedPlanJson {

    private final JsonMapper json;

    public SavedPlanJson(JsonMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
