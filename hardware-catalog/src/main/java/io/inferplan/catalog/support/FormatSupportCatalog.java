package io.inferplan.catalog.support;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** The support table, seeded from {@code catalog/format-support.csv}; read-only through the API. */
@Singleton
public class FormatSupportCatalog implements CatalogSection {

    private final CatalogStore<FormatSupportRow> store;

    public FormatSupportCatalog(FormatSupportRepository repository, TransactionOperations<Connection> tx,
                                ChangeLog changeLog) {
        this.store = new CatalogStore<>("format-support", "support cell", repository, tx, changeLog,
                FormatSupportCatalog::seedRows);
    }

    public static List<FormatSupportRow> seedRows() {
        return CsvTable.readResource("catalog/format-support.csv", FormatSupportRow::fromCsv);
    }

    public CatalogStore<FormatSupportRow> store() {
        return store;
    }

    @Override
    public String name() {
        return "format-support";
    }

    @Override
    public List<FormatSupportRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }

    /** Cells matching every given filter (null = any): framework, format id, kind (weight, kv), hardware selector. */
    public List<FormatSupportRow> list(String framework, String format, String formatKind, String hardware) {
        return all().stream()
                .filter(r -> framework == null || r.framework().equals(framework))
                .filter(r -> format == null || r.format().equals(format))
                .filter(r -> formatKind == null || r.formatKind().equals(formatKind))
                .filter(r -> hardware == null || r.hardware().equalsIgnoreCase(hardware))
                .toList();
    }
}
