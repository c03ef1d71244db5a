package io.inferplan.engine.spec;

/**
 * How a group-quantized weight format stores its weights, as the format defines it: packed elements plus, for every
 * group of {@code groupSize} weights, a scale and (asymmetric formats) a zero-point. Effective bits per weight =
 * storage bits per weight + (scale bits + zero-point bits) / group size. Examples (each in the catalog with its
 * definition's source): GPTQ/AWQ int4, group 128, fp16 scale and 4-bit packed zero → 4 + 20/128 = 4.15625; MLC
 * q4f16_1, group 32, fp16 scale, symmetric → 4 + 16/32 = 4.5; OCP MXFP4, block 32, E8M0 scale → 4 + 8/32 = 4.25;
 * NVFP4, block 16, E4M3 scale → 4 + 8/16 = 4.5 (its one FP32 scale per tensor is negligible).
 *
 * @param storageBitsPerWeight bits one weight occupies in its storage words (MLC int3 packs 10 per uint32: 3.2)
 * @param groupSize            weights sharing one scale
 * @param scaleBitsPerGroup    bits of the group's scale
 * @param zeroBitsPerGroup     bits of the group's zero-point (0 for symmetric formats)
 */
public record GroupLayout(double storageBitsPerWeight, int groupSize, double scaleBitsPerGroup, double zeroBitsPerGroup) {

    public GroupLayout {
        ModelSpec.require(storageBitsPerWeight > 0 && storageBitsPerWeight <= 32, "storageBitsPerWeight", "must be in (0, 32] bits");
        ModelSpec.require(groupSize >= 1, "groupSize", "must be >= 1 weight");
        ModelSpec.require(scaleBitsPerGroup >= 0 && zeroBitsPerGroup >= 0, "scaleBitsPerGroup", "must be >= 0 bits");
    }

    /** storage bits + (scale + zero-point bits) / group size. */
    public double bitsPerWeight() {
        return storageBitsPerWeight + (scaleBitsPerGroup + zeroBitsPerGroup) / groupSize;
    }
}
