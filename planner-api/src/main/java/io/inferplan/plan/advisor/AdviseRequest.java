package io.inferplan.plan.advisor;

import io.inferplan.plan.evaluate.PlanRequest;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The body of {@code POST /api/v1/plans/advise}: the four questions (how many requests at once and how much prompt
 * they share: {@code workload}; which hardware: {@code accelerator}, {@code acceleratorCount}; how long it lives and
 * how often the model changes: {@code deploymentMonths}, {@code modelChangesPerYear}) and what the team brings. Every
 * absent value is assumed and the answer says so.
 *
 * @param deploymentMonths      how long the deployment runs (1..600; assumed 12)
 * @param modelChangesPerYear   how often a new model version replaces the served one (0..365; assumed 0)
 * @param teamExperience        none (no LLM infrastructure team yet), some, or dedicated (assumed some)
 * @param priorities            relative weights by criterion id, replacing the advisor's defaults for those named
 * @param maxQualityLossPercent the quality budget: formats published further below 16-bit are not run (assumed 5)
 * @param structuredOutput      JSON-schema / grammar-constrained output needed
 * @param agentWorkflows        multi-step agent calls re-sending a growing shared context
 * @param offlineOrEdge         runs without a datacentre (laptop, edge box, air-gapped)
 */
@Serdeable
public record AdviseRequest(@Nullable String model, @Nullable String accelerator, @Nullable Integer acceleratorCount,
                            @Nullable PlanRequest.WorkloadInput workload, @Nullable Integer deploymentMonths,
                            @Nullable Boolean structuredOutput, @Nullable Boolean agentWorkflows,
                            @Nullable Boolean offlineOrEdge, @Nullable Double modelChangesPerYear,
                            @Nullable String teamExperience, @Nullable Map<String, Double> priorities,
                            @Nullable Double maxQualityLossPercent) {

    @Creator
    public AdviseRequest {
    }

    /** The workload's shape and the needs only; everything else assumed. */
    public AdviseRequest(String model, String accelerator, Integer acceleratorCount, PlanRequest.WorkloadInput workload,
                         Integer deploymentMonths, Boolean structuredOutput, Boolean agentWorkflows, Boolean offlineOrEdge) {
        this(model, accelerator, acceleratorCount, workload, deploymentMonths, structuredOutput, agentWorkflows, offlineOrEdge,
                null, null, null, null);
    }
}
