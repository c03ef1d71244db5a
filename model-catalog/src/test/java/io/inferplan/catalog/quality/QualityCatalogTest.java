package io.inferplan.catalog.quality;

import io.inferplan.common.csv.CsvTable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality deltas: derived from the two published numbers of each row, served with their sources. */
@MicronautTest
class QualityCatalogTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    QualityCatalog catalog;

    private QualityDelta row(String id) {
        return catalog.all().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void perplexityRowsAreTheRatioOfTheTwoPerplexitiesLessOne() {
        // llama.cpp LLaMA 3 8B scoreboard: Q4_K_M 6.407115 against F16 6.233160 → +2.79 %
        assertEquals((6.407115 / 6.233160 - 1) * 100, row("q-llamacpp-l3-8b-q4_k_m").percentBelowSixteenBit(), 1e-12);
        assertEquals(2.7908, row("q-llamacpp-l3-8b-q4_k_m").percentBelowSixteenBit(), 1e-4);
        // the Llama 2 70B table prints its own percentage: 1.20 % for Q4_K_M
        assertEquals(1.20, row("q-llamacpp-l2-70b-q4_k_m").percentBelowSixteenBit(), 0.005);
    }

    @Test
    void accuracyRowsAreTheShareOfTheUnquantizedScoreLost() {
        // Neural Magic FP8 Llama 3.1 70B Instruct: 84.29 against 84.40 on OpenLLM v1 → 0.13 % below
        assertEquals(0.1303, row("q-nm-l31-70b-fp8").percentBelowSixteenBit(), 1e-4);
        assertEquals("llama-3.1-70b", row("q-nm-l31-70b-fp8").measuredOnModel());
    }

    @Test
    void everyRowNamesTheModelItWasMeasuredOnAndItsSource() {
        assertTrue(catalog.all().size() >= 20);
        assertTrue(catalog.all().stream().allMatch(d -> d.sourceUrl().startsWith("https://") && !d.modelFamily().isBlank()
                && d.paramsB() > 0 && d.asOf() != null));
        assertTrue(catalog.of("kv", "q8_0").size() == 1 && catalog.of("weight", "nvfp4").size() == 2);
    }

    @Test
    void theApiFiltersByFormat() {
        List<QualityDelta> q4 = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/quality-deltas?format=gguf-q4_k_m"),
                Argument.listOf(QualityDelta.class));
        assertEquals(2, q4.size());
        assertTrue(q4.stream().allMatch(d -> d.format().equals("gguf-q4_k_m") && d.kind().equals("weight")));
    }

    @Test
    void aRowWithoutItsBaselineFailsNamingTheColumn() {
        String csv = "id,kind,format,baseline_format,measured_on_model,measured_on,model_family,params_b,metric,higher_is_better,"
                + "baseline_value,quantized_value,method,source_url,as_of,notes\n"
                + "x,weight,fp8,bf16,,M,F,8,acc,true,,70,m,https://x,2026-01-01,\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CsvTable.read("t.csv", new StringReader(csv), QualityDelta::fromCsv));
        assertTrue(e.getMessage().contains("column 'baseline_value'"), e.getMessage());
    }
}
