package io.inferplan.engine.speed;

/**
 * Fitted kernel and serving efficiencies for one framework × hardware class × format family. Fractions are of
 * the datasheet peak; times are in seconds. Mechanisms (chunked prefill mixed into decode steps or not, KV
 * admission, slots) are not here: they are the scheduler policy's ({@code speed.policy}), so an efficiency does
 * not absorb what a missing mechanism would have done.
 *
 * @param bandwidthFraction             effective ÷ datasheet memory bandwidth (weight and KV reads)
 * @param decodeComputeFraction         effective ÷ peak FLOP/s for decode tokens (small-M GEMMs, decode attention)
 * @param prefillComputeFraction        effective ÷ peak FLOP/s for prefill tokens (large-M GEMMs, prefill attention)
 * @param stepOverheadSeconds           fixed time per scheduler step (launches, sampling, scheduling)
 * @param requestOverheadSeconds        per-request time outside the GPU before scheduling (HTTP, tokenizer)
 * @param allReduceLatencyNvlinkSeconds per-hop latency of one all-reduce over NVLink / Infinity Fabric
 * @param allReduceLatencyPcieSeconds   per-hop latency of one all-reduce over PCIe (or across nodes)
 * @param linkFraction                  effective ÷ datasheet NVLink / Infinity Fabric bandwidth in all-reduce
 * @param substituteFlopsPerByte        where the datasheet gives no FLOPS (Apple, some consumer parts): effective
 *                                      peak FLOP/s ≈ this × memory bandwidth, fitted on that hardware's prefill rows
 * @param sequenceOverheadSeconds       CPU time per running sequence per step (scheduling, detokenising, streaming)
 * @param pcieLinkFraction              effective ÷ PCIe (or inter-node) bandwidth in all-reduce; low where the cards
 *                                      have no peer-to-peer and traffic bounces through host memory
 * @param eagerLayerOverheadSeconds     per layer per step when the run disables CUDA graphs (kernel launches
 *                                      and Python overhead a captured graph would hide), seconds
 * @param servingTokenOverheadSeconds   per sequence per step in a served (HTTP) deployment: the API server
 *                                      detokenising and streaming each token, on top of the scheduler's own
 *                                      per-sequence cost; in-process harnesses do not pay it
 */
public record Efficiency(double bandwidthFraction, double decodeComputeFraction, double prefillComputeFraction,
                         double stepOverheadSeconds, double requestOverheadSeconds,
                         double allReduceLatencyNvlinkSeconds, double allReduceLatencyPcieSeconds,
                         double linkFraction, double substituteFlopsPerByte, double sequenceOverheadSeconds,
                         double pcieLinkFraction, double eagerLayerOverheadSeconds,
                         double servingTokenOverheadSeconds) {

    /** The bar's "fixed efficiencies" baseline (FLOPS 0.7, HBM 0.9) with no overheads. */
    public static final Efficiency FIXED_BASELINE = new Efficiency(0.9, 0.7, 0.7, 0, 0, 0, 0, 0.8, 100, 0, 0.8, 0, 0);

    /** The value of field {@code index} in declaration order (the fitter's view of the record). */
    public static Efficiency of(double[] v) {
        return new Efficiency(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
    }
}
