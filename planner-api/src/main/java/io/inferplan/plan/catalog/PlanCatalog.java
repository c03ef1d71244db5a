package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkCatalog;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatCatalog;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelCatalog;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.price.PriceCatalogs;
import io.inferplan.catalog.weightformat.WeightFormatCatalog;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.common.catalog.CatalogVersion;
import jakarta.inject.Singleton;

/**
 * The catalogs as the planner reads them: an immutable {@link CatalogSnapshot} rebuilt only when the catalog
 * version changes, so evaluating a plan does no database work beyond one version check.
 */
@Singleton
public class PlanCatalog {

    private final CatalogVersion version;
    private final ModelCatalog models;
    private final WeightFormatCatalog weightFormats;
    private final KvCacheFormatCatalog kvCacheFormats;
    private final AcceleratorCatalog accelerators;
    private final FrameworkCatalog frameworks;
    private final PriceCatalogs.ApiPrices apiPrices;
    private final PriceCatalogs.GpuPrices gpuPrices;
    private volatile CatalogSnapshot snapshot;

    public PlanCatalog(CatalogVersion version, ModelCatalog models, WeightFormatCatalog weightFormats,
                       KvCacheFormatCatalog kvCacheFormats, AcceleratorCatalog accelerators, FrameworkCatalog frameworks,
                       PriceCatalogs.ApiPrices apiPrices, PriceCatalogs.GpuPrices gpuPrices) {
        this.version = version;
        this.models = models;
        this.weightFormats = weightFormats;
        this.kvCacheFormats = kvCacheFormats;
        this.accelerators = accelerators;
        this.frameworks = frameworks;
        this.apiPrices = apiPrices;
        this.gpuPrices = gpuPrices;
    }

    public CatalogSnapshot current() {
        String v = version.current();
        CatalogSnapshot s = snapshot;
        if (s == null || !s.version().equals(v)) {
            s = new CatalogSnapshot(v,
                    CatalogSnapshot.index(models.all(), ModelRow::id, EngineSpecs::model),
                    CatalogSnapshot.index(weightFormats.all(), WeightFormatRow::id, EngineSpecs::weightFormat),
                    CatalogSnapshot.index(kvCacheFormats.all(), KvCacheFormatRow::id, EngineSpecs::kvCacheFormat),
                    CatalogSnapshot.index(accelerators.all(), AcceleratorRow::id, EngineSpecs::accelerator),
                    CatalogSnapshot.index(frameworks.all(), FrameworkRow::id, EngineSpecs::framework),
                    apiPrices.all(), gpuPrices.all());
            snapshot = s;
        }
        return s;
    }

}
