package io.inferplan.engine.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Effective bits per weight of group-quantized formats from their definitions, worked by hand. */
class GroupLayoutTest {

    @ParameterizedTest(name = "{0}: {1} + ({3} + {4}) / {2} = {5}")
    @CsvSource({
            // GPTQ int4 (AutoGPTQ/vLLM gptq.py): qweight 8 × 4-bit per int32, fp16 scale and 4-bit packed zero per group of 128
            "gptq-int4,   4,   128, 16, 4, 4.15625",
            // AWQ GEMM layout: same packing, fp16 scale + 4-bit zero per group of 128
            "awq-int4,    4,   128, 16, 4, 4.15625",
            // MLC q4f16_1: 8 int4 per uint32, fp16 scale per group of 32, symmetric (no zero): 144 bits / 32
            "mlc-q4f16_1, 4,   32,  16, 0, 4.5",
            // MLC q3f16_1: 10 int3 per uint32 (3.2 bits), fp16 scale per group of 40: 144 bits / 40
            "mlc-q3f16_1, 3.2, 40,  16, 0, 3.6",
            // OCP MXFP4: E2M1 elements, one E8M0 scale per 32 (ggml block_mxfp4: 17 bytes / 32 weights)
            "mxfp4,       4,   32,  8,  0, 4.25",
            // NVFP4: E2M1 elements, one E4M3 scale per 16
            "nvfp4,       4,   16,  8,  0, 4.5",
            // ggml Q4_0 / Q8_0: fp16 scale per 32
            "gguf-q4_0,   4,   32,  16, 0, 4.5",
            "gguf-q8_0,   8,   32,  16, 0, 8.5",
            // bitsandbytes NF4, blocksize 64 with an fp32 absmax per block (no double quantization)
            "bnb-nf4,     4,   64,  32, 0, 4.5",
    })
    void bitsPerWeightFromTheDefinition(String format, double storage, int group, double scale, double zero,
                                        double expected) {
        assertEquals(expected, new GroupLayout(storage, group, scale, zero).bitsPerWeight(), 1e-12, format);
    }
}
