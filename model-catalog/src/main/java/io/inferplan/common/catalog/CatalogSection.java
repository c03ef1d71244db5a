package io.inferplan.common.catalog;

import java.util.List;

/** One catalog (models, accelerators, …) as seen by the seeder and the catalog version. */
public interface CatalogSection {

    /** Name used in change records and the version listing ("models", "accelerators"). */
    String name();

    /** Every entry, seeded and custom, in id order. */
    List<? extends CatalogRow> all();

    /** Brings the seeded rows in line with the CSV shipped in the jar; returns the number of rows changed. */
    int syncSeed();
}
