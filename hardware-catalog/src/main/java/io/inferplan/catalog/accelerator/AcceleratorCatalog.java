package io.inferplan.catalog.accelerator;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** Accelerators, seeded from {@code catalog/accelerators.csv}. */
@Singleton
public class AcceleratorCatalog implements CatalogSection {

    private final CatalogStore<AcceleratorRow> store;

    public AcceleratorCatalog(AcceleratorRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
        this.store = new CatalogStore<>("accelerators", "accelerator", repository, tx, changeLog, AcceleratorCatalog::seedRows);
    }

    public static List<AcceleratorRow> seedRows() {
        return CsvTable.readResource("catalog/accelerators.csv", AcceleratorRow::fromCsv);
    }

    public CatalogStore<AcceleratorRow> store() {
        return store;
    }

    @Override
    public String name() {
        return "accelerators";
    }

    @Override
    public List<AcceleratorRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }

    /** Filters: vendor (case-insensitive), minimum memory in GB. */
    public List<AcceleratorRow> list(String vendor, Double minMemoryGB) {
        return all().stream()
                .filter(a -> vendor == null || a.vendor().equalsIgnoreCase(vendor))
                .filter(a -> minMemoryGB == null || (a.memoryGB() != null && a.memoryGB() >= minMemoryGB))
                .toList();
    }
}
