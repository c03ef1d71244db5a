package io.inferplan.engine.memory;

/** Unit conversions used by the memory model; the only place the factors appear. */
public final class Units {
    /** Bytes in one GiB: 2^30. */
    public static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    /** Bytes in one MiB: 2^20. */
    public static final double BYTES_PER_MIB = 1024.0 * 1024.0;
    /** Bytes in one decimal GB: 10^9. */
    public static final double BYTES_PER_GB = 1e9;

    private Units() {
    }

    public static double gib(double bytes) {
        return bytes / BYTES_PER_GIB;
    }

    public static double bytesFromGiB(double gib) {
        return gib * BYTES_PER_GIB;
    }

    public static double bytesFromMiB(double mib) {
        return mib * BYTES_PER_MIB;
    }

    /** Bits to bytes, never integer division. */
    public static double bytesFromBits(double bits) {
        return bits / 8.0;
    }
}
