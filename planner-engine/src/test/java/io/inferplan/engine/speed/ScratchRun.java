package io.inferplan.engine.speed;

import io.inferplan.engine.spec.ServingSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static io.inferplan.engine.speed.Fixture.plan;

@EnabledIfSystemProperty(named = "inferplan.scratch", matches = "true")
class ScratchRun {
    @Test
    void run() {
        EfficiencyProfile prof = EfficiencyProfileCsv.shipped();
        ServingSetup d = ServingSetup.defaults();
        for (String fw : new String[] {"vllm", "sglang", "tensorrt-llm", "lmdeploy", "tgi"}) {
            for (int c : new int[] {1, 8, 64, 256}) {
                SpeedInput in = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, fw,
                        SpeedWorkload.fixedConcurrency(1024, 256, c), d);
                var e = prof.resolve(fw, in.accelerator().architecture(), FormatClass.of(in.weightFormat()));
                RawPrediction s = SpeedModel.evaluate(in, e);
                for (int i = 0; i < 5; i++) SpeedModel.evaluate(in, e);
                long t0 = System.nanoTime();
                for (int i = 0; i < 10; i++) s = SpeedModel.evaluate(in, e);
                long t1 = System.nanoTime();
                t1 = t0 + (t1 - t0) / 10;
                System.out.print("steps=" + s.simulation().requestsSimulated() + "/" + s.simulation().simulatedSeconds() + " ");
                RawPrediction a = SpeedModel.analytic(in, e, true);
                System.out.printf("%-13s c=%4d sim %.2fms: tok/s %8.0f ttft %8.1f (p99 %8.1f) tpot %6.2f (p99 %6.2f) batch %.1f | analytic tok/s %8.0f ttft %8.1f tpot %6.2f  %s%n",
                        fw, c, (t1 - t0) / 1e6, s.outputTokensPerSecond(), s.ttft().mean() * 1e3, s.ttft().p99() * 1e3,
                        s.tpot().mean() * 1e3, s.tpot().p99() * 1e3, s.batchSize(), a.outputTokensPerSecond(),
                        a.ttft().mean() * 1e3, a.tpot().mean() * 1e3, s.simulation().scheduler());
            }
        }
        for (double rps : new double[] {1, 5, 10, 20, 30, 40, 60}) {
            SpeedInput in = plan("llama-3.1-8b", "bf16", "bf16", "h100-sxm", 1, "vllm",
                    SpeedWorkload.arrivalRate(1024, 256, rps), d);
            var e = prof.resolve("vllm", in.accelerator().architecture(), FormatClass.of(in.weightFormat()));
            long t0 = System.nanoTime();
            RawPrediction s = SpeedModel.evaluate(in, e);
            long t1 = System.nanoTime();
            RawPrediction a = SpeedModel.analytic(in, e, true);
            System.out.printf("rps %5.1f sim %.2fms exceeds %s growth %.2f ttft %.1f p95 %.1f tpot %.2f batch %.1f | analytic ttft %.1f p95 %.1f tpot %.2f sat %.0f%n",
                    rps, (t1 - t0) / 1e6, s.exceedsCapacity(), s.simulation().backlogGrowthPerSecond(),
                    s.ttft().mean() * 1e3, s.ttft().p95() * 1e3, s.tpot().mean() * 1e3, s.batchSize(),
                    a.ttft().mean() * 1e3, a.ttft().p95() * 1e3, a.tpot().mean() * 1e3, a.saturatedOutputTokensPerSecond());
        }
    }
}
