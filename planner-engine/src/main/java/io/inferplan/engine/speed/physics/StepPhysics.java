package io.inferplan.engine.speed.physics;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.speed.Efficiency;

/**
 * The one place where physics lives: the duration of one scheduler step of one replica (tensorParallel ×
 * pipelineParallel accelerators) as a function of what the step carries. The simulator calls it per step; the
 * analytic path calls it for a representative step. Built once per configuration; every method is allocation-free.
 *
 * <p>A step carries {@code d} decoding sequences whose contexts add up to {@code S} tokens and {@code P} prefill
 * tokens whose attention spans {@code pairs} query–key pairs (Σ L²/2 + L·p over the prefill chunks, L new tokens
 * after p already in the cache). With T = d + P tokens in the step:
 * <ul>
 * <li>linear layers (the GEMMs), one pass over the weights: max(weight bytes read(T) ÷ effective bandwidth,
 *     2 × active params × (d ÷ decode FLOP/s + P ÷ prefill FLOP/s) ÷ TP) — roofline of one fused batch;</li>
 * <li>decode attention: S × max(KV bytes per token ÷ effective bandwidth, attention FLOPs per context token ÷
 *     decode FLOP/s) — reads every running request's KV cache;</li>
 * <li>prefill attention: pairs × 4 × kvLayers × heads × head dim ÷ prefill FLOP/s (FlashAttention: compute-bound);</li>
 * <li>overheads: a fixed step overhead + d × per-sequence CPU overhead;</li>
 * <li>tensor-parallel all-reduce (2 per layer, ring): per-hop latency × log2(TP) + 2(TP−1)/TP × T × hidden × 2 B
 *     ÷ effective link bandwidth (NVLink vs PCIe vs across nodes, engine.md "Lessons").</li>
 * </ul>
 * Attention and GEMMs are separate kernels, so their times add. Pipeline stages are modelled as sequential (no
 * micro-batch overlap). MoE: shared weights plus the routed experts the step's tokens touch, 1 − (1 − k/E)^T of them.
 * llama.cpp-family servers split a batch into physical micro-batches ({@code microBatchTokens}, its ubatch), each of
 * which reads the weights again.
 */
public final class StepPhysics {
    /** Bytes per activation element exchanged in all-reduce (BF16). */
    static final double ACTIVATION_BYTES = 2.0;
    /** PCIe Gen4 x16 one direction, used when the catalog gives no link bandwidth (32 GB/s). */
    static final double FALLBACK_PCIE_BYTES_PER_SECOND = 32e9;
    /** NVLink 3 one direction (300 GB/s, A100), used when the catalog names NVLink without a figure. */
    static final double FALLBACK_NVLINK_BYTES_PER_SECOND = 300e9;
    /** Accelerators one NVLink domain holds in an HGX/DGX node. */
    public static final int GPUS_PER_NODE = 8;
    /** One 400 Gb/s InfiniBand/RoCE NIC per GPU, one direction. */
    static final double INTER_NODE_BYTES_PER_SECOND = 50e9;

    private final int tp;
    private final int pp;
    private final double sharedParams;
    private final double expertParams;
    private final int experts;
    private final double expertMissFraction;
    private final double activeParams;
    private final double bytesPerWeight;
    private final double kvBytesPerTokenPerAccelerator;
    private final double attentionFlopsPerQueryKeyPair;
    private final int layers;
    private final double hidden;
    private final double effectiveBandwidth;
    private final double effectiveDecodeFlops;
    private final double effectivePrefillFlops;
    private final double stepOverhead;
    private final double sequenceOverhead;
    private final double allReduceLatencyPerStep;
    private final double linkBandwidth;
    private final double decodeSecondsPerContextToken;
    private final int microBatchTokens;
    private final boolean flopsSubstituted;

    /**
     * @param bitsPerWeight    whole-model effective bits per weight after the format's per-tensor mix
     * @param kvBytesPerToken  KV bytes one token occupies in the whole model (all KV layers)
     * @param peakFlops        datasheet dense FLOP/s the format's GEMMs run at (0 = unknown: substituted)
     * @param link             the device link tensor parallelism uses
     * @param microBatchTokens physical micro-batch (llama.cpp ubatch) that re-reads the weights, 0 = none
     * @param cudaGraphs       false when the run disables CUDA graphs: each step pays a launch overhead per layer
     * @param served           the deployment streams tokens through an HTTP API server (not an in-process harness):
     *                         each decoding sequence also costs the serving per-token overhead every step
     */
    public StepPhysics(ModelSpec m, double bitsPerWeight, double kvBytesPerToken, AcceleratorSpec acc,
                       double peakFlops, AcceleratorSpec.Interconnect link, int tp, int pp, Efficiency e,
                       int microBatchTokens, boolean cudaGraphs, boolean served) {
        this.tp = tp;
        this.pp = pp;
        this.experts = m.experts();
        this.expertMissFraction = m.experts() == 0 ? 1 : 1.0 - (double) m.expertsPerToken() / m.experts();
        this.activeParams = m.activeParameters();
        if (m.isMoe() && m.experts() > m.expertsPerToken()) {
            double perExpert = (m.totalParameters() - m.activeParameters()) / (m.experts() - m.expertsPerToken());
            this.expertParams = perExpert;
            this.sharedParams = Math.max(0, m.activeParameters() - m.expertsPerToken() * perExpert);
        } else {
            this.expertParams = 0;
            this.sharedParams = m.activeParameters();
        }
        this.bytesPerWeight = bitsPerWeight / 8.0;
        // KV heads split across TP ranks; fewer KV heads than ranks are replicated; MLA's latent is replicated.
        double kvShare = m.attention() == AttentionKind.MLA ? 1.0 : 1.0 / Math.min(tp, m.kvHeads());
        this.kvBytesPerTokenPerAccelerator = kvBytesPerToken * kvShare / pp;
        int kvHeadDim = m.attention() == AttentionKind.MLA ? m.mlaKvLoraRank() + m.mlaQkRopeHeadDim() : m.headDim();
        // QK^T and PV: 2 FLOPs per multiply-add, twice: 4 × layers × heads × head dim per query–key pair
        this.attentionFlopsPerQueryKeyPair = 4.0 * m.kvLayers() * m.attentionHeads() * kvHeadDim;
        this.layers = m.layers();
        this.hidden = m.hiddenSize();
        this.effectiveBandwidth = acc.memoryBandwidthBytesPerSecond() * e.bandwidthFraction();
        double peak = peakFlops;
        this.flopsSubstituted = peak <= 0;
        if (peak <= 0) {
            peak = acc.memoryBandwidthBytesPerSecond() * e.substituteFlopsPerByte();
        }
        this.effectiveDecodeFlops = peak * e.decodeComputeFraction();
        this.effectivePrefillFlops = peak * e.prefillComputeFraction();
        this.stepOverhead = e.stepOverheadSeconds() + (cudaGraphs ? 0 : e.eagerLayerOverheadSeconds() * m.layers());
        this.sequenceOverhead = e.sequenceOverheadSeconds() + (served ? e.servingTokenOverheadSeconds() : 0);
        this.microBatchTokens = microBatchTokens;
        // Beyond one 8-GPU node the ring crosses the network: PCIe-class latency and 400 Gb/s (50 GB/s) per GPU.
        boolean crossNode = tp > GPUS_PER_NODE;
        boolean fast = !crossNode && (link == AcceleratorSpec.Interconnect.NVLINK
                || link == AcceleratorSpec.Interconnect.INFINITY_FABRIC);
        double hopLatency = fast ? e.allReduceLatencyNvlinkSeconds() : e.allReduceLatencyPcieSeconds();
        this.allReduceLatencyPerStep = tp <= 1 ? 0 : 2.0 * layers * hopLatency * Math.log(tp) / Math.log(2);
        double catalogBw = acc.linkBandwidthBytesPerSecond();
        double linkBw;
        if (crossNode) {
            linkBw = INTER_NODE_BYTES_PER_SECOND;
        } else if (fast) {
            linkBw = catalogBw > 0 ? catalogBw : FALLBACK_NVLINK_BYTES_PER_SECOND;
        } else {
            linkBw = acc.interconnect() == AcceleratorSpec.Interconnect.PCIE && catalogBw > 0 ? catalogBw
                    : FALLBACK_PCIE_BYTES_PER_SECOND;
        }
        this.linkBandwidth = linkBw * (fast ? e.linkFraction() : e.pcieLinkFraction());
        // per context token of a decoding sequence: its KV read, or its attention FLOPs, whichever binds
        this.decodeSecondsPerContextToken = Math.max(kvBytesPerTokenPerAccelerator * pp / effectiveBandwidth,
                attentionFlopsPerQueryKeyPair / (tp * effectiveDecodeFlops));
    }

    /** Query–key pairs of prefilling {@code newTokens} after {@code priorTokens} already in the cache: L²/2 + L·p. */
    public static double attentionPairs(double newTokens, double priorTokens) {
        return newTokens * newTokens / 2.0 + newTokens * priorTokens;
    }

    /**
     * Duration of one step, seconds.
     *
     * @param decodeSequences     sequences producing one token each
     * @param decodeContextTokens sum of those sequences' context lengths (tokens in their KV caches)
     * @param prefillTokens       prompt tokens processed in this step (all chunks)
     * @param prefillPairs        query–key pairs of those chunks (see {@link #attentionPairs})
     */
    public double stepSeconds(double decodeSequences, double decodeContextTokens, double prefillTokens,
                              double prefillPairs) {
        double tokens = decodeSequences + prefillTokens;
        if (tokens <= 0) {
            return 0;
        }
        double weightPasses = 1;
        double tokensPerPass = tokens;
        if (microBatchTokens > 0 && tokens > microBatchTokens) {
            weightPasses = Math.ceil(tokens / microBatchTokens);
            tokensPerPass = microBatchTokens;
        }
        double weightSeconds = weightPasses * weightBytesRead(tokensPerPass) / effectiveBandwidth * pp;
        double gemmSeconds = 2.0 * activeParams * (decodeSequences / effectiveDecodeFlops
                + prefillTokens / effectivePrefillFlops) / tp;
        return Math.max(weightSeconds, gemmSeconds)
                + decodeContextTokens * decodeSecondsPerContextToken
                + prefillPairs * attentionFlopsPerQueryKeyPair / (tp * effectivePrefillFlops)
                + stepOverhead + decodeSequences * sequenceOverhead
                + allReduceSeconds(tokens);
    }

    /** A decode-only step of b sequences at mean context c: {@code stepSeconds(b, b·c, 0, 0)}. */
    public double decodeStepSeconds(double b, double meanContext) {
        return stepSeconds(b, b * meanContext, 0, 0);
    }

    /** The part of a decode-only step of d sequences that does not grow with their context, seconds. */
    public double decodeConstantSeconds(double d) {
        return stepSeconds(d, 0, 0, 0);
    }

    /** What one more token of context in a decode step costs, seconds (the step is linear in context). */
    public double decodeSecondsPerContextToken() {
        return decodeSecondsPerContextToken;
    }

    /**
     * One request's prompt prefilled alone: {@code newTokens} after {@code cachedTokens} (prefix-cache hits) in
     * chunks of {@code chunkTokens} (0 = one step), seconds.
     */
    public double prefillSeconds(double newTokens, double cachedTokens, int chunkTokens) {
        if (chunkTokens <= 0 || newTokens <= chunkTokens) {
            return stepSeconds(0, 0, newTokens, attentionPairs(newTokens, cachedTokens));
        }
        double full = Math.floor(newTokens / chunkTokens);
        double rest = newTokens - full * chunkTokens;
        // attention over all chunks adds up to the unchunked pairs; only the per-step terms repeat
        double perChunk = stepSeconds(0, 0, chunkTokens, 0);
        double last = rest > 0 ? stepSeconds(0, 0, rest, 0) : 0;
        return full * perChunk + last
                + attentionPairs(newTokens, cachedTokens) * attentionFlopsPerQueryKeyPair / (tp * effectivePrefillFlops);
    }

    /** Weight bytes one accelerator reads in one pass over a batch of {@code tokens} tokens. */
    public double weightBytesRead(double tokens) {
        double params = sharedParams;
        if (experts > 0) {
            params += expertParams * experts * (1.0 - Math.pow(expertMissFraction, Math.max(1.0, tokens)));
        }
        return params * bytesPerWeight / (tp * pp);
    }

    /** Time of the all-reduces of one step of {@code tokens} tokens (2 per layer): latency + bytes, seconds. */
    public double allReduceSeconds(double tokens) {
        if (tp <= 1) {
            return 0;
        }
        double bytes = 2.0 * (tp - 1) / tp * tokens * hidden * ACTIVATION_BYTES;
        return allReduceLatencyPerStep + 2.0 * layers * bytes / linkBandwidth;
    }

    /** KV bytes per token on one accelerator (after the TP split and the PP layer split). */
    public double kvBytesPerTokenPerAccelerator() {
        return kvBytesPerTokenPerAccelerator;
    }

    /** True when the accelerator has no datasheet FLOPS and a fitted FLOP-per-byte stood in. */
    public boolean flopsSubstituted() {
        return flopsSubstituted;
    }
}
