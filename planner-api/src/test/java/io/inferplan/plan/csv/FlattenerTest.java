package io.inferplan.plan.csv;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlattenerTest {

    record Inner(double ttftMs, Integer batch) {
    }

    record Row(String id, Inner performance, List<String> warnings, List<Inner> items, Map<String, String> extra, boolean fits) {
    }

    @Nested
    class Header {
        @Test
        void nestedRecordsAreDottedScalarListsAreOneColumnRecordListsAndMapsAreSkipped() {
            assertEquals(List.of("id", "performance.ttftMs", "performance.batch", "warnings", "fits"), Flattener.header(Row.class));
        }

        @Test
        void aNullBlockKeepsItsColumnsWithEmptyCells() {
            Map<String, String> cells = Flattener.flatten(Row.class, new Row("a", null, List.of("x", "y"), List.of(), Map.of(), true));
            assertEquals(Map.of("id", "a", "performance.ttftMs", "", "performance.batch", "", "warnings", "x; y", "fits", "true"), cells);
            assertEquals(List.of("id", "performance.ttftMs", "performance.batch", "warnings", "fits"), List.copyOf(cells.keySet()));
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0.0001, 0.0001",
            "1234567.5, 1234567.5",
            "1.0E10, 10000000000",
            "2.0, 2.0",
            "-0.5, -0.5",
    })
    void numbersArePlainWithADotAndNoGroupingWhateverTheLocale(double value, String cell) {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(cell, Flattener.format(value));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void nonFiniteAndNullAreEmpty() {
        assertEquals("", Flattener.format(Double.NaN));
        assertEquals("", Flattener.format(null));
    }
}
