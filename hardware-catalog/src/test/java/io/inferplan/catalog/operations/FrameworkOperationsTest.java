package io.inferplan.catalog.operations;

import io.inferplan.catalog.operations.OperationFact.Fact;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frameworks' operational facts: parsed strictly, served with a source and date per fact. */
@MicronautTest
class FrameworkOperationsTest {

    static final String HEADER = "framework,framework_version,fact,qualifier,value,source_url,as_of,notes\n";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    FrameworkOperations operations;

    static List<OperationFact> parse(String rows) throws IOException {
        return CsvTable.read("test.csv", new StringReader(HEADER + rows), OperationFact::fromCsv);
    }

    @Nested
    class TheShippedFile {
        @Test
        void everyFactHasASourceAndTheDateItWasRead() {
            assertTrue(operations.all().size() > 60);
            assertTrue(operations.all().stream().allMatch(f -> f.sourceUrl().startsWith("https://") && f.asOf() != null));
        }

        @Test
        void tgiIsInMaintenanceModeSinceItsReadmeSaidSo() {
            assertEquals("maintenance", operations.fact("tgi", Fact.MAINTENANCE_STATUS).orElseThrow().value());
            assertEquals("2025-12-11", operations.fact("tgi", Fact.STATUS_SINCE).orElseThrow().value());
            assertEquals("active", operations.fact("vllm", Fact.MAINTENANCE_STATUS).orElseThrow().value());
        }

        @Test
        void modelChangeStepsFallBackFromTheFormatToEveryGgufQuantToTheWholeFramework() {
            assertEquals("0", operations.modelChangeSteps("vllm", "fp8", false).orElseThrow().value());
            assertEquals("2", operations.modelChangeSteps("llama.cpp", "gguf-q4_k_m", true).orElseThrow().value());
            assertEquals("3", operations.modelChangeSteps("mlc-llm", "mlc-q4f16_1", false).orElseThrow().value());
            assertTrue(operations.modelChangeSteps("max", "fp8", false).isEmpty(), "no row: no source");
        }

        @Test
        void theApiListsOneFrameworksFactsWithTheirSources() {
            List<OperationFact> tgi = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/framework-operations?framework=tgi"),
                    Argument.listOf(OperationFact.class));
            assertTrue(tgi.stream().allMatch(f -> f.framework().equals("tgi")));
            OperationFact status = tgi.stream().filter(f -> f.fact().equals("maintenance_status")).findFirst().orElseThrow();
            assertEquals("maintenance", status.value());
            assertEquals(LocalDate.of(2026, 12, 7), status.asOf());
            assertTrue(status.sourceUrl().contains("text-generation-inference"), status.sourceUrl());
        }
    }

    @Nested
    class BadRows {
        @Test
        void anUnknownFactFailsNamingTheLineAndColumn() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> parse("vllm,0.1,speed,,fast,https://x,2026-01-01,\n"));
            assertTrue(e.getMessage().contains("column 'fact'") && e.getMessage().contains("'speed'"), e.getMessage());
        }

        @Test
        void aValueOfTheWrongKindFails() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> parse("vllm,0.1,openai_compatible_api,,maybe,https://x,2026-01-01,\n"));
            assertTrue(e.getMessage().contains("column 'value'"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> parse("vllm,0.1,model_change_steps,fp8,two,https://x,2026-01-01,\n"));
        }

        @Test
        void aFactWithoutItsDateFails() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> parse("vllm,0.1,structured_output,,yes,https://x,,\n"));
            assertTrue(e.getMessage().contains("column 'as_of'"), e.getMessage());
        }

        @Test
        void theSameFactTwiceIsRefused() throws IOException {
            List<OperationFact> twice = parse("vllm,0.1,structured_output,,yes,https://x,2026-01-01,\n"
                    + "vllm,0.2,structured_output,,no,https://y,2026-01-02,\n");
            assertThrows(IllegalStateException.class, () -> new FrameworkOperations(twice));
        }
    }
}
