package io.inferplan.engine.speed;

/**
 * Fitted kernel and serving efficiencies for one framework × hardware class × format family. Fractions are of
 * the datasheet peak; times are in seconds.
 *
 * @param bandwidthFraction          effective ÷ datasheet memory bandwidth while decoding (memory-bound steps)
 * @param decodeComputeFraction      effective ÷ peak FLOP/s in large decode batches (compute-bound steps)
 * @param prefillComputeFraction     effective ÷ peak FLOP/s while prefilling
 * @param stepOverheadSeconds        fixed time per scheduler step (launches, sampling, scheduling)
 * @param requestOverheadSeconds     per-request serving time outside the GPU kernels (HTTP, tokenizer, admission)
 * @param allReduceLatencyNvlinkSeconds per-hop latency of one all-reduce over NVLink / Infinity Fabric
 * @param allReduceLatencyPcieSeconds   per-hop latency of one all-reduce over PCIe
 * @param linkFraction               effective ÷ datasheet NVLink / Infinity Fabric bandwidth during all-reduce
 * @param pcieLinkFraction           effective ÷ PCIe (or inter-node) bandwidth during all-reduce; low where the
 *                                   cards have no peer-to-peer and traffic bounces through host memory
 * @param substituteFlopsPerByte     where the datasheet gives no FLOPS (Apple, some consumer parts): effective
 *                                   FLOP/s ≈ this × memory bandwidth, fitted on that hardware's prefill rows
 * @param sequenceOverheadSeconds    CPU time per running sequence per decode step (scheduling, detokenising,
 *                                   streaming), which makes large batches CPU-bound in some framework versions
 * @param prefillInterferenceFraction share of a prefill's GPU time that stalls the running decode batch
 *                                   (1 = prefills and decode steps serialise; less when chunked prefill
 *                                   piggybacks decode tokens on prefill chunks)
 * @param lengthTailFactor           in a finite benchmark of variable-length requests (ShareGPT) the longest
 *                                   output ÷ the mean: the run's tail decodes those alone after the bulk finishes
 */
public record Efficiency(double bandwidthFraction, double decodeComputeFraction, double prefillComputeFraction,
                         double stepOverheadSeconds, double requestOverheadSeconds,
                         double allReduceLatencyNvlinkSeconds, double allReduceLatencyPcieSeconds,
                         double linkFraction, double substituteFlopsPerByte,
                         double prefillInterferenceFraction, double sequenceOverheadSeconds,
                         double pcieLinkFraction, double lengthTailFactor) {

    /** The bar's "fixed efficiencies" baseline (FLOPS 0.7, HBM 0.9) with no overheads. */
    public static final Efficiency FIXED_BASELINE = new Efficiency(0.9, 0.7, 0.7, 0, 0, 0, 0, 0.8, 100, 1.0, 0, 0.8, 1.0);
}
