package io.inferplan.common.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.List;

/**
 * At start-up, brings the seeded catalog rows in line with the CSVs in the jar, in one transaction under a row
 * lock so that several replicas starting at once do not race. Custom entries are left as they are.
 */
@Singleton
@Requires(property = "inferplan.catalog.seed", notEquals = "false")
public class CatalogSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogSeeder.class);

    private final List<CatalogSection> sections;
    private final ChangeLog changeLog;
    private final TransactionOperations<Connection> tx;

    public CatalogSeeder(List<CatalogSection> sections, ChangeLog changeLog, TransactionOperations<Connection> tx) {
        this.sections = sections;
        this.changeLog = changeLog;
        this.tx = tx;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        seed();
    }

    public void seed() {
        tx.executeWrite(status -> {
            changeLog.lockForSeeding();
            for (CatalogSection section : sections) {
                int changed = section.syncSeed();
                if (changed > 0) {
                    LOG.info("catalog {}: {} seeded rows inserted, updated or removed", section.name(), changed);
                }
            }
            return null;
        });
    }
}
