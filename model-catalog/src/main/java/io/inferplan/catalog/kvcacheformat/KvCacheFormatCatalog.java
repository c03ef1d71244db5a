package io.inferplan.catalog.kvcacheformat;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** KV-cache formats, seeded from {@code catalog/kv-cache-formats.csv}. */
@Singleton
public class KvCacheFormatCatalog implements CatalogSection {

    private final CatalogStore<KvCacheFormatRow> store;

    public KvCacheFormatCatalog(KvCacheFormatRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
        this.store = new CatalogStore<>("kv-cache-formats", "KV-cache format", repository, tx, changeLog,
                KvCacheFormatCatalog::seedRows);
    }

    public static List<KvCacheFormatRow> seedRows() {
        return CsvTable.readResource("catalog/kv-cache-formats.csv", KvCacheFormatRow::fromCsv);
    }

    public CatalogStore<KvCacheFormatRow> store() {
        return store;
    }

    @Override
    public String name() {
        return "kv-cache-formats";
    }

    @Override
    public List<KvCacheFormatRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }
}
