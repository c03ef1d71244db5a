package io.inferplan.engine.spec;

/**
 * Accelerator hardware generation, ordered within each vendor. Decides which number formats run natively
 * (FP8 needs Ada/Hopper or CDNA3+, NVFP4 needs Blackwell) and groups calibration data.
 */
public enum Architecture {
    NVIDIA_PASCAL(Vendor.NVIDIA, 60),
    NVIDIA_VOLTA(Vendor.NVIDIA, 70),
    NVIDIA_TURING(Vendor.NVIDIA, 75),
    NVIDIA_AMPERE(Vendor.NVIDIA, 80),
    NVIDIA_ADA(Vendor.NVIDIA, 89),
    NVIDIA_HOPPER(Vendor.NVIDIA, 90),
    NVIDIA_BLACKWELL(Vendor.NVIDIA, 100),
    AMD_CDNA3(Vendor.AMD, 942),
    AMD_CDNA4(Vendor.AMD, 950),
    AMD_RDNA3(Vendor.AMD, 1100),
    AMD_RDNA4(Vendor.AMD, 1200),
    INTEL_GAUDI(Vendor.INTEL, 3),
    INTEL_XE2(Vendor.INTEL, 20),
    APPLE_M(Vendor.APPLE, 1),
    /** Google Cloud TPU v5e (bf16 and int8 MXUs, no FP8). */
    GOOGLE_TPU_V5E(Vendor.GOOGLE, 5),
    /** Google Cloud TPU v6e "Trillium" (bf16 and int8 MXUs, no FP8). */
    GOOGLE_TPU_V6E(Vendor.GOOGLE, 6),
    CPU_X86(Vendor.CPU, 1),
    /** Arm CPUs (Raspberry Pi 5's Cortex-A76, server Arm cores). */
    CPU_ARM(Vendor.CPU, 2);

    private final Vendor vendor;
    /** Vendor-specific generation number (CUDA compute capability × 10 for NVIDIA). */
    private final int generation;
    /** {@link #key()} and {@link #displayName()}, worked out once (the compatibility check asks for them per plan). */
    private final String key;
    private final String displayName;

    Architecture(Vendor vendor, int generation) {
        this.vendor = vendor;
        this.generation = generation;
        this.key = name().toLowerCase(java.util.Locale.ROOT);
        this.displayName = displayName(vendor, name());
    }

    public Vendor vendor() {
        return vendor;
    }

    public int generation() {
        return generation;
    }

    /** Native FP8 tensor-core math: NVIDIA Ada (SM 8.9) and Hopper or newer, AMD CDNA3 (MI300) or newer. */
    public boolean hasNativeFp8() {
        return (vendor == Vendor.NVIDIA && generation >= 89)
                || this == AMD_CDNA3 || this == AMD_CDNA4 || this == INTEL_GAUDI;
    }

    /** Native FP4 tensor cores (NVFP4): NVIDIA Blackwell only. */
    public boolean hasNativeNvfp4() {
        return this == NVIDIA_BLACKWELL;
    }

    /** For people: "NVIDIA Blackwell", "AMD CDNA4", "Google TPU V6E". */
    public String displayName() {
        return displayName;
    }

    private static String displayName(Vendor vendor, String name) {
        String[] parts = name.split("_");
        StringBuilder sb = new StringBuilder(vendor.label());
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            sb.append(' ').append(p.length() <= 2 || p.equals("TPU") || p.chars().anyMatch(Character::isDigit) ? p
                    : p.charAt(0) + p.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }

    /** The catalog's spelling: {@code nvidia_hopper}, {@code cpu_x86}, … */
    public String key() {
        return key;
    }

    public static Architecture parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /** Hardware vendors as the frameworks' hardware lists name them. */
    public enum Vendor {
        NVIDIA("NVIDIA"), AMD("AMD"), INTEL("Intel"), APPLE("Apple"), GOOGLE("Google"), CPU("CPU");

        private final String label;
        private final String key;

        Vendor(String label) {
            this.label = label;
            this.key = name().toLowerCase(java.util.Locale.ROOT);
        }

        public String label() {
            return label;
        }

        /** Lower-case name, as the support table's hardware column writes a vendor ({@code nvidia}). */
        public String key() {
            return key;
        }
    }
}
