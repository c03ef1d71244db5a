package io.inferplan.engine.spec;

import java.util.Set;

/**
 * A weight or KV-cache number format.
 *
 * @param bitsPerValue   effective bits per weight or KV element, block scales and zero-points included
 * @param frameworks     ids of the frameworks that load it
 * @param needs          the hardware capability it needs to run natively
 * @param gguf           a llama.cpp GGUF quantization (per-tensor mix rules apply)
 */
public record NumberFormatSpec(String id, double bitsPerValue, Set<String> frameworks, HardwareNeed needs, boolean gguf) {

    public NumberFormatSpec {
        ModelSpec.require(bitsPerValue > 0 && bitsPerValue <= 32, "bitsPerValue", "must be in (0, 32]");
        frameworks = Set.copyOf(frameworks);
    }

    public double bytesPerValue() {
        return bitsPerValue / 8.0;
    }

    /** What a format demands of the accelerator. */
    public enum HardwareNeed { ANY, NATIVE_FP8, NATIVE_NVFP4, NVIDIA_ONLY }
}
