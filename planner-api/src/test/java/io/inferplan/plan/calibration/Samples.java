package io.inferplan.plan.calibration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample benchmark files live beside their parsers' tests ({@code planner-engine/src/test/resources/…/imports},
 * with a README naming each tool's schema source); the HTTP tests read them from there (Maven runs a module's tests
 * in the module's directory).
 */
public final class Samples {

    public static final Path DIR = Path.of("..", "planner-engine", "src", "test", "resources", "io", "inferplan",
            "engine", "calibration", "imports");

    public static final String TOKEN = "Bearer test-admin-token";

    private Samples() {
    }

    public static byte[] read(String file) {
        try {
            return Files.readAllBytes(DIR.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("sample " + file + " (looked in " + DIR.toAbsolutePath() + ")", e);
        }
    }
}
