package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.technique.ValidationRows;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.inferplan.engine.speed.Fixture.acc;
import static io.inferplan.engine.speed.Fixture.fw;
import static io.inferplan.engine.speed.Fixture.model;
import static io.inferplan.engine.speed.Fixture.weights;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's disaggregation gains against published ones ({@code disaggregation-results.csv}, never fitted on):
 * goodput per accelerator of the row's xPyD pools ÷ that of its colocated replicas, each from the fleet sizer's
 * bisections on the simulator at the row's SLO. Prints the table, writes target/technique-validation/disaggregation.csv
 * and gates the median and p90 error at the figures reached.
 */
class DisaggregationValidationTest {
    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();
    /**
     * Median and p90 |error| reached on the shipped profile, plus about two points; only ever tightened by tuning.
     * Restated once upward (54.6 % → 56.0 % median) when the 2026-12-07 refit added a new physical quantity, the
     * served deployment's per-token overhead (100 µs per sequence per step, fitted on colocated served runs): the
     * decode pool's large batches pay it in full (55.9 % and 72.0 % reached; 27.4 % and 44.4 % if the decode pool did
     * not pay it), which points at the overhead overlapping the GPU step rather than adding to it (README).
     */
    static final double MEDIAN_GATE = 0.560;
    static final double P90_GATE = 0.732;

    @Test
    void publishedDisaggregationGainsAgainstTheEngine() {
        List<CSVRecord> rows = ValidationRows.read("disaggregation-results.csv");
        List<Double> errors = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (CSVRecord r : rows) {
            double low = Double.parseDouble(r.get("published_low"));
            double high = Double.parseDouble(r.get("published_high"));
            String line;
            try {
                double[] p = predict(r);
                double e = ValidationRows.error(p[0], low, high);
                errors.add(e);
                line = String.format(Locale.ROOT, "%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,", r.get("id"), r.get("model"),
                        r.get("accelerator"), low, high, p[0], e, p[1], p[2]);
            } catch (IllegalArgumentException refused) {
                line = String.format(Locale.ROOT, "%s,%s,%s,%.3f,%.3f,,,,,\"%s\"", r.get("id"), r.get("model"),
                        r.get("accelerator"), low, high, refused.getMessage().replace('"', '\''));
            }
            report.add(line);
        }
        String header = "id,model,accelerator,published_low,published_high,predicted,error,"
                + "disaggregated_req_per_s_per_accelerator,colocated_req_per_s_per_accelerator,refused";
        System.out.println(header);
        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "disaggregation gains: %d rows, %d predicted; |error| median %s, p90 %s%n",
                rows.size(), errors.size(), ValidationRows.pct(ValidationRows.absQuantile(errors, 0.5)),
                ValidationRows.pct(ValidationRows.absQuantile(errors, 0.9)));
        ValidationRows.write("disaggregation.csv", header, report);
        assertTrue(rows.size() >= 10, "at least 10 published rows, have " + rows.size());
        assertTrue(errors.size() >= 10, "every row predicted, refused: " + (rows.size() - errors.size()));
        assertTrue(ValidationRows.absQuantile(errors, 0.5) <= MEDIAN_GATE);
        assertTrue(ValidationRows.absQuantile(errors, 0.9) <= P90_GATE);
    }

    /** {ratio, disaggregated goodput per accelerator, colocated goodput per accelerator}. */
    static double[] predict(CSVRecord r) {
        int in = Integer.parseInt(r.get("input_tokens"));
        int out = Integer.parseInt(r.get("output_tokens"));
        PoolSizer.Slo slo = new PoolSizer.Slo(Double.parseDouble(r.get("ttft_p95_ms")) / 1000,
                null, Double.parseDouble(r.get("tpot_ms")) / 1000);
        int tpC = Integer.parseInt(r.get("colocated_tp"));
        int tpP = Integer.parseInt(r.get("prefill_tp"));
        int tpD = Integer.parseInt(r.get("decode_tp"));
        int x = Integer.parseInt(r.get("prefill_instances"));
        int y = Integer.parseInt(r.get("decode_instances"));
        double colocated = Goodput.colocatedRequestsPerSecond(pool(r, tpC, in, out), SHIPPED, slo) / tpC;
        KvLinks.KvLink link = KvLinks.shipped().get(r.get("kv_link")).orElseThrow();
        PoolSizer.Sizing s = PoolSizer.size(pool(r, tpP, in, 1), pool(r, tpD, in, out), link, SHIPPED, slo, 1);
        double disaggregated = Goodput.disaggregatedRequestsPerSecond(s, x, y) / (x * tpP + y * tpD);
        return new double[] {disaggregated / colocated, disaggregated, colocated};
    }

    static SpeedInput pool(CSVRecord r, int tp, int in, int out) {
        SpeedWorkload w = SpeedWorkload.arrivalRate(in, out, 1);
        MemoryInput mi = new MemoryInput(model(r.get("model")), weights(r.get("weight_format")), null,
                acc(r.get("accelerator")), fw(r.get("framework")), w.toSpec(), new Parallelism(tp, 1, 1),
                ServingSetup.defaults());
        return SpeedInput.from(mi, MemoryModel.evaluate(mi));
    }
}
