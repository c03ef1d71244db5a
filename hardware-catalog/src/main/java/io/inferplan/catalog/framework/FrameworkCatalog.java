package io.inferplan.catalog.framework;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/**
 * Serving frameworks, seeded from {@code catalog/frameworks.csv}. Read-only through the API: the engine needs
 * each framework's documented runtime defaults, which a custom entry could not supply.
 */
@Singleton
public class FrameworkCatalog implements CatalogSection {

    private final CatalogStore<FrameworkRow> store;

    public FrameworkCatalog(FrameworkRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
        this.store = new CatalogStore<>("frameworks", "framework", repository, tx, changeLog, FrameworkCatalog::seedRows);
    }

    public static List<FrameworkRow> seedRows() {
        return CsvTable.readResource("catalog/frameworks.csv", FrameworkRow::fromCsv);
    }

    public CatalogStore<FrameworkRow> store() {
        return store;
    }

    @Override
    public String name() {
        return "frameworks";
    }

    @Override
    public List<FrameworkRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }
}
