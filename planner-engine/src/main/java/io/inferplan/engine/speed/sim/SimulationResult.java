package io.inferplan.engine.speed.sim;

/**
 * What one replica's simulation measured. Times are seconds.
 *
 * @param requestsMeasured         requests the statistics cover
 * @param ttft                     time to first token (arrival → first token, queueing included)
 * @param tpot                     time per output token of each request: (last − first token) ÷ (output − 1)
 * @param interTokenLatency        every gap between two tokens of a request (what streaming clients see)
 * @param e2eLatency               arrival → last token
 * @param queueWait                time in the scheduler's queue: from reaching it (arrival + request overhead) to admission
 * @param outputTokensPerSecond    output tokens per second over the measured span
 * @param requestsPerSecond        completed requests per second over the measured span
 * @param meanBatchSize            time-averaged number of sequences decoding together
 * @param meanKvOccupancyFraction  time-averaged KV-cache use ÷ capacity
 * @param busyFraction             share of the simulated time the replica was running steps (not idle)
 * @param preemptions              requests preempted (KV ran out) and recomputed later
 * @param backlogGrowthPerSecond   open arrivals: growth of the requests waiting or running over the second half of
 *                                 the arrivals (≈ 0 when stable; arrival rate − capacity when overloaded)
 * @param simulatedSeconds         simulated time
 * @param steps                    scheduler steps simulated (fast-forwarded ones included)
 */
public record SimulationResult(int requestsMeasured, LatencySummary ttft, LatencySummary tpot,
                               LatencySummary interTokenLatency, LatencySummary e2eLatency, LatencySummary queueWait,
                               double outputTokensPerSecond, double requestsPerSecond, double meanBatchSize,
                               double meanKvOccupancyFraction, double busyFraction, long preemptions,
                               double backlogGrowthPerSecond, double simulatedSeconds, long steps) {
}
