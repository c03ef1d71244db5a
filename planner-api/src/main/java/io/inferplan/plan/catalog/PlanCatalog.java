package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.framework.FrameworkCatalog;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatCatalog;
import io.inferplan.catalog.model.ModelCatalog;
import io.inferplan.catalog.price.PriceCatalogs;
import io.inferplan.catalog.support.FormatSupportCatalog;
import io.inferplan.catalog.weightformat.WeightFormatCatalog;
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
    private final FormatSupportCatalog support;
    private volatile CatalogSnapshot snapshot;

    public PlanCatalog(CatalogVersion version, ModelCatalog models, WeightFormatCatalog weightFormats,
                       KvCacheFormatCatalog kvCacheFormats, AcceleratorCatalog accelerators, FrameworkCatalog frameworks,
                       PriceCatalogs.ApiPrices apiPrices, PriceCatalogs.GpuPrices gpuPrices,
                       FormatSupportCatalog support) {
        this.version = version;
        this.models = models;
        this.weightFormats = weightFormats;
        this.kvCacheFormats = kvCacheFormats;
        this.accelerators = accelerators;
        this.frameworks = frameworks;
        this.apiPrices = apiPrices;
        this.gpuPrices = gpuPrices;
        this.support = support;
    }

    public CatalogSnapshot current() {
        String v = version.current();
        CatalogSnapshot s = snapshot;
        if (s == null || !s.version().equals(v)) {
            s = CatalogSnapshot.of(v, models.all(), weightFormats.all(), kvCacheFormats.all(), accelerators.all(),
                    frameworks.all(), apiPrices.all(), gpuPrices.all(), support.all());
            snapshot = s;
        }
        return s;
    }

}
