package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanResponse;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency distribution of a plan's answer as the result page, the PDF and the workbook show it: mean and
 * percentiles of TTFT, TPOT and end-to-end latency, how they were computed, and what the simulation saw.
 * Values are the evaluate answer's own fields; a null is a cell the answer has no value for.
 *
 * @param method   one sentence: simulated (how many requests, which scheduler, seed) or closed form
 * @param facts    the simulation's facts (mean batch, KV occupancy, busy share, preemptions); empty when not simulated
 * @param exceeds  the arrival rate exceeds capacity (no TTFT or end-to-end latency then)
 */
public record LatencyTable(List<Row> rows, String method, List<Fact> facts, boolean exceeds) {

    /**
     * One latency quantity; {@code id} names the page's table row ({@code lat-ttft}, …), {@code field} the answer's
     * fields ({@code ttft} → {@code ttftMs}, {@code ttftP50Ms}, …).
     */
    public record Row(String id, String field, String name, Double meanMs, Double p50Ms, Double p90Ms, Double p95Ms,
                      Double p99Ms) {

        /** The statistic names of the answer's fields, in column order, beside their values (nulls kept). */
        public List<Map.Entry<String, Double>> byField() {
            List<Map.Entry<String, Double>> out = new ArrayList<>();
            String[] names = {"Ms", "P50Ms", "P90Ms", "P95Ms", "P99Ms"};
            Double[] values = {meanMs, p50Ms, p90Ms, p95Ms, p99Ms};
            for (int i = 0; i < names.length; i++) {
                out.add(new AbstractMap.SimpleEntry<>(field + names[i], values[i]));
            }
            return out;
        }
    }

    /** One simulation fact: the answer's field ({@code simulation.meanBatchSize}, …), its label, as shown, its value. */
    public record Fact(String field, String label, String shown, double value) {
    }

    public static LatencyTable of(PlanResponse.PerformanceBlock p) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("ttft", "ttft", "Time to first token", p.ttftMs(), p.ttftP50Ms(), p.ttftP90Ms(), p.ttftP95Ms(),
                p.ttftP99Ms()));
        rows.add(new Row("tpot", "tpot", "Time per output token", p.tpotMs(), p.tpotP50Ms(), p.tpotP90Ms(), p.tpotP95Ms(),
                p.tpotP99Ms()));
        rows.add(new Row("e2e", "e2eLatency", "End-to-end latency", p.e2eLatencyMs(), p.e2eLatencyP50Ms(), p.e2eLatencyP90Ms(),
                p.e2eLatencyP95Ms(), p.e2eLatencyP99Ms()));
        if (p.interTokenLatencyP50Ms() != null || p.interTokenLatencyP99Ms() != null) {
            rows.add(new Row("itl", "interTokenLatency", "Gap between two tokens", null, p.interTokenLatencyP50Ms(), null, null,
                    p.interTokenLatencyP99Ms()));
        }
        PlanResponse.SimulationBlock s = p.simulation();
        return new LatencyTable(List.copyOf(rows), method(s), facts(s), Boolean.TRUE.equals(p.exceedsCapacity()));
    }

    static String method(PlanResponse.SimulationBlock s) {
        if (s == null) {
            return "Closed form (analytic model): no requests were simulated.";
        }
        if (!simulated(s)) {
            return "Closed form (analytic model) of the " + s.scheduler() + ": no requests were simulated; where every "
                    + "request is alike (one request at a time) each percentile equals the mean, otherwise only the "
                    + "mean is given.";
        }
        return String.format(Locale.ROOT, "Simulated: %,d requests per replica stepped through the %s, seed %d; the "
                        + "mean and percentiles are over the %,d requests measured after warm-up.",
                s.requestsSimulatedPerReplica(), s.scheduler(), s.seed(), s.requestsMeasuredPerReplica());
    }

    static List<Fact> facts(PlanResponse.SimulationBlock s) {
        if (s == null || !simulated(s)) {
            return List.of();
        }
        List<Fact> out = new ArrayList<>();
        if (s.meanBatchSize() != null) {
            out.add(new Fact("meanBatchSize", "Mean batch (requests running per step)",
                    String.format(Locale.ROOT, "%,.1f", s.meanBatchSize()), s.meanBatchSize()));
        }
        if (s.meanKvOccupancyFraction() != null) {
            out.add(percent("meanKvOccupancyFraction", "Mean KV-cache occupancy", s.meanKvOccupancyFraction()));
        }
        if (s.busyFraction() != null) {
            out.add(percent("busyFraction", "Busy share (time with work on the accelerators)", s.busyFraction()));
        }
        out.add(new Fact("preemptions", "Preemptions (requests evicted and recomputed)",
                String.format(Locale.ROOT, "%,d", s.preemptions()), s.preemptions()));
        return List.copyOf(out);
    }

    private static boolean simulated(PlanResponse.SimulationBlock s) {
        return "simulation".equals(s.method());
    }

    private static Fact percent(String field, String label, double fraction) {
        return new Fact(field, label, String.format(Locale.ROOT, "%.1f %%", fraction * 100), fraction);
    }
}
