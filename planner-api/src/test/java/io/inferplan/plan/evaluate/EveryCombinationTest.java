package io.inferplan.plan.evaluate;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every catalog model × accelerator × framework either gets a memory answer or a 422 with a reason — never an
 * exception of another kind. Each framework is tried with a weight format it loads (BF16, or GGUF Q4_K_M for the
 * GGUF runtimes), and with the fewest accelerators that fit.
 */
@MicronautTest
class EveryCombinationTest {

    @Inject
    PlanService plans;
    @Inject
    PlanCatalog catalog;

    @Test
    void everyCombinationIsAnsweredOrRefusedWithAReason() {
        CatalogSnapshot cat = catalog.current();
        int answered = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        for (String model : cat.models().keySet()) {
            for (String accelerator : cat.accelerators().keySet()) {
                for (String framework : cat.frameworks().keySet()) {
                    String weights = framework.equals("llama.cpp") || framework.equals("ollama") ? "gguf-q4_k_m" : "bf16";
                    PlanRequest r = new PlanRequest(model, weights, null, accelerator, null, framework,
                            new PlanRequest.WorkloadInput("fixed-concurrency", 1024, 256, 8, null, 0), null, null, null);
                    try {
                        PlanResponse response = plans.evaluate(r);
                        assertTrue(response.memory().fits());
                        assertTrue(response.memory().kvCacheBytesPerToken() > 0);
                        answered++;
                    } catch (ProblemException e) {
                        if (e.status().getCode() != 422 || e.getMessage() == null || e.getMessage().isBlank()) {
                            failures.add(model + "/" + accelerator + "/" + framework + ": " + e.status() + " " + e.getMessage());
                        }
                        refused++;
                    } catch (RuntimeException e) {
                        failures.add(model + "/" + accelerator + "/" + framework + ": " + e);
                    }
                }
            }
        }
        System.out.printf("every combination: %d answered, %d refused with a reason%n", answered, refused);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
        assertFalse(answered == 0);
    }
}
