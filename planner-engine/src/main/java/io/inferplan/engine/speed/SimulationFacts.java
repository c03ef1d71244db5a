package io.inferplan.engine.speed;

/**
 * How an answer was computed, and what the simulation saw (per replica).
 *
 * @param method                   "simulation" (the step-level scheduler simulator) or "analytic" (closed form)
 * @param scheduler                the framework policy stepped, e.g. "vLLM V1 scheduler (chunked prefill …)"
 * @param requestsSimulated        requests simulated per replica (0 for analytic answers)
 * @param requestsMeasured         requests the statistics cover (warm-up and drain left out in steady state)
 * @param seed                     random seed of the run (same seed, same answer)
 * @param meanBatchSize            time-averaged sequences decoding together
 * @param meanKvOccupancyFraction  time-averaged KV-cache use ÷ capacity
 * @param busyFraction             share of time the replica ran steps (not idle): the accelerators' busy share
 * @param preemptions              requests preempted for KV and recomputed
 * @param backlogGrowthPerSecond   growth of the backlog under open arrivals (≈ 0 when stable)
 * @param simulatedSeconds         simulated time
 */
public record SimulationFacts(String method, String scheduler, int requestsSimulated, int requestsMeasured,
                              long seed, double meanBatchSize, double meanKvOccupancyFraction, double busyFraction,
                              long preemptions, double backlogGrowthPerSecond, double simulatedSeconds) {

    public static SimulationFacts analytic(String scheduler) {
        return new SimulationFacts("analytic", scheduler, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                Double.NaN);
    }
}
