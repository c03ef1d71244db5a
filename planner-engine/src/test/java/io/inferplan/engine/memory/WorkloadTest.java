package io.inferplan.engine.memory;

import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input records reject bad values with messages that name the field, unit and range. */
class WorkloadTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "inputTokens, FIXED_CONCURRENCY, 0, 10, 4, 0",
            "outputTokens, FIXED_CONCURRENCY, 10, 0, 4, 0",
            "sharedPrefixTokens, FIXED_CONCURRENCY, 10, 10, 4, 11",
            "concurrency, FIXED_CONCURRENCY, 10, 10, 0, 0",
    })
    void badWorkloadNamesTheField(String field, String mode, int in, int out, int conc, int prefix) {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> new Workload(Workload.Mode.valueOf(mode), in, out, conc, null, prefix));
        assertTrue(ex.getMessage().startsWith(field + ":"), ex.getMessage());
    }

    @Test
    void arrivalRateNeedsARate() {
        var ex = assertThrows(IllegalArgumentException.class,
                () -> new Workload(Workload.Mode.ARRIVAL_RATE, 10, 10, null, null, 0));
        assertTrue(ex.getMessage().contains("requestsPerSecond"), ex.getMessage());
    }

    @Test
    void contractSpellingParses() {
        assertEquals(Workload.Mode.MAX_THROUGHPUT, Workload.Mode.parse("max-throughput"));
        assertEquals(1, Workload.singleStream(5, 5).concurrency());
    }

    @Test
    void parallelismAndServingValidate() {
        assertEquals(8, new Parallelism(2, 2, 2).acceleratorCount());
        assertThrows(IllegalArgumentException.class, () -> new Parallelism(0, 1, 1));
        var ex = assertThrows(IllegalArgumentException.class, () -> ServingSetup.defaults().withMemoryFraction(1.5));
        assertTrue(ex.getMessage().startsWith("memoryFraction:"), ex.getMessage());
    }
}
