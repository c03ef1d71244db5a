package io.inferplan.engine.memory;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The engine stays pure Java: no Micronaut, jakarta or JDBC imports in its sources. */
class EnginePurityTest {

    @Test
    void engineSourcesImportNoFrameworkTypes() throws IOException {
        Path root = Path.of("src/main/java/io/inferplan/engine");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    String s = Files.readString(p);
                    return s.contains("import io.micronaut") || s.contains("import jakarta")
                            || s.contains("import java.sql") || s.contains("import javax.sql");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
