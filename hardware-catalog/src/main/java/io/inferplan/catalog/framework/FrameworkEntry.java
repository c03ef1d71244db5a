package io.inferplan.catalog.framework;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A serving framework as the API shows it. {@code capabilities} keeps the sources' own words (empty = not
 * verified, not "unsupported"); the {@code supports…} flags are what the engine uses.
 */
@Serdeable
public record FrameworkEntry(
        String id,
        String name,
        @Nullable String repo,
        @Nullable String license,
        @Nullable String latestVersionSeen,
        @Nullable String language,
        @Nullable String status,
        String kind,
        List<String> hardwareVendors,
        String prefixCacheKind,
        boolean supportsContinuousBatching,
        boolean supportsPagedKv,
        boolean supportsChunkedPrefill,
        boolean supportsTensorParallel,
        boolean supportsPipelineParallel,
        Capabilities capabilities,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes) {

    /** The capability matrix in the sources' words. */
    @Serdeable
    public record Capabilities(
            @Nullable String continuousBatching,
            @Nullable String pagedKv,
            @Nullable String prefixCaching,
            @Nullable String chunkedPrefill,
            @Nullable String speculativeDecoding,
            @Nullable String structuredOutput,
            @Nullable String tensorParallel,
            @Nullable String pipelineParallel,
            @Nullable String expertParallel,
            @Nullable String pdDisaggregation,
            @Nullable String quantization,
            @Nullable String hardware,
            @Nullable String openaiCompatibleApi,
            @Nullable String multiModelServing,
            @Nullable String prometheusMetrics) {
    }

    public static FrameworkEntry from(FrameworkRow r) {
        return new FrameworkEntry(r.id(), r.name(), r.repo(), r.license(), r.latestVersionSeen(), r.language(), r.status(),
                r.kind(), r.hardwareVendors().isBlank() ? List.of() : Arrays.asList(r.hardwareVendors().split(";")),
                r.prefixCacheKind(), r.supportsContinuousBatching(), r.supportsPagedKv(), r.supportsChunkedPrefill(),
                r.supportsTensorParallel(), r.supportsPipelineParallel(),
                new Capabilities(r.continuousBatching(), r.pagedKv(), r.prefixCaching(), r.chunkedPrefill(),
                        r.speculativeDecoding(), r.structuredOutput(), r.tensorParallel(), r.pipelineParallel(),
                        r.expertParallel(), r.pdDisaggregation(), r.quantization(), r.hardware(), r.openaiCompatibleApi(),
                        r.multiModelServing(), r.prometheusMetrics()),
                r.sourceUrl(), r.asOf(), r.notes());
    }
}
