package io.inferplan.common.catalog;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Appends to {@code catalog_change}, the table whose growth tells every replica that the catalog changed.
 * Always called inside the transaction of the change it records.
 */
@Singleton
public class ChangeLog {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> tx;

    public ChangeLog(JdbcOperations jdbc, TransactionOperations<Connection> tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public void record(String catalog, String entryId, String action) {
        jdbc.prepareStatement("INSERT INTO catalog_change (catalog, entry_id, action, changed_at) VALUES (?, ?, ?, ?)", ps -> {
            ps.setString(1, catalog);
            ps.setString(2, entryId);
            ps.setString(3, action);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return null;
        });
    }

    /** (number of changes, highest change id): changes whenever any entry is added, changed or removed. */
    public String stamp() {
        return tx.executeRead(status -> jdbc.prepareStatement("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM catalog_change", ps -> {
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getLong(2);
            }
        }));
    }

    /** Serialises seeding across replicas that start together: a row lock on {@code catalog_lock}. */
    public void lockForSeeding() {
        jdbc.prepareStatement("SELECT name FROM catalog_lock WHERE name = 'seed' FOR UPDATE", ps -> {
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }
}
