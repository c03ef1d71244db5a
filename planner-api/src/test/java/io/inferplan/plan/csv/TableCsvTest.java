package io.inferplan.plan.csv;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TableCsvTest {

    record Item(String name, double usdPerHour, List<String> reasons) {
    }

    record Answer(String model, List<Item> items, String reason) {
    }

    record Clash(String name) {
    }

    private static final TableCsv.Lead<Item> RANK = new TableCsv.Lead<>(List.of("rank"), i -> List.of(i.name().length()));

    @Test
    void oneRowPerItemThenTheAnswersOwnColumnsQuotedAsRfc4180() throws IOException {
        Item tricky = new Item("he said \"8 × H100, NVLink\"\nthen left", 0.0001, List.of("a, b", "c"));
        Answer answer = new Answer("llama-3.1-70b", List.of(tricky, new Item("plain", 1234567.5, List.of())), null);
        Locale before = Locale.getDefault();
        String csv;
        try {
            Locale.setDefault(Locale.GERMANY);
            csv = TableCsv.write(RANK, Item.class, answer.items(), Answer.class, answer);
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(List.of("rank", "name", "usdPerHour", "reasons", "model", "reason"), SpreadsheetHttpTest.header(csv));
        var rows = SpreadsheetHttpTest.parse(csv);
        assertEquals(2, rows.size());
        assertEquals(tricky.name(), rows.get(0).get("name"), "quotes, comma and newline survive a CSV parser");
        assertEquals(String.valueOf(tricky.name().length()), rows.get(0).get("rank"));
        assertEquals("0.0001", rows.get(0).get("usdPerHour"));
        assertEquals("a, b; c", rows.get(0).get("reasons"));
        assertEquals("1234567.5", rows.get(1).get("usdPerHour"));
        assertEquals("llama-3.1-70b", rows.get(1).get("model"));
        assertEquals("", rows.get(1).get("reason"));
    }

    @Test
    void anAnswerWithoutItemsStillHasOneRowCarryingItsReason() throws IOException {
        Answer none = new Answer("llama-3.1-70b", List.of(), "no configuration can run");
        var rows = SpreadsheetHttpTest.parse(TableCsv.write(RANK, Item.class, none.items(), Answer.class, none));
        assertEquals(1, rows.size());
        assertEquals(Arrays.asList("", "", "", "", "llama-3.1-70b", "no configuration can run"), rows.get(0).toList());
    }

    @Test
    void aColumnNameInBothTheItemAndTheAnswerIsRefused() {
        assertThrows(IllegalStateException.class, () -> TableCsv.header(TableCsv.Lead.none(), Clash.class, Item.class));
    }
}
