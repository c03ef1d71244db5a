package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.CrossValidation;
import io.inferplan.engine.calibration.EfficiencyFitter;
import io.inferplan.engine.calibration.MeasurementCase;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

/**
 * Developer aid: the rows the shipped profile (or an in-sample refit with -Dinferplan.refitInSample=true) misses
 * most. Run with -Dinferplan.diagnostics=true; -Dinferplan.filter=&lt;publisher or framework&gt; narrows the list.
 */
@EnabledIfSystemProperty(named = "inferplan.diagnostics", matches = "true")
class DiagnosticsRun {
    @Test
    void printWorstRows() {
        List<MeasurementCase> all = Corpus.shipped().modelled;
        EfficiencyProfile p = EfficiencyProfileCsv.shipped();
        if (Boolean.getBoolean("inferplan.refitInSample")) {
            long t0 = System.nanoTime();
            p = EfficiencyFitter.fit("diag", all, "n/a", EfficiencyProfile.priors(), 40);
            System.out.println("in-sample fit " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        EfficiencyProfile profile = p;
        String filter = System.getProperty("inferplan.filter", "");
        List<CrossValidation.Outcome> out = all.parallelStream()
                .filter(c -> c.publisher().contains(filter) || c.frameworkKey().contains(filter))
                .map(c -> new CrossValidation.Outcome(c, CrossValidation.predict(c, profile), true)).toList();
        System.out.println("in-sample " + CrossValidation.summarize(out));
        StringBuilder sb = new StringBuilder();
        AccuracyReportTest.section(sb, "framework", CrossValidation.by(out, o -> o.c().frameworkKey()));
        AccuracyReportTest.section(sb, "metric", CrossValidation.by(out, o -> o.c().metric().name()));
        AccuracyReportTest.section(sb, "mode", CrossValidation.by(out, o -> o.c().input().workload().mode().name()));
        AccuracyReportTest.section(sb, "publisher", CrossValidation.by(out, o -> o.c().publisher()));
        System.out.println(sb);
        String dump = System.getProperty("inferplan.dump");
        if (dump != null) {
            writeRows(out, java.nio.file.Path.of(dump));
        }
        out.stream().sorted((a, b) -> Double.compare(Math.abs(b.logRatio()), Math.abs(a.logRatio())))
                .limit(Integer.getInteger("inferplan.limit", 40)).forEach(o -> {
                    MeasurementCase c = o.c();
                    var w = c.input().workload();
                    System.out.printf("%s %-12s %-22s %-5s %-16s x%d tp%d %s %d/%d c%d r%.2f %s %s meas %.4g pred %.4g%n",
                            c.row().id(), c.frameworkKey(), c.row().model(), c.formatKey(), c.row().accelerator(),
                            c.input().acceleratorCount(), c.input().tensorParallel(), w.mode(), w.inputTokens(),
                            w.outputTokens(), w.concurrency(), w.requestsPerSecond(), c.metric(), c.row().statistic(),
                            c.measured(), o.predicted());
                });
    }

    /** Every row's workload, measured and predicted value, for analysis in a spreadsheet (-Dinferplan.dump=file.csv). */
    private static void writeRows(List<CrossValidation.Outcome> out, java.nio.file.Path file) {
        try (var csv = new org.apache.commons.csv.CSVPrinter(java.nio.file.Files.newBufferedWriter(file),
                org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader("id", "publisher", "framework", "model",
                        "format", "accelerator", "count", "tp", "mode", "input", "output", "concurrency", "rps",
                        "inputSpread", "outputSpread", "shape", "metric", "statistic", "measured", "predicted").build())) {
            for (CrossValidation.Outcome o : out) {
                MeasurementCase c = o.c();
                var w = c.input().workload();
                csv.printRecord(c.row().id(), c.publisher(), c.frameworkKey(), c.row().model(), c.formatKey(),
                        c.row().accelerator(), c.input().acceleratorCount(), c.input().tensorParallel(), w.mode(),
                        w.inputTokens(), w.outputTokens(), w.concurrency(), w.requestsPerSecond(), w.inputTokensSpread(),
                        w.outputTokensSpread(), w.lengthShape(), c.metric(), c.row().statistic(), c.measured(), o.predicted());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
