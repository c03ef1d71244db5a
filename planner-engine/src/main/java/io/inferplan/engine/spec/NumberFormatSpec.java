package io.inferplan.engine.spec;

import java.util.List;
import java.util.Set;

/**
 * A weight or KV-cache number format.
 *
 * @param bitsPerValue   effective bits per weight or KV element, block scales and zero-points included
 * @param frameworks     ids of the frameworks that load it
 * @param needs          the hardware capability it needs to run natively
 * @param gguf           a llama.cpp GGUF quantization (per-tensor mix rules apply)
 * @param support        the support table's cells for this format (framework × hardware, each with its source);
 *                       when a framework has cells they decide, and {@code frameworks}/{@code needs} are only the
 *                       fallback for formats without cells (custom entries)
 */
public record NumberFormatSpec(String id, double bitsPerValue, Set<String> frameworks, HardwareNeed needs, boolean gguf,
                               List<FormatSupport> support) {

    public NumberFormatSpec {
        ModelSpec.require(bitsPerValue > 0 && bitsPerValue <= 32, "bitsPerValue", "must be in (0, 32]");
        frameworks = Set.copyOf(frameworks);
        support = support == null ? List.of() : List.copyOf(support);
    }

    /** A format without support-table cells (the per-format frameworks and hardware need decide). */
    public NumberFormatSpec(String id, double bitsPerValue, Set<String> frameworks, HardwareNeed needs, boolean gguf) {
        this(id, bitsPerValue, frameworks, needs, gguf, List.of());
    }

    /** Whether the support table has any cell for this format and framework. */
    public boolean hasSupportCells(String framework) {
        for (FormatSupport c : support) {
            if (c.framework().equals(framework)) {
                return true;
            }
        }
        return false;
    }

    public double bytesPerValue() {
        return bitsPerValue / 8.0;
    }

    /** What a format demands of the accelerator. */
    public enum HardwareNeed { ANY, NATIVE_FP8, NATIVE_NVFP4, NVIDIA_ONLY }
}
