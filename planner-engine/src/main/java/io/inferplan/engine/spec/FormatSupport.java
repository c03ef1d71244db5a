package io.inferplan.engine.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One cell of the support table (catalog {@code format-support.csv}): whether a framework runs a weight or KV-cache
 * format on a class of hardware, as the framework's own documentation says, with that page as the source.
 *
 * @param framework framework id ({@code vllm})
 * @param hardware  what the cell covers: {@code any}, a vendor ({@code nvidia}), an architecture
 *                  ({@code nvidia_ampere}) or one accelerator id ({@code rtx-5090}); the most specific matching cell
 *                  decides ({@link #specificity})
 * @param status    whether it runs
 * @param note      the mechanism (weight-only kernels, …) or, for {@link Status#UNSUPPORTED}, the documented reason
 * @param sourceUrl the documentation page that says so
 */
public record FormatSupport(String framework, String hardware, Status status, String note, String sourceUrl) {

    /** Matches any accelerator. */
    public static final String ANY = "any";

    public FormatSupport {
        ModelSpec.require(framework != null && !framework.isBlank(), "framework", "is required");
        ModelSpec.require(hardware != null && !hardware.isBlank(), "hardware", "is required (any, a vendor, an architecture or an accelerator id)");
        ModelSpec.requireNonNull(status, "status");
        ModelSpec.require(sourceUrl != null && !sourceUrl.isBlank(), "sourceUrl", "is required");
        hardware = hardware.trim().toLowerCase(Locale.ROOT);
        note = note == null ? "" : note;
    }

    /** Whether the format runs, and how. */
    public enum Status {
        /** Runs with the format's own kernels. */
        SUPPORTED,
        /** Runs, but the weights are dequantized to 16-bit for the math (e.g. FP8 Marlin W8A16 on Ampere): slower. */
        WEIGHT_ONLY,
        /** Does not run: the note says why. */
        UNSUPPORTED;

        public boolean runs() {
            return this != UNSUPPORTED;
        }

        public static Status parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * How closely this cell names the accelerator: 3 its id, 2 its architecture, 1 its vendor, 0 {@code any};
     * −1 when it does not cover it.
     */
    public int specificity(AcceleratorSpec acc) {
        if (hardware.equals(ANY)) {
            return 0;
        }
        if (hardware.equals(acc.architecture().vendor().key())) {
            return 1;
        }
        if (hardware.equals(acc.architecture().key())) {
            return 2;
        }
        return hardware.equals(acc.id()) ? 3 : -1;
    }

    /** The most specific of {@code cells} for this framework that covers the accelerator. */
    public static Optional<FormatSupport> decide(List<FormatSupport> cells, String framework, AcceleratorSpec acc) {
        FormatSupport best = null;
        int bestScore = -1;
        for (FormatSupport c : cells) {
            int s = c.framework().equals(framework) ? c.specificity(acc) : -1;
            if (s > bestScore) {
                best = c;
                bestScore = s;
            }
        }
        return Optional.ofNullable(best);
    }
}
