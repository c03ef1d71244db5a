package io.inferplan.catalog.framework;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/**
 * A serving framework (table {@code framework}): the capability matrix as the sources word it, and the
 * structured capabilities the engine reads ({@code supports…}, {@code prefixCacheKind}, {@code hardwareVendors}).
 */
@MappedEntity("framework")
public record FrameworkRow(
        @Id String id,
        String name,
        @Nullable String repo,
        @Nullable String license,
        @Nullable String latestVersionSeen,
        @Nullable String language,
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
        @Nullable String prometheusMetrics,
        @Nullable String status,
        String kind,
        String hardwareVendors,
        String prefixCacheKind,
        boolean supportsContinuousBatching,
        boolean supportsPagedKv,
        boolean supportsChunkedPrefill,
        boolean supportsTensorParallel,
        boolean supportsPipelineParallel,
        String sourceUrl,
        LocalDate asOf,
        @Nullable String notes,
        String origin) implements CatalogRow {

    public static FrameworkRow fromCsv(CsvRow r) {
        return new FrameworkRow(r.required("id"), r.required("name"), r.text("repo"), r.text("license"),
                r.text("latest_version_seen"), r.text("language"), r.text("continuous_batching"), r.text("paged_kv"),
                r.text("prefix_caching"), r.text("chunked_prefill"), r.text("speculative_decoding"), r.text("structured_output"),
                r.text("tensor_parallel"), r.text("pipeline_parallel"), r.text("expert_parallel"), r.text("pd_disaggregation"),
                r.text("quantization"), r.text("hardware"), r.text("openai_compatible_api"), r.text("multi_model_serving"),
                r.text("prometheus_metrics"), r.text("status"), r.required("kind"), String.join(";", r.list("hardware_vendors")),
                r.required("prefix_cache_kind"), Boolean.TRUE.equals(r.bool("supports_continuous_batching")),
                Boolean.TRUE.equals(r.bool("supports_paged_kv")), Boolean.TRUE.equals(r.bool("supports_chunked_prefill")),
                Boolean.TRUE.equals(r.bool("supports_tensor_parallel")), Boolean.TRUE.equals(r.bool("supports_pipeline_parallel")),
                r.required("source_url"), r.date("as_of"), r.text("notes"), SEED);
    }
}
