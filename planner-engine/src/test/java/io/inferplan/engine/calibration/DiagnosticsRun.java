package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.SpeedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

/** Developer aid: in-sample fit and the rows it misses most (run with -Dinferplan.diagnostics=true). */
@EnabledIfSystemProperty(named = "inferplan.diagnostics", matches = "true")
class DiagnosticsRun {
    @Test
    void printWorstRows() {
        List<MeasurementCase> all = EfficiencyFitter.fittable(ReferenceCatalog.get().cases());
        EfficiencyProfile pr = EfficiencyProfile.priors();
        for (var mode : io.inferplan.engine.speed.WorkloadMode.values()) {
            List<MeasurementCase> sub = all.stream().filter(c -> c.input().workload().mode() == mode).toList();
            var effs = sub.stream().map(c -> pr.resolve(c.frameworkKey(), c.input().accelerator().architecture(),
                    FormatClass.of(c.input().weightFormat()))).toList();
            double sink = 0;
            long s0 = System.nanoTime();
            for (int k = 0; k < 200; k++) {
                for (int i = 0; i < sub.size(); i++) {
                    sink += sub.get(i).predicted(SpeedModel.evaluate(sub.get(i).input(), effs.get(i), false));
                }
            }
            System.out.printf("%s: %.2f us/eval (%d cases) %s%n", mode, (System.nanoTime() - s0) / 1e3 / (200.0 * sub.size()),
                    sub.size(), sink > 0 ? "" : "!");
        }
        long t0 = System.nanoTime();
        EfficiencyProfile p = EfficiencyFitter.fit("diag", all, "n/a", EfficiencyProfile.priors(), 100);
        System.out.println("fit ms " + (System.nanoTime() - t0) / 1_000_000 + " it " + EfficiencyFitter.lastIterations
                + " ev " + EfficiencyFitter.lastEvaluations + " model ms " + EfficiencyFitter.modelNanos / 1_000_000
                + " params " + EfficiencyFitter.lastParameterCount);
        for (EfficiencyProfile.Quantity q : EfficiencyProfile.Quantity.values()) {
            Double z = p.parameters().get(q.global());
            if (z != null) {
                System.out.printf("%s = %.4g (z %.3f)%n", q.global(), q.toNatural(z), z);
            }
        }
        System.out.println(p.resolve("vllm", io.inferplan.engine.spec.Architecture.NVIDIA_HOPPER, FormatClass.F16));
        System.out.println(p.resolve("tensorrt-llm", io.inferplan.engine.spec.Architecture.NVIDIA_HOPPER, FormatClass.FP8));
        System.out.println(p.resolve("llama.cpp", io.inferplan.engine.spec.Architecture.NVIDIA_AMPERE, FormatClass.GGUF));
        String filter = System.getProperty("inferplan.filter", "");
        all.stream().map(c -> {
            RawPrediction r = SpeedModel.evaluate(c.input(), p.resolve(c.frameworkKey(),
                    c.input().accelerator().architecture(), FormatClass.of(c.input().weightFormat())));
            double v = c.predicted(r);
            return new Object[] {c, v, Math.log(v / c.measured()), r};
        }).filter(o -> ((MeasurementCase) o[0]).row().sourceUrl().contains(filter))
                .sorted((a, b) -> Double.compare(Math.abs((double) b[2]), Math.abs((double) a[2])))
                .limit(Integer.getInteger("inferplan.limit", 40)).forEach(o -> {
                    MeasurementCase c = (MeasurementCase) o[0];
                    RawPrediction r = (RawPrediction) o[3];
                    var w = c.input().workload();
                    System.out.printf("%s %-12s %-14s %-5s %-18s x%d tp%d %s %d/%d c%d r%.1f %s meas %.4g pred %.4g  B=%.1f cap=%d kv=%d%n",
                            c.row().id(), c.frameworkKey(), c.row().model(), c.formatKey(), c.row().accelerator(),
                            c.input().acceleratorCount(), c.input().tensorParallel(), w.mode(), w.inputTokens(),
                            w.outputTokens(), w.concurrency(), w.requestsPerSecond(), c.metric(), c.measured(),
                            (double) o[1], r.batchSize(), r.schedulerCap(), r.kvCap());
                });
    }
}
