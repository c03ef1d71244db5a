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

    /**
     * The catalogs as shipped (the seed CSVs, before any user's custom entries), mapped to engine specs exactly as
     * the running service maps them. The calibration and its accuracy report read the catalogs this way, so a
     * combination the product refuses is refused there too.
     */
    public static CatalogSnapshot fromSeeds() {
        return of("seed", io.inferplan.catalog.model.ModelCatalog.seedRows(),
                io.inferplan.catalog.weightformat.WeightFormatCatalog.seedRows(),
                io.inferplan.catalog.kvcacheformat.KvCacheFormatCatalog.seedRows(),
                io.inferplan.catalog.accelerator.AcceleratorCatalog.seedRows(),
                io.inferplan.catalog.framework.FrameworkCatalog.seedRows(), List.of(), List.of(),
                io.inferplan.catalog.support.FormatSupportCatalog.seedRows());
    }

    /** A snapshot of these rows, each mapped to its engine spec (formats with their support-table cells). */
    public static CatalogSnapshot of(String version, List<ModelRow> models, List<WeightFormatRow> weightFormats,
                                     List<KvCacheFormatRow> kvCacheFormats, List<AcceleratorRow> accelerators,
                                     List<FrameworkRow> frameworks, List<ApiPriceRow> apiPrices,
                                     List<GpuPriceRow> gpuPrices, List<FormatSupportRow> cells) {
        return new CatalogSnapshot(version,
                index(models, ModelRow::id, EngineSpecs::model),
                index(weightFormats, WeightFormatRow::id, r -> EngineSpecs.weightFormat(r, cellsOf(cells, "weight", r.id()))),
                index(kvCacheFormats, KvCacheFormatRow::id, r -> EngineSpecs.kvCacheFormat(r, cellsOf(cells, "kv", r.id()))),
                index(accelerators, AcceleratorRow::id, EngineSpecs::accelerator),
                index(frameworks, FrameworkRow::id, EngineSpecs::framework),
                apiPrices, gpuPrices, cells);
    }

    private static List<FormatSupportRow> cellsOf(List<FormatSupportRow> cells, String kind, String format) {
        return cells.stream().filter(c -> c.formatKind().equals(kind) && c.format().equals(format)).toList();
    }

    /** The engine's view of these catalogs: ids to specs (an entry without a usable spec is absent). */
    public io.inferplan.engine.calibration.CatalogLookup lookup() {
        return new io.inferplan.engine.calibration.CatalogLookup(
                id -> Optional.ofNullable(models.get(id)).flatMap(Entry::spec),
                id -> Optional.ofNullable(accelerators.get(id)).flatMap(Entry::spec),
                id -> Optional.ofNullable(weightFormats.get(id)).flatMap(Entry::spec),
                id -> Optional.ofNullable(kvCacheFormats.get(id)).flatMap(Entry::spec),
                id -> Optional.ofNullable(frameworks.get(id)).flatMap(Entry::spec));
    }

    /** GPU rental prices for one accelerator, cheapest first. */
    public List<GpuPriceRow> rentalPrices(String acceleratorId) {
        return gpuPrices.stream()
                .filter(p -> acceleratorId.equals(p.accelerator()) && p.usdPerGpuHour() != null)
                .sorted(java.util.Comparator.comparing(GpuPriceRow::usdPerGpuHour))
                .toList();
    }
}
