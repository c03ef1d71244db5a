package io.inferplan.plan.quality;

import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which published row costs a plan's format, against the shipped quality catalog. */
@MicronautTest
class QualityEstimatesTest {

    @Inject
    QualityEstimates quality;

    @Inject
    PlanCatalog catalog;

    @Test
    void theSameModelsRowComesFirst() {
        // Red Hat's Llama 3.1 8B Instruct NVFP4 card: OpenLLM v1 73.29 → 71.59
        QualityEstimate q = quality.estimate(catalog.current(), "llama-3.1-8b", "nvfp4", null);
        assertEquals(List.of("q-rh-l31-8b-nvfp4"), q.rowIds());
        assertEquals((1 - 71.59 / 73.29) * 100, q.percentBelowSixteenBit(), 1e-9);
    }

    @Test
    void aSeventyBIsCostedWithTheSeventyBOfANeighbourFamilyRatherThanTheEightBOfItsOwn() {
        // Llama 3.1 70B has NVFP4 rows on Llama 3.1 8B (own family) and Llama 3.3 70B (same size class): size decides
        QualityEstimate nvfp4 = quality.estimate(catalog.current(), "llama-3.1-70b", "nvfp4", null);
        assertEquals(List.of("q-rh-l33-70b-nvfp4"), nvfp4.rowIds());
        assertEquals((1 - 78.57 / 79.77) * 100, nvfp4.percentBelowSixteenBit(), 1e-9);
        // and GGUF Q4_K_M by llama.cpp's Llama 2 70B table (+1.20 %), not its LLaMA 3 8B one (+2.79 %)
        QualityEstimate q4 = quality.estimate(catalog.current(), "llama-3.1-70b", "gguf-q4_k_m", null);
        assertEquals(List.of("q-llamacpp-l2-70b-q4_k_m"), q4.rowIds());
    }

    @Test
    void withinOneSizeClassTheOwnFamilyComesFirst() {
        // Llama 3.1 8B with GGUF Q4_K_M: LLaMA 3 8B (same size, same lineage) rather than Llama 2 70B
        QualityEstimate q4 = quality.estimate(catalog.current(), "llama-3.1-8b", "gguf-q4_k_m", null);
        assertEquals(List.of("q-llamacpp-l3-8b-q4_k_m"), q4.rowIds());
    }
}
