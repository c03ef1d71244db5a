package io.inferplan.catalog;

import io.inferplan.common.catalog.CatalogSeeder;
import io.inferplan.common.catalog.ChangeLog;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeding what is already seeded changes nothing: a restart (or another replica starting) must not rewrite rows and
 * grow the change table, which would make every replica re-read the catalog. Prices are the case in point: the
 * database gives them back at the column's scale.
 */
@MicronautTest(transactional = false)
class SeedingAgainTest {

    @Inject
    CatalogSeeder seeder;

    @Inject
    ChangeLog changeLog;

    @Test
    void aSecondSeedingRecordsNoChange() {
        String before = changeLog.stamp();
        seeder.seed();
        assertEquals(before, changeLog.stamp());
    }
}
