package io.inferplan.common.catalog;

/** What every catalog table row has: a stable id and where it came from. */
public interface CatalogRow {

    /** Seeded from the catalog CSVs shipped in the jar; read-only through the API. */
    String SEED = "seed";
    /** Added by an administrator through the API; survives upgrades and re-seeding. */
    String CUSTOM = "custom";

    String id();

    String origin();
}
