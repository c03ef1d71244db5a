package io.inferplan.plan.technique;

import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.technique.lora.LoraAnswer;
import io.inferplan.engine.technique.speculative.SpeculativeAnswer;
import io.inferplan.engine.technique.speculative.SpeculativeModel;

import java.util.List;

/** The engine's technique answers as the API's blocks (ms, GiB; NaN as null). No arithmetic beyond units. */
public final class TechniqueBlocks {
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;
    private static final double MIB = 1024.0 * 1024.0;

    private TechniqueBlocks() {
    }

    public static TechniquesBlock.Speculative speculative(SpeculativeAnswer a, String draftModel) {
        PerformanceEstimate with = a.with();
        PerformanceEstimate without = a.without();
        List<TechniquesBlock.SpeculativePoint> curve = a.curve().stream().map(TechniqueBlocks::point).toList();
        Integer breakEven = a.breakEvenConcurrency();
        int last = a.curve().isEmpty() ? 0 : a.curve().get(a.curve().size() - 1).concurrency();
        String note = breakEven != null ? "from " + breakEven + " concurrent requests on, speculation no longer raises "
                + "throughput (and lengthens mean latency)" : "speculation raises throughput up to " + last
                + " concurrent requests, the largest the KV cache holds within the curve";
        return new TechniquesBlock.Speculative(a.setup().method().id(), draftModel, a.setup().numSpeculativeTokens(),
                a.setup().acceptanceRate(), a.setup().acceptanceSource(), a.expectedTokensPerStep(),
                a.draftSecondsPerStep() * 1000, a.verifySecondsPerStep() * 1000, a.plainStepSeconds() * 1000,
                a.draftWeightsBytes() / GIB, Math.round(a.draftKvBytesPerToken()), (long) a.kvTokensPerReplicaWith(),
                (long) a.kvTokensPerReplicaWithout(), a.maxBatchWith(), a.maxBatchWithout(),
                finite(without.ttftMs().mean()), finite(without.tpotMs().mean()), finite(without.tpotMs().p95()),
                finite(without.outputTokensPerSecond()), finite(without.tpotMs().mean() / with.tpotMs().mean()),
                finite(with.outputTokensPerSecond() / without.outputTokensPerSecond()), breakEven, note, curve);
    }

    static TechniquesBlock.SpeculativePoint point(SpeculativeModel.Point p) {
        return new TechniquesBlock.SpeculativePoint(p.concurrency(), finite(p.outputTokensPerSecondWith()),
                finite(p.outputTokensPerSecondWithout()), ms(p.tpotSecondsWith()), ms(p.tpotSecondsWithout()),
                ms(p.tpotP95SecondsWith()), ms(p.tpotP95SecondsWithout()), ms(p.ttftSecondsWith()),
                ms(p.ttftSecondsWithout()), p.pays());
    }

    public static TechniquesBlock.Lora lora(LoraAnswer a, String hostLink) {
        var s = a.setup();
        var m = a.memory();
        List<TechniquesBlock.LoraPoint> curve = a.curve().stream().map(p -> new TechniquesBlock.LoraPoint(
                p.activeAdapters(), finite(p.outputTokensPerSecond()), ms(p.tpotSeconds()), ms(p.ttftSeconds()),
                p.missFraction(), p.batchCapFromSlots())).toList();
        return new TechniquesBlock.Lora(s.adapters(), s.rank(), s.targetModules(), s.maxLorasPerBatch(), s.maxCpuLoras(),
                s.defaultsSource(), Math.round(m.adapterParameters()), m.adapterBytes() / MIB,
                m.acceleratorAdapterBytes() / GIB, m.hostAdapterBytes() / GIB, m.adaptersThatFitOnAccelerators(),
                (long) m.kvTokensWithAdapters(), hostLink, a.swapSeconds() * 1000, a.missFraction(),
                a.batchCapFromSlots(), finite(a.without().outputTokensPerSecond()), finite(a.without().tpotMs().mean()),
                finite(a.without().ttftMs().mean()), curve);
    }

    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static Double ms(double seconds) {
        return finite(seconds * 1000);
    }
}
