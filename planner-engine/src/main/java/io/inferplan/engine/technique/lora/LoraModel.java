package io.inferplan.engine.technique.lora;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.TechniquePath;

/**
 * Memory and speed of a replica serving many LoRA adapters.
 * <ul>
 * <li>Adapter bytes: {@link LoraShapes#parameters} × 2 B (the adapters run in the model dtype, vLLM's
 *     {@code lora_dtype = auto}).</li>
 * <li>Resident: {@code maxLorasPerBatch} adapters on the accelerators, taken from the KV cache; the rest in host
 *     memory up to {@code maxCpuLoras}, beyond that on disk.</li>
 * <li>Swaps: with A adapters in use and G slots, a request finds its adapter resident with probability G ÷ A (uniform
 *     popularity; LRU keeps G of them), so a fraction 1 − G/A of requests load theirs over the host link first:
 *     adapter bytes ÷ (host link × tensor-parallel ranks, each copying its shard), before its prompt.</li>
 * <li>Batch: the scheduler admits a request only while its adapter fits the batch's G slots; in arrival order the
 *     batch holds the b requests whose expected distinct adapters A(1 − (1 − 1/A)^b) stay within G —
 *     b = ln(1 − G/A) ÷ ln(1 − 1/A) (unlimited when A ≤ G).</li>
 * <li>Steps: {@link LoraStep}.</li>
 * </ul>
 */
public final class LoraModel {
    static final double BYTES_PER_ELEMENT = 2.0;

    private LoraModel() {
    }

    /** What the adapters cost one replica, before any traffic. */
    public record Memory(double adapterParameters, double adapterBytes, double acceleratorAdapterBytes,
                         double hostAdapterBytes, double kvTokensWithAdapters, long adaptersThatFitOnAccelerators) {
    }

    public static Memory memory(ReplicaSetup rs, LoraSetup s) {
        ModelSpec m = rs.input().model();
        double params = LoraShapes.parameters(m, s.rank(), s.modules());
        double bytes = params * BYTES_PER_ELEMENT;
        double kvPerToken = TechniquePath.kvBytesPerTokenPerReplica(rs);
        double kvBudget = rs.kvCapacityTokens() * kvPerToken;
        double onAccelerators = s.maxLorasPerBatch() * bytes;
        double request = (rs.input().workload().inputTokens() + rs.input().workload().outputTokens()) * kvPerToken;
        long fit = (long) Math.max(0, Math.floor((kvBudget - request) / bytes));
        return new Memory(params, bytes, onAccelerators, s.maxCpuLoras() * bytes,
                (kvBudget - onAccelerators) / kvPerToken, fit);
    }

    /** Share of requests whose adapter must be loaded first: 1 − G/A, 0 when every active adapter has a slot. */
    public static double missFraction(int activeAdapters, int slots) {
        return activeAdapters <= slots ? 0 : 1.0 - (double) slots / activeAdapters;
    }

    /** One adapter's load over the host link, seconds (each tensor-parallel rank copies its shard in parallel). */
    public static double swapSeconds(double adapterBytes, double hostLinkBytesPerSecond, int tensorParallel) {
        return adapterBytes / (hostLinkBytesPerSecond * tensorParallel);
    }

    /** The batch the adapter slots allow in arrival order (Integer.MAX_VALUE when every adapter has a slot). */
    public static int batchCapFromSlots(int activeAdapters, int slots) {
        if (activeAdapters <= slots) {
            return Integer.MAX_VALUE;
        }
        double a = activeAdapters;
        double b = Math.log(1 - slots / a) / Math.log(1 - 1 / a);
        return Math.max(slots, (int) Math.floor(b + 1e-9));
    }

    /** The replica with its adapters: smaller KV cache, capped batch, adapter steps. */
    public static RawPrediction evaluate(ReplicaSetup rs, LoraSetup s) {
        Memory mem = memory(rs, s);
        if (mem.kvTokensWithAdapters() < rs.input().workload().inputTokens() + rs.input().workload().outputTokens()) {
            return RawPrediction.unsupportedBecause("serving.lora.maxLorasPerBatch: " + s.maxLorasPerBatch()
                    + " resident adapters of " + Math.round(mem.adapterBytes() / (1 << 20)) + " MiB leave no KV cache "
                    + "for one request");
        }
        ReplicaSetup limited = TechniquePath.withLimits(rs, mem.kvTokensWithAdapters(),
                batchCapFromSlots(s.adapters(), s.maxLorasPerBatch()));
        return TechniquePath.evaluate(limited, step(rs, s, mem));
    }

    static LoraStep step(ReplicaSetup rs, LoraSetup s, Memory mem) {
        var in = rs.input();
        int tp = in.tensorParallel();
        Efficiency e = rs.efficiency();
        double bandwidth = in.accelerator().memoryBandwidthBytesPerSecond() * e.bandwidthFraction();
        double peak = ReplicaSetup.peakFlops(in.accelerator(), FormatClass.of(in.weightFormat()));
        double flops = (peak > 0 ? peak : in.accelerator().memoryBandwidthBytesPerSecond() * e.substituteFlopsPerByte())
                * e.decodeComputeFraction();
        double swapPerPromptToken = missFraction(s.adapters(), s.maxLorasPerBatch())
                * swapSeconds(mem.adapterBytes(), s.hostLinkBytesPerSecond(), tp) / Math.max(1, rs.newTokens());
        return new LoraStep(rs.physics(), mem.adapterBytes() / tp, 2.0 * mem.adapterParameters() / tp, bandwidth,
                flops, s.adapters(), s.maxLorasPerBatch(), swapPerPromptToken);
    }
}
