package io.inferplan.catalog.model;

import io.inferplan.common.catalog.CatalogSection;
import io.inferplan.common.catalog.CatalogStore;
import io.inferplan.common.catalog.ChangeLog;
import io.inferplan.common.csv.CsvTable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The models catalog: seeded from {@code catalog/models.csv}, custom entries beside them. */
@Singleton
public class ModelCatalog implements CatalogSection {

    public static final String SEED_RESOURCE = "catalog/models.csv";

    private final CatalogStore<ModelRow> store;

    public ModelCatalog(ModelRepository repository, TransactionOperations<Connection> tx, ChangeLog changeLog) {
        this.store = new CatalogStore<>("models", "model", repository, tx, changeLog, ModelCatalog::seedRows);
    }

    public static List<ModelRow> seedRows() {
        return CsvTable.readResource(SEED_RESOURCE, ModelRow::fromCsv);
    }

    @Override
    public String name() {
        return "models";
    }

    @Override
    public List<ModelRow> all() {
        return store.all();
    }

    @Override
    public int syncSeed() {
        return store.syncSeed();
    }

    public Optional<ModelRow> find(String id) {
        return store.find(id);
    }

    public ModelRow get(String id, String field) {
        return store.get(id, field);
    }

    public List<String> ids() {
        return store.ids();
    }

    /** Filters: family (case-insensitive substring), attention kind. */
    public List<ModelRow> list(String family, String attention) {
        return all().stream()
                .filter(m -> family == null || (m.family() != null
                        && m.family().toLowerCase(Locale.ROOT).contains(family.toLowerCase(Locale.ROOT))))
                .filter(m -> attention == null || attention.equalsIgnoreCase(m.attention()))
                .toList();
    }

    /** The store behind the catalog, for the API's writes ({@link io.inferplan.common.catalog.CatalogWrites}). */
    public CatalogStore<ModelRow> store() {
        return store;
    }
}
