package io.inferplan.plan.evaluate;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients with identical lengths stay in step in the simulator and queue in waves. The answer says so and quotes the
 * same plan with outputs spread by 10 %, and those numbers are that plan's own answer.
 */
@MicronautTest
class LengthSpreadWarningHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> plan(Map<String, Object> workload) {
        return new HashMap<>(Map.of("model", "llama-3.1-70b", "weightFormat", "fp8", "accelerator", "h100-sxm",
                "acceleratorCount", 4, "framework", "tensorrt-llm", "workload", workload));
    }

    static List<String> waves(PlanResponse r) {
        return r.warnings().stream().filter(w -> w.startsWith("fixed lengths:")).toList();
    }

    @Test
    void fixedLengthsAtSixtyFourClientsAreSaidToQueueInWavesWithTheSpreadPlansOwnTtft() {
        PlanResponse fixed = EvaluateCalls.evaluate(client, plan(Map.of("mode", "fixed-concurrency", "inputTokens", 1000,
                "outputTokens", 500, "concurrency", 64)));
        PlanResponse spread = EvaluateCalls.evaluate(client, plan(Map.of("mode", "fixed-concurrency", "inputTokens", 1000,
                "outputTokens", 500, "concurrency", 64, "outputTokensSpread", 50)));
        assertEquals(1, waves(fixed).size(), fixed.warnings().toString());
        String w = waves(fixed).get(0);
        // every request waits alike in the fixed-length run
        assertTrue(fixed.performance().ttftP99Ms() <= 1.05 * fixed.performance().ttftP50Ms(), w);
        assertTrue(w.contains(String.format(Locale.ROOT, "(workload.outputTokensSpread 50) the same plan's TTFT is %.0f ms mean, "
                + "%.0f ms p95", spread.performance().ttftMs(), spread.performance().ttftP95Ms())), w);
        assertTrue(spread.performance().ttftMs() < 0.9 * fixed.performance().ttftMs(), "the wave is most of the TTFT here");
        assertTrue(waves(spread).isEmpty(), spread.warnings().toString());
    }

    @Test
    void oneClientHasNoOneToBeInStepWith() {
        PlanResponse oneClient = EvaluateCalls.evaluate(client, plan(Map.of("mode", "fixed-concurrency", "inputTokens", 500,
                "outputTokens", 100, "concurrency", 1)));
        assertTrue(waves(oneClient).isEmpty(), oneClient.warnings().toString());
        PlanResponse one = EvaluateCalls.evaluate(client, plan(Map.of("mode", "single-stream", "inputTokens", 500,
                "outputTokens", 100)));
        assertTrue(waves(one).isEmpty(), one.warnings().toString());
    }
}
