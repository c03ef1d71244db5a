package io.inferplan.engine.speed;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;

/**
 * Roofline step times of one replica (tensorParallel × pipelineParallel accelerators), in seconds. Built once
 * per prediction; every method is allocation-free.
 *
 * <ul>
 * <li>Decode step, batch B at mean context c: max(bytes read ÷ effective bandwidth, FLOPs ÷ effective FLOP/s)
 *     + step overhead + B × per-sequence CPU overhead + all-reduce. Bytes read = active weights (MoE: shared + experts touched by B tokens)
 *     + B × c × KV bytes per token; FLOPs = B × (2 × active params + attention 4 × layers × heads × headDim × c).</li>
 * <li>Prefill of L new tokens after p cached ones: FLOPs = 2 × active × L + 4 × layers × heads × headDim ×
 *     (L²/2 + L·p) over effective prefill FLOP/s, at least one read of the weights, plus a step overhead per
 *     chunk and all-reduce of L tokens.</li>
 * <li>Tensor-parallel all-reduce (2 per layer, ring): latency per hop × log2(TP) + 2(TP−1)/TP × tokens ×
 *     hidden × 2 B ÷ effective link bandwidth (NVLink vs PCIe, engine.md "Lessons").</li>
 * </ul>
 */
final class StepTimes {
    /** Bytes per activation element exchanged in all-reduce (BF16). */
    static final double ACTIVATION_BYTES = 2.0;
    /** PCIe Gen4 x16 one direction, used when the catalog gives no link bandwidth (32 GB/s). */
    static final double FALLBACK_PCIE_BYTES_PER_SECOND = 32e9;
    /** NVLink 3 one direction (300 GB/s, A100), used when the catalog names NVLink without a figure. */
    static final double FALLBACK_NVLINK_BYTES_PER_SECOND = 300e9;
    /** Accelerators one NVLink domain holds in an HGX/DGX node. */
    static final int GPUS_PER_NODE = 8;
    /** One 400 Gb/s InfiniBand/RoCE NIC per GPU, one direction. */
    static final double INTER_NODE_BYTES_PER_SECOND = 50e9;

    private final int tp;
    private final int pp;
    private final double sharedParams;
    private final double expertParams;
    private final int experts;
    private final int expertsPerToken;
    private final double activeParams;
    private final double bytesPerWeight;
    private final double kvBytesPerTokenPerAccelerator;
    private final double attentionFlopsPerTokenPerContext;
    private final int layers;
    private final double hidden;
    private final double effectiveBandwidth;
    private final double effectiveDecodeFlops;
    private final double effectivePrefillFlops;
    private final double stepOverhead;
    private final double sequenceOverhead;
    private final double log2Tp;
    private final double allReduceLatency;
    private final double linkBandwidth;
    final boolean flopsSubstituted;

    StepTimes(ModelSpec m, double bitsPerWeight, double kvBytesPerToken, AcceleratorSpec acc, double peakFlops,
              AcceleratorSpec.Interconnect link, int tp, int pp, Efficiency e) {
        this.tp = tp;
        this.pp = pp;
        this.experts = m.experts();
        this.expertsPerToken = m.expertsPerToken();
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
        int kvHeadDimTotal = m.attention() == AttentionKind.MLA ? m.mlaKvLoraRank() + m.mlaQkRopeHeadDim()
                : m.headDim();
        this.attentionFlopsPerTokenPerContext = 4.0 * m.kvLayers() * m.attentionHeads() * kvHeadDimTotal;
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
        this.stepOverhead = e.stepOverheadSeconds();
        this.sequenceOverhead = e.sequenceOverheadSeconds();
        this.log2Tp = Math.log(tp) / Math.log(2);
        // Beyond one 8-GPU node the ring crosses the network: PCIe-class latency and 400 Gb/s (50 GB/s) per GPU.
        boolean crossNode = tp > GPUS_PER_NODE;
        boolean fast = !crossNode && (link == AcceleratorSpec.Interconnect.NVLINK
                || link == AcceleratorSpec.Interconnect.INFINITY_FABRIC);
        this.allReduceLatency = fast ? e.allReduceLatencyNvlinkSeconds() : e.allReduceLatencyPcieSeconds();
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
    }

    /** Expected share of routed experts touched when n tokens each pick k of E: 1 − (1 − k/E)^n. */
    double expertsTouchedFraction(double tokens) {
        if (experts == 0) {
            return 0;
        }
        return 1.0 - Math.pow(1.0 - (double) expertsPerToken / experts, Math.max(1.0, tokens));
    }

    /** Weight bytes one accelerator reads in a step that processes {@code tokens} tokens. */
    double weightBytesRead(double tokens) {
        double params = sharedParams + expertParams * experts * expertsTouchedFraction(tokens);
        return params * bytesPerWeight / (tp * pp);
    }

    /** KV bytes per token on one accelerator (after TP split and PP layer split). */
    double kvBytesPerTokenPerAccelerator() {
        return kvBytesPerTokenPerAccelerator;
    }

    /** Time of the all-reduces of one step of {@code tokens} tokens (2 per layer): latency + bytes, seconds. */
    double allReduceSeconds(double tokens) {
        if (tp <= 1) {
            return 0;
        }
        return 2.0 * layers * allReduceLatency * log2Tp + allReduceBytesSeconds(tokens);
    }

    /** The bandwidth part only: 2 per layer × 2(TP−1)/TP × tokens × hidden × 2 B ÷ effective link bandwidth. */
    double allReduceBytesSeconds(double tokens) {
        if (tp <= 1) {
            return 0;
        }
        double bytes = 2.0 * (tp - 1) / tp * tokens * hidden * ACTIVATION_BYTES;
        return 2.0 * layers * bytes / linkBandwidth;
    }

    /** Memory-bound part of a decode step for batch b at mean context c, seconds. */
    double decodeMemorySeconds(double b, double context) {
        return (weightBytesRead(b) + b * context * kvBytesPerTokenPerAccelerator) / effectiveBandwidth * pp;
    }

    /** Compute-bound part of a decode step, seconds. */
    double decodeComputeSeconds(double b, double context) {
        double flops = b * (2.0 * activeParams + attentionFlopsPerTokenPerContext * context) / (tp * pp);
        return flops / effectiveDecodeFlops * pp;
    }

    /** One decode step producing one token for each of b requests whose mean context is c tokens, seconds. */
    double decodeStepSeconds(double b, double context) {
        return Math.max(decodeMemorySeconds(b, context), decodeComputeSeconds(b, context)) + stepOverhead
                + b * sequenceOverhead + allReduceSeconds(b);
    }

    /** Prefill FLOPs of {@code newTokens} after {@code cachedTokens}, for the whole replica. */
    double prefillFlops(double newTokens, double cachedTokens) {
        return 2.0 * activeParams * newTokens
                + attentionFlopsPerTokenPerContext * (newTokens * newTokens / 2.0 + newTokens * cachedTokens);
    }

    /**
     * GPU time a prefill adds when it is batched with other work (weights already being read by the step):
     * its FLOPs over effective prefill FLOP/s plus its all-reduce traffic, seconds.
     */
    double prefillComputeSeconds(double newTokens, double cachedTokens) {
        return prefillFlops(newTokens, cachedTokens) / (tp * pp) / effectivePrefillFlops * pp
                + allReduceBytesSeconds(newTokens);
    }

    /**
     * Static batch: b prompts of {@code newTokens} prefilled together in chunks of {@code chunkTokens}:
     * max(FLOPs, one weight read per chunk) + a step overhead per chunk + all-reduce, seconds.
     */
    double batchPrefillSeconds(double b, double newTokens, double cachedTokens, int chunkTokens) {
        double tokens = b * newTokens;
        double compute = b * prefillFlops(newTokens, cachedTokens) / (tp * pp) / effectivePrefillFlops * pp;
        double chunks = chunkTokens <= 0 ? 1 : Math.ceil(tokens / chunkTokens);
        double memory = chunks * weightBytesRead(Math.min(tokens, chunkTokens <= 0 ? tokens : chunkTokens))
                / effectiveBandwidth * pp;
        return Math.max(compute, memory) + chunks * stepOverhead + allReduceSeconds(tokens);
    }

    /**
     * Prefill of {@code newTokens} after {@code cachedTokens} already in the KV cache, split into chunks of
     * {@code chunkTokens} (0 = one step), seconds.
     */
    double prefillSeconds(double newTokens, double cachedTokens, int chunkTokens) {
        double flops = prefillFlops(newTokens, cachedTokens) / (tp * pp);
        double compute = flops / effectivePrefillFlops * pp;
        double chunks = chunkTokens <= 0 ? 1 : Math.ceil(newTokens / chunkTokens);
        double memory = chunks * weightBytesRead(Math.min(newTokens, chunkTokens <= 0 ? newTokens : chunkTokens))
                / effectiveBandwidth * pp;
        return Math.max(compute, memory) + chunks * stepOverhead + allReduceSeconds(newTokens);
    }
}
