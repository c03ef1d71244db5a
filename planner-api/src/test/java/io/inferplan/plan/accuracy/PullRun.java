package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.EfficiencyFitter;
import io.inferplan.engine.calibration.MeasurementCase;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Developer aid: which rows hold one fitted parameter of the shipped profile where it is, summed per publisher,
 * model, metric and statistic. Run with -Dinferplan.pull=req.fw.sglang (any name of fitted-efficiency.csv).
 */
@EnabledIfSystemProperty(named = "inferplan.pull", matches = ".+")
class PullRun {
    @Test
    void printPulls() {
        String parameter = System.getProperty("inferplan.pull");
        List<MeasurementCase> all = Corpus.shipped().modelled;
        double[] pull = EfficiencyFitter.pulls(all, EfficiencyProfileCsv.shipped(), parameter, 0.05);
        Map<String, double[]> groups = new TreeMap<>();
        double total = 0;
        for (int i = 0; i < all.size(); i++) {
            if (Double.isNaN(pull[i]) || pull[i] == 0) {
                continue;
            }
            MeasurementCase c = all.get(i);
            double[] g = groups.computeIfAbsent(c.publisher() + " | " + c.row().model() + " | " + c.metric() + " | "
                    + c.row().statistic(), k -> new double[2]);
            g[0] += pull[i];
            g[1]++;
            total += pull[i];
        }
        System.out.printf("%s: rows' pulls sum to %.3f (positive: wanted smaller)%n", parameter, total);
        groups.entrySet().stream().sorted(Comparator.comparingDouble(e -> -Math.abs(e.getValue()[0])))
                .limit(Integer.getInteger("inferplan.limit", 30))
                .forEach(e -> System.out.printf("%8.3f  %3.0f rows  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
    }
}
