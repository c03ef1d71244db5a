package io.inferplan.engine.memory;

/**
 * ggml tensor storage types and their bits per weight, block scales included: block bytes × 8 / block weights,
 * from the block structs of ggml-common.h
 * (https://github.com/ggml-org/llama.cpp/blob/01243c587feceaa5d6a6c2305535ef2f549c48b8/ggml/src/ggml-common.h).
 */
public enum GgufType {
    F32(32, 1, 4),
    F16(16, 1, 2),
    BF16(16, 1, 2),
    /** block_q8_0: 32 int8 + fp16 scale = 34 B / 32. */
    Q8_0(8.5, 32, 34),
    /** block_q4_0: 32 × 4 bit + fp16 scale = 18 B / 32. */
    Q4_0(4.5, 32, 18),
    /** block_q4_1: + fp16 min = 20 B / 32. */
    Q4_1(5.0, 32, 20),
    /** block_q5_0: 22 B / 32. */
    Q5_0(5.5, 32, 22),
    /** block_q5_1: 24 B / 32. */
    Q5_1(6.0, 32, 24),
    /** block_q2_K: 84 B / 256. */
    Q2_K(2.625, 256, 84),
    /** block_q3_K: 110 B / 256. */
    Q3_K(3.4375, 256, 110),
    /** block_q4_K: 144 B / 256. */
    Q4_K(4.5, 256, 144),
    /** block_q5_K: 176 B / 256. */
    Q5_K(5.5, 256, 176),
    /** block_q6_K: 210 B / 256. */
    Q6_K(6.5625, 256, 210),
    /** block_iq4_nl: 18 B / 32. */
    IQ4_NL(4.5, 32, 18),
    /** block_iq4_xs: 136 B / 256. */
    IQ4_XS(4.25, 256, 136);

    private final double bitsPerWeight;
    private final int blockWeights;
    private final int blockBytes;

    GgufType(double bitsPerWeight, int blockWeights, int blockBytes) {
        this.bitsPerWeight = bitsPerWeight;
        this.blockWeights = blockWeights;
        this.blockBytes = blockBytes;
    }

    /** blockBytes × 8 / blockWeights. */
    public double bitsPerWeight() {
        return bitsPerWeight;
    }

    public int blockWeights() {
        return blockWeights;
    }

    public int blockBytes() {
        return blockBytes;
    }

    /** K-quants and IQ4_XS need rows that are a multiple of the 256-weight super-block (QK_K). */
    public boolean needsSuperBlockRows() {
        return blockWeights == 256;
    }

    /**
     * The type llama.cpp substitutes when a row length is not a multiple of 256 (llama-quant.cpp,
     * convert_incompatible_tensor): Q2_K/Q3_K/IQ4_XS → IQ4_NL, Q4_K → Q5_0, Q5_K → Q5_1, Q6_K → Q8_0.
     */
    public GgufType fallbackForOddRows() {
        return switch (this) {
            case Q2_K, Q3_K, IQ4_XS -> IQ4_NL;
            case Q4_K -> Q5_0;
            case Q5_K -> Q5_1;
            case Q6_K -> Q8_0;
            default -> this;
        };
    }
}
