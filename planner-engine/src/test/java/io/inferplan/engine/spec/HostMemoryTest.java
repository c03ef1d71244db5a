package io.inferplan.engine.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CPU's memory bandwidth from its DIMM population: channels × MT/s × 8 B, worked by hand. */
class HostMemoryTest {

    @ParameterizedTest(name = "{0}: {1} channels x {2} MT/s = {3} GB/s")
    @CsvSource({
            // EPYC 9004 Genoa: 12 channels DDR5-4800 = 460.8 GB/s (AMD's figure, tomshardware in accelerators.csv)
            "epyc-9004-genoa, 12, 4800, 460.8",
            // half the channels populated: 6 × 4800 × 8 = 230.4
            "epyc-9004-genoa, 6, 4800, 230.4",
            // Ryzen 9 7950X (AM5): 2 channels DDR5-5200 = 83.2 GB/s
            "ryzen-9-7950x, 2, 5200, 83.2",
            // EPYC 7003 Milan: 8 channels DDR4-3200 = 204.8 GB/s (the same tomshardware article)
            "epyc-7003-milan, 8, 3200, 204.8",
    })
    void bandwidthIsChannelsTimesRateTimesEightBytes(String cpu, int channels, double mtps, double gbps) {
        assertEquals(gbps * 1e9, new HostMemory(256, channels, mtps).bandwidthBytesPerSecond(), 1e-3);
    }

    @org.junit.jupiter.api.Test
    void theHostRamBecomesTheCpusMemory() {
        AcceleratorSpec cpu = new AcceleratorSpec("epyc-9004-genoa", Architecture.CPU_X86, 1e9, 1e9, 0, 0, 0, 0, 360,
                AcceleratorSpec.Interconnect.NONE, 0, true);
        AcceleratorSpec withRam = new HostMemory(384, 12, 4800).applyTo(cpu);
        assertEquals(384e9, withRam.memoryBytes());
        assertEquals(460.8e9, withRam.memoryBandwidthBytesPerSecond(), 1e-3);
        assertEquals(360, withRam.tdpWatts());
        assertTrue(withRam.unifiedMemory());
    }

    @org.junit.jupiter.api.Test
    void zeroChannelsIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HostMemory(64, 0, 4800));
        assertTrue(e.getMessage().startsWith("host.memoryChannels"), e.getMessage());
    }
}
