package io.inferplan.catalog.accelerator;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/**
 * An accelerator as the API shows and accepts it. TFLOPS are DENSE (no 2:4 sparsity); memory in decimal GB as
 * marketed; empty = no source found (not zero).
 *
 * @param memoryGB                       device memory, GB (10^9 bytes)
 * @param memoryBandwidthGBps            datasheet memory bandwidth, GB/s
 * @param architecture                   hardware generation (nvidia_hopper, amd_cdna3, apple_m, cpu_x86, …)
 * @param interconnectKind               nvlink, infinity_fabric, pcie or none
 * @param linkBandwidthGBpsPerDirection  device-to-device bandwidth, one direction, GB/s
 * @param hostMemory                     memory is host RAM the buyer populates (CPUs): plans give host.hostMemoryGB
 * @param memoryChannels                 CPUs: memory channels per socket
 * @param memoryTransferRateMTps         CPUs: highest rated DIMM speed, MT/s
 * @param maxMemoryGB                    CPUs: most RAM the platform takes per socket, GB
 */
@Serdeable
public record AcceleratorEntry(
        String id,
        String vendor,
        String name,
        @Nullable Double memoryGB,
        @Nullable String memoryType,
        @Nullable Double memoryBandwidthGBps,
        @Nullable Double fp16Tflops,
        @Nullable Double fp8Tflops,
        @Nullable Double fp4Tflops,
        @Nullable Double int8Tops,
        @Nullable Double tdpWatts,
        @Nullable String interconnect,
        @Nullable String formFactor,
        @Nullable Integer launchYear,
        String architecture,
        @Nullable String interconnectKind,
        @Nullable Double linkBandwidthGBpsPerDirection,
        @Nullable Boolean unifiedMemory,
        @Nullable Boolean hostMemory,
        @Nullable Integer memoryChannels,
        @Nullable Double memoryTransferRateMTps,
        @Nullable Double maxMemoryGB,
        String sourceUrl,
        @Nullable LocalDate asOf,
        @Nullable String notes,
        @Nullable Boolean custom) {

    public static final List<String> ARCHITECTURES = List.of("nvidia_pascal", "nvidia_volta", "nvidia_turing",
            "nvidia_ampere", "nvidia_ada", "nvidia_hopper", "nvidia_blackwell", "amd_cdna3", "amd_cdna4", "amd_rdna3",
            "amd_rdna4", "intel_gaudi", "intel_xe2", "apple_m", "google_tpu_v5e", "google_tpu_v6e", "cpu_x86", "cpu_arm");
    public static final List<String> INTERCONNECTS = List.of("nvlink", "infinity_fabric", "ici", "pcie", "none");

    public static AcceleratorEntry from(AcceleratorRow r) {
        return new AcceleratorEntry(r.id(), r.vendor(), r.name(), r.memoryGB(), r.memoryType(), r.memoryBandwidthGBps(),
                r.fp16Tflops(), r.fp8Tflops(), r.fp4Tflops(), r.int8Tops(), r.tdpWatts(), r.interconnect(), r.formFactor(),
                r.launchYear(), r.architecture(), r.interconnectKind(), r.linkBandwidthGBpsPerDirection(), r.unifiedMemory(),
                r.hostMemory(), r.memoryChannels(), r.memoryTransferRateMTps(), r.maxMemoryGB(), r.sourceUrl(), r.asOf(), r.notes(), CatalogRow.CUSTOM.equals(r.origin()));
    }

    public AcceleratorRow toCustomRow(LocalDate today) {
        return new AcceleratorRow(id, vendor, name, memoryGB, memoryType, memoryBandwidthGBps, fp16Tflops, fp8Tflops,
                fp4Tflops, int8Tops, tdpWatts, interconnect, formFactor, launchYear, architecture,
                interconnectKind == null ? "pcie" : interconnectKind, linkBandwidthGBpsPerDirection,
                Boolean.TRUE.equals(unifiedMemory), Boolean.TRUE.equals(hostMemory), memoryChannels,
                memoryTransferRateMTps, maxMemoryGB, sourceUrl, asOf == null ? today : asOf, notes, CatalogRow.CUSTOM);
    }

    public List<FieldError> problems() {
        return new FieldChecks()
                .id("id", id)
                .text("vendor", vendor, FieldChecks.MAX_SHORT_TEXT, true)
                .text("name", name, FieldChecks.MAX_SHORT_TEXT, true)
                .range("memoryGB", memoryGB, 0.1, 1_000_000.0, "GB", !Boolean.TRUE.equals(hostMemory))
                .range("memoryBandwidthGBps", memoryBandwidthGBps, 0.1, 1_000_000.0, "GB/s", !Boolean.TRUE.equals(hostMemory))
                .range("memoryChannels", memoryChannels, 1, 64, "channels", Boolean.TRUE.equals(hostMemory))
                .range("memoryTransferRateMTps", memoryTransferRateMTps, 100.0, 100_000.0, "MT/s", Boolean.TRUE.equals(hostMemory))
                .range("maxMemoryGB", maxMemoryGB, 0.1, 1_000_000.0, "GB", false)
                .range("fp16Tflops", fp16Tflops, 0.001, 1_000_000.0, "TFLOPS", false)
                .range("fp8Tflops", fp8Tflops, 0.001, 1_000_000.0, "TFLOPS", false)
                .range("fp4Tflops", fp4Tflops, 0.001, 1_000_000.0, "TFLOPS", false)
                .range("int8Tops", int8Tops, 0.001, 1_000_000.0, "TOPS", false)
                .range("tdpWatts", tdpWatts, 1.0, 100_000.0, "W", false)
                .range("launchYear", launchYear, 1990, 2100, "", false)
                .range("linkBandwidthGBpsPerDirection", linkBandwidthGBpsPerDirection, 0.0, 100_000.0, "GB/s", false)
                .oneOf("architecture", architecture, ARCHITECTURES, true)
                .oneOf("interconnectKind", interconnectKind, INTERCONNECTS, false)
                .text("memoryType", memoryType, FieldChecks.MAX_SHORT_TEXT, false)
                .text("interconnect", interconnect, FieldChecks.MAX_TEXT, false)
                .text("formFactor", formFactor, FieldChecks.MAX_SHORT_TEXT, false)
                .url("sourceUrl", sourceUrl, true)
                .text("notes", notes, FieldChecks.MAX_TEXT, false)
                .errors();
    }
}
