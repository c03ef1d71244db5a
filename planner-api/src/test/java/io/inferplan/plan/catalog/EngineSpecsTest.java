package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.model.ModelCatalog;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.common.csv.CsvRow;
import io.inferplan.common.csv.CsvTable;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A catalog row that lacks a fact the engine needs is refused naming each missing field, never filled in. The rows
 * are written in the shipped files' own columns, so the check does not depend on which seed entries happen to be
 * incomplete today.
 */
class EngineSpecsTest {

    /** internlm-20b as it was before its architecture was sourced: only the card's parameter and layer counts. */
    @Test
    void aModelRowWithoutItsArchitectureIsRefusedNamingEachMissingField() throws IOException {
        ModelRow partial = row(ModelCatalog.SEED_RESOURCE, ModelRow::fromCsv, Map.of("id", "partial-model",
                "params_total_b", "20", "num_layers", "60", "source_url", "https://example.com/README.md",
                "as_of", "2026-12-07"));
        EngineSpecs.Mapped<?> m = EngineSpecs.model(partial);
        assertFalse(m.usable());
        assertEquals("model partial-model has no sourced value for hiddenSize, intermediateSize, attentionHeads, kvHeads,"
                + " headDim, vocabSize, maxContextTokens, attention", m.unusableBecause());
    }

    /** A board whose DRAM rate no source states (the Orange Pi entries). */
    @Test
    void anAcceleratorRowWithoutItsBandwidthIsRefusedNamingIt() throws IOException {
        AcceleratorRow partial = row("catalog/accelerators.csv", AcceleratorRow::fromCsv, Map.of("id", "partial-board",
                "vendor", "Test", "name", "Partial board", "memory_gb", "16", "architecture", "cpu_arm",
                "interconnect_kind", "none", "unified_memory", "true", "host_memory", "false",
                "source_url", "https://example.com/board", "as_of", "2026-12-07"));
        EngineSpecs.Mapped<?> m = EngineSpecs.accelerator(partial);
        assertFalse(m.usable());
        assertEquals("accelerator partial-board has no sourced value for memoryBandwidthGBps", m.unusableBecause());
    }

    /** One row under the header of {@code resource}, with {@code cells} filled and every other cell empty. */
    private static <T> T row(String resource, Function<CsvRow, T> mapper, Map<String, String> cells) throws IOException {
        String header = header(resource);
        String line = Arrays.stream(header.split(",")).map(c -> cells.getOrDefault(c, ""))
                .collect(Collectors.joining(","));
        return CsvTable.read(resource, new StringReader(header + "\n" + line + "\n"), mapper).get(0);
    }

    private static String header(String resource) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                AcceleratorCatalog.class.getClassLoader().getResourceAsStream(resource), resource), StandardCharsets.UTF_8))) {
            return in.lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        }
    }
}
