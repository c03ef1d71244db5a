package io.inferplan.catalog.accelerator;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/**
 * An accelerator, Apple SoC or CPU (table {@code accelerator}); datasheet units as published. {@code hostMemory}: the
 * memory is host RAM the buyer populates (server and desktop CPUs), with the platform's {@code memoryChannels},
 * rated {@code memoryTransferRateMTps} and {@code maxMemoryGB}; a plan gives the RAM it has.
 */
@MappedEntity("accelerator")
public record AcceleratorRow(
        @Id String id,
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
        String interconnectKind,
        @Nullable Double linkBandwidthGBpsPerDirection,
        boolean unifiedMemory,
        boolean hostMemory,
        @Nullable Integer memoryChannels,
        @Nullable Double memoryTransferRateMTps,
        @Nullable Double maxMemoryGB,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static AcceleratorRow fromCsv(CsvRow r) {
        return new AcceleratorRow(r.required("id"), r.required("vendor"), r.required("name"), r.decimal("memory_gb"),
                r.text("memory_type"), r.decimal("memory_bandwidth_gbs"), r.decimal("fp16_bf16_dense_tflops"),
                r.decimal("fp8_dense_tflops"), r.decimal("fp4_dense_tflops"), r.decimal("int8_dense_tops"), r.decimal("tdp_w"),
                r.text("interconnect"), r.text("form_factor"), r.integer("launch_year"), r.required("architecture"),
                r.required("interconnect_kind"), r.decimal("link_bandwidth_gbs_per_direction"),
                Boolean.TRUE.equals(r.bool("unified_memory")), Boolean.TRUE.equals(r.bool("host_memory")),
                r.integer("memory_channels"), r.decimal("memory_transfer_rate_mtps"), r.decimal("max_memory_gb"),
                r.required("source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
