package io.inferplan.catalog;

import io.inferplan.catalog.kvcacheformat.KvCacheFormatCatalog;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatEntry;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelCatalog;
import io.inferplan.catalog.model.ModelEntry;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.weightformat.WeightFormatCatalog;
import io.inferplan.catalog.weightformat.WeightFormatEntry;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.common.catalog.CustomEntries;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The writable sections of this module (models, weight and KV-cache formats), for their controllers and backups. */
@Factory
public class ModelCatalogEntries {

    @Singleton
    @Named("models")
    CustomEntries<ModelRow, ModelEntry> models(ModelCatalog catalog) {
        return new CustomEntries<>("models", ModelEntry.class, catalog.store(), ModelEntry::from, ModelEntry::toCustomRow,
                ModelEntry::problems);
    }

    @Singleton
    @Named("weight-formats")
    CustomEntries<WeightFormatRow, WeightFormatEntry> weightFormats(WeightFormatCatalog catalog) {
        return new CustomEntries<>("weight-formats", WeightFormatEntry.class, catalog.store(), WeightFormatEntry::from,
                WeightFormatEntry::toCustomRow, WeightFormatEntry::problems);
    }

    @Singleton
    @Named("kv-cache-formats")
    CustomEntries<KvCacheFormatRow, KvCacheFormatEntry> kvCacheFormats(KvCacheFormatCatalog catalog) {
        return new CustomEntries<>("kv-cache-formats", KvCacheFormatEntry.class, catalog.store(), KvCacheFormatEntry::from,
                KvCacheFormatEntry::toCustomRow, KvCacheFormatEntry::problems);
    }
}
