package io.inferplan.catalog.price;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** The two price catalogs, seeded from {@code catalog/api-prices.csv} and {@code catalog/gpu-prices.csv}. */
public final class PriceCatalogs {

    private PriceCatalogs() {
    }

    @Singleton
    public static class ApiPrices implements CatalogSection {
        private final CatalogStore<ApiPriceRow> store;

        public ApiPrices(ApiPriceRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
            this.store = new CatalogStore<>("api-prices", "API price", repository, tx, changeLog,
                    () -> CsvTable.readResource("catalog/api-prices.csv", ApiPriceRow::fromCsv));
        }

        public CatalogStore<ApiPriceRow> store() {
            return store;
        }

        @Override
        public String name() {
            return "api-prices";
        }

        @Override
        public List<ApiPriceRow> all() {
            return store.all();
        }

        @Override
        public int syncSeed() {
            return store.syncSeed();
        }
    }

    @Singleton
    public static class GpuPrices implements CatalogSection {
        private final CatalogStore<GpuPriceRow> store;

        public GpuPrices(GpuPriceRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
            this.store = new CatalogStore<>("gpu-prices", "GPU price", repository, tx, changeLog,
                    () -> CsvTable.readResource("catalog/gpu-prices.csv", GpuPriceRow::fromCsv));
        }

        public CatalogStore<GpuPriceRow> store() {
            return store;
        }

        @Override
        public String name() {
            return "gpu-prices";
        }

        @Override
        public List<GpuPriceRow> all() {
            return store.all();
        }

        @Override
        public int syncSeed() {
            return store.syncSeed();
        }
    }
}
