package io.inferplan.plan.advisor;

import io.inferplan.plan.advisor.AdviseResponse.Question;
import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * The advisor's request with every value resolved: read from the request or assumed (and listed as such in
 * {@code questions} and {@code otherInputs}).
 *
 * @param workload         the workload every framework is planned for (absent token counts filled in)
 * @param prefixShare      sharedPrefixTokens ÷ inputTokens
 * @param months           how long the deployment lives
 * @param changesPerYear   model versions that replace the served one per year
 * @param qualityBudget    the most a format may lose against 16-bit, percent
 * @param priorities       the request's weights by criterion id (empty = the defaults)
 */
record Situation(String model, String accelerator, @Nullable Integer acceleratorCount, PlanRequest.WorkloadInput workload,
                 Goal goal, double prefixShare, int months, double changesPerYear, Team team, double qualityBudget,
                 boolean structuredOutput, boolean agentWorkflows, boolean offlineOrEdge, Map<String, Double> priorities,
                 List<Question> questions, List<Question> otherInputs) {

    /** What "best" means for the format a framework runs and for the performance weights. */
    enum Goal {
        /** One or two requests at a time: the speed one user sees (time per output token) matters most. */
        SINGLE_USER,
        /** Many requests at once or a request rate: throughput and tail latency together. */
        SERVING,
        /** Every request queued at once: throughput alone. */
        MAX_THROUGHPUT
    }

    /**
     * Experience with LLM serving infrastructure: each offline set-up step costs a team without one twice what it costs
     * a team that has done it before, a dedicated team half (the advisor's stated assumption, not a measurement).
     */
    enum Team {
        NONE(2.0), SOME(1.0), DEDICATED(0.5);

        final double stepCost;

        Team(double stepCost) {
            this.stepCost = stepCost;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Model versions served over the lifetime: the first plus the changes. */
    double modelVersions() {
        return 1 + changesPerYear * months / 12.0;
    }
}
