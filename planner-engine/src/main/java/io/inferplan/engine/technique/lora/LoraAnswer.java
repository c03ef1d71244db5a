package io.inferplan.engine.technique.lora;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.TechniquePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Many LoRA adapters for one plan: memory (resident on the accelerators, in host memory, how many would fit), the
 * answer with the adapters and without, and throughput as the number of adapters in use grows.
 *
 * @param swapSeconds       one adapter's load over the host link
 * @param missFraction      share of requests whose adapter is loaded first, at the plan's adapter count
 * @param batchCapFromSlots batch the adapter slots allow (null: not limited)
 */
public record LoraAnswer(LoraSetup setup, LoraModel.Memory memory, double swapSeconds, double missFraction,
                         Integer batchCapFromSlots, PerformanceEstimate with, PerformanceEstimate without,
                         List<Point> curve, List<String> warnings) {

    /** The plan with {@code activeAdapters} adapters in use. */
    public record Point(int activeAdapters, double outputTokensPerSecond, double tpotSeconds, double ttftSeconds,
                        double missFraction, Integer batchCapFromSlots) {
    }

    public static LoraAnswer of(SpeedInput in, EfficiencyProfile profile, LoraSetup s) {
        ReplicaSetup rs = TechniquePath.replica(in, SpeedModel.efficiency(in, profile));
        LoraModel.Memory mem = LoraModel.memory(rs, s);
        RawPrediction raw = LoraModel.evaluate(rs, s);
        if (!raw.supported()) {
            throw new IllegalArgumentException(raw.unsupportedReason());
        }
        List<Point> curve = new ArrayList<>();
        TreeSet<Integer> counts = new TreeSet<>();
        for (int a = 1; a < s.adapters(); a *= 2) {
            counts.add(a);
        }
        counts.add(s.adapters());
        for (int a : counts) {
            RawPrediction p = a == s.adapters() ? raw : LoraModel.evaluate(rs, s.withAdapters(a));
            int cap = LoraModel.batchCapFromSlots(a, s.maxLorasPerBatch());
            curve.add(new Point(a, p.outputTokensPerSecond(), p.tpot().mean(), p.ttft().mean(),
                    LoraModel.missFraction(a, s.maxLorasPerBatch()), cap == Integer.MAX_VALUE ? null : cap));
        }
        int cap = LoraModel.batchCapFromSlots(s.adapters(), s.maxLorasPerBatch());
        double swap = LoraModel.swapSeconds(mem.adapterBytes(), s.hostLinkBytesPerSecond(), in.tensorParallel());
        List<String> warnings = new ArrayList<>();
        warnings.add(String.format(Locale.ROOT, "LoRA: %d adapters of rank %d on %s (%.1f MiB each); %d resident on "
                + "the accelerators, %d in host memory; adapters in use uniformly", s.adapters(), s.rank(),
                String.join(", ", s.targetModules()), mem.adapterBytes() / (1 << 20), s.maxLorasPerBatch(),
                s.maxCpuLoras()));
        if (s.adapters() > s.maxCpuLoras()) {
            warnings.add("more adapters than maxCpuLoras: the rest load from disk, which is not timed");
        }
        if (cap != Integer.MAX_VALUE) {
            warnings.add("with " + s.adapters() + " adapters and " + s.maxLorasPerBatch() + " slots per batch, about "
                    + cap + " requests can run at once in arrival order (a scheduler that skips ahead runs more, at the "
                    + "cost of fairness)");
        }
        return new LoraAnswer(s, mem, swap, LoraModel.missFraction(s.adapters(), s.maxLorasPerBatch()),
                cap == Integer.MAX_VALUE ? null : cap, SpeedModel.estimate(in, profile, raw),
                SpeedModel.predict(in, profile), curve, warnings);
    }
}
