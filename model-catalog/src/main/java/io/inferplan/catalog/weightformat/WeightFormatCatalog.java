package io.inferplan.catalog.weightformat;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** Weight formats, seeded from {@code catalog/weight-formats.csv}. */
@Singleton
public class WeightFormatCatalog implements CatalogSection {

    private final CatalogStore<WeightFormatRow> store;

    public WeightFormatCatalog(WeightFormatRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
        this.store = new CatalogStore<>("weight-formats", "weight format", repository, tx, changeLog,
                WeightFormatCatalog::seedRows);
    }

    public static List<WeightFormatRow> seedRows() {
        return CsvTable.readResource("catalog/weight-formats.csv", WeightFormatRow::fromCsv);
    }

    public CatalogStore<WeightFormatRow> store() {
        return store;
    }

    @Override
    public String name() {
        return "weight-formats";
    }

    @Override
    public List<WeightFormatRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }
}
