package io.inferplan.engine.speed.sim;

import io.inferplan.engine.speed.physics.StepTime;
import io.inferplan.engine.speed.policy.SchedulerPolicy;

/**
 * One replica's simulation: its step time (the plain physics, or a serving technique's wrapper around it), its
 * scheduler, its KV capacity and the traffic it gets.
 *
 * @param kvCapacityTokens       tokens (all layers) the replica's KV cache holds
 * @param requestCount           requests simulated
 * @param measureAll             true: statistics over every request, throughput over the whole run (a benchmark
 *                               of {@code requestCount} requests, ramp-up and tail included); false: the steady
 *                               state, leaving out a warm-up and the drain at the end
 * @param sharedPrefixTokens     leading prompt tokens identical across requests
 * @param requestOverheadSeconds time before a request reaches the scheduler (HTTP, tokenizer); counted in TTFT
 * @param seed                   random seed: the same seed gives the same run
 */
public record SimulationSpec(StepTime physics, SchedulerPolicy policy, double kvCapacityTokens, Arrivals arrivals,
                             int requestCount, boolean measureAll, LengthDistribution inputTokens,
                             LengthDistribution outputTokens, int sharedPrefixTokens, double requestOverheadSeconds,
                             long seed) {

    public SimulationSpec {
        if (requestCount < 1) {
            throw new IllegalArgumentException("requestCount: must be >= 1");
        }
        if (!(kvCapacityTokens > 0)) {
            throw new IllegalArgumentException("kvCapacityTokens: must be > 0");
        }
    }
}
