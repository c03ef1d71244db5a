package io.inferplan.engine.day;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cold starts worked by hand: bytes ÷ bandwidth per leg, legs added, plus the engine's own start. */
class ColdStartTest {

    @ParameterizedTest(name = "{0} bytes, network {1} GB/s, storage {2} GB/s, engine {3} s: {4} s")
    @CsvSource(nullValues = "-", value = {
            // 140 GB (70 B parameters at 16 bits) over 10 GbE (1.25 GB/s) = 112 s, then from a 7 GB/s NVMe = 20 s, + 60 s
            "140e9, 1.25, 7.0, 60, 192",
            // already on the node: only the storage leg, 16 GB ÷ 6.5 GB/s = 2.4615 s
            "16e9, -, 6.5, 0, 2.461538462",
            // streamed from an object store into GPU memory: only the network leg, 16 GB ÷ 0.625 GB/s (5 Gb/s) = 25.6 s
            "16e9, 0.625, -, 0, 25.6",
            // an AWS EBS gp3 volume at its 125 MiB/s baseline = 131,072,000 B/s: 16 GB ÷ 0.131072 GB/s = 122.0703125 s
            "16e9, -, 0.131072, 0, 122.0703125"
    })
    void legsAddUp(double bytes, Double networkGBps, Double storageGBps, double engineSeconds, double seconds) {
        assertEquals(seconds, new ColdStart(networkGBps, storageGBps, engineSeconds).seconds(bytes), 1e-6);
    }

    @Test
    void eachLegIsReported() {
        ColdStart c = new ColdStart(1.25, 7.0, 60);
        assertEquals(112, c.networkSeconds(140e9), 1e-9);
        assertEquals(20, c.storageSeconds(140e9), 1e-9);
    }

    @Test
    void weightsMustComeFromSomewhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ColdStart(null, null, 0));
        assertEquals("storage", e.getMessage().split(":")[0]);
        assertThrows(IllegalArgumentException.class, () -> new ColdStart(0.0, null, 0));
        assertThrows(IllegalArgumentException.class, () -> new ColdStart(null, 1.0, -1));
    }
}
