package io.inferplan.web.catalog;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.web.common.Nav;
import io.micronaut.core.annotation.Introspected;

import java.util.List;

/** The catalog browser: every table with its sources and dates, at one catalog version. */
@Introspected
public record CatalogPage(Nav nav, String title, String catalogVersion, List<ModelRow> models,
                          List<WeightFormatRow> weightFormats, List<KvCacheFormatRow> kvCacheFormats,
                          List<AcceleratorRow> accelerators, List<FrameworkRow> frameworks,
                          List<ApiPriceRow> apiPrices, List<GpuPriceRow> gpuPrices) {
}
