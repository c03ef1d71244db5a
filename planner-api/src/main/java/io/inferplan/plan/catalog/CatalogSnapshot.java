package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.catalog.support.FormatSupportRow;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** One consistent, immutable view of every catalog at one catalog version, with the rows' engine specs. */
public record CatalogSnapshot(
        String version,
        Map<String, Entry<ModelRow, ModelSpec>> models,
        Map<String, Entry<WeightFormatRow, NumberFormatSpec>> weightFormats,
        Map<String, Entry<KvCacheFormatRow, NumberFormatSpec>> kvCacheFormats,
        Map<String, Entry<AcceleratorRow, AcceleratorSpec>> accelerators,
        Map<String, Entry<FrameworkRow, FrameworkSpec>> frameworks,
        List<ApiPriceRow> apiPrices,
        List<GpuPriceRow> gpuPrices,
        List<FormatSupportRow> support) {

    /** A catalog row with its engine spec (or the reason it has none). */
    public record Entry<R, S>(R row, EngineSpecs.Mapped<S> mapped) {
        public Optional<S> spec() {
            return Optional.ofNullable(mapped.spec());
        }
    }

    static <R, S> Map<String, Entry<R, S>> index(List<R> rows, Function<R, String> id, Function<R, EngineSpecs.Mapped<S>> map) {
        Map<String, Entry<R, S>> out = new LinkedHashMap<>();
        for (R r : rows) {
            out.put(id.apply(r), new Entry<>(r, map.apply(r)));
        }
        return Collections.unmodifiableMap(out);
    }

    /** GPU rental prices for one accelerator, cheapest first. */
    public List<GpuPriceRow> rentalPrices(String acceleratorId) {
        return gpuPrices.stream()
                .filter(p -> acceleratorId.equals(p.accelerator()) && p.usdPerGpuHour() != null)
                .sorted(java.util.Comparator.comparing(GpuPriceRow::usdPerGpuHour))
                .toList();
    }
}
