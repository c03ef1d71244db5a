package io.inferplan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorEntry;
import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.price.ApiPriceRow;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.catalog.price.PriceCatalogs;
import io.inferplan.catalog.price.PriceEntries.ApiPriceEntry;
import io.inferplan.catalog.price.PriceEntries.GpuPriceEntry;
import io.inferplan.common.catalog.CustomEntries;
import io.inferplan.common.catalog.NearestIds;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/** The writable sections of this module (accelerators, API and GPU prices), for their controllers and backups. */
@Factory
public class HardwareCatalogEntries {

    @Singleton
    @Named("accelerators")
    CustomEntries<AcceleratorRow, AcceleratorEntry> accelerators(AcceleratorCatalog catalog) {
        return new CustomEntries<>("accelerators", AcceleratorEntry.class, catalog.store(), AcceleratorEntry::from,
                AcceleratorEntry::toCustomRow, AcceleratorEntry::problems);
    }

    @Singleton
    @Named("api-prices")
    CustomEntries<ApiPriceRow, ApiPriceEntry> apiPrices(PriceCatalogs.ApiPrices prices) {
        return new CustomEntries<>("api-prices", ApiPriceEntry.class, prices.store(), ApiPriceEntry::from,
                ApiPriceEntry::toCustomRow, ApiPriceEntry::problems);
    }

    /** A GPU price must name a catalog accelerator; a wrong id is answered with the nearest ones. */
    @Singleton
    @Named("gpu-prices")
    CustomEntries<GpuPriceRow, GpuPriceEntry> gpuPrices(PriceCatalogs.GpuPrices prices, AcceleratorCatalog accelerators) {
        return new CustomEntries<>("gpu-prices", GpuPriceEntry.class, prices.store(), GpuPriceEntry::from,
                GpuPriceEntry::toCustomRow, entry -> {
                    List<String> ids = accelerators.store().ids();
                    return entry.problems(ids::contains,
                            entry.accelerator() == null ? List.of() : NearestIds.of(entry.accelerator(), ids));
                });
    }
}
