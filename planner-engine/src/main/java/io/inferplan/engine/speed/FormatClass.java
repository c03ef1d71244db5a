package io.inferplan.engine.speed;

import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.Locale;

/**
 * Weight-format families whose kernels behave alike; efficiency is fitted per family (not per exact format) so
 * that thin data is shared.
 */
public enum FormatClass {
    /** BF16 / FP16: dense tensor-core GEMMs. */
    F16,
    /** FP8 weights (W8A8 on Ada/Hopper/Blackwell, W8A16 dequant elsewhere). */
    FP8,
    /** GPU 4-bit group quantization with 16-bit activations (AWQ, GPTQ, MLC q4f16). */
    INT4,
    /** llama.cpp GGUF block quantizations (K-quants and legacy Q4_0/Q8_0). */
    GGUF,
    /** Micro-scaled 4-bit floats (NVFP4, MXFP4). */
    FP4;

    public static FormatClass of(NumberFormatSpec format) {
        String id = format.id(); // catalog ids are lowercase (api-contract.md)
        if (format.gguf() || id.startsWith("gguf")) {
            return GGUF;
        }
        if (id.contains("fp4")) {
            return FP4;
        }
        if (id.startsWith("fp8") || id.contains("w8a8")) {
            return FP8;
        }
        if (format.bitsPerValue() <= 6) {
            return INT4;
        }
        return F16;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
