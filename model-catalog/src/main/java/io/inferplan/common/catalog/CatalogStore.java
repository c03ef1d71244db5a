package io.inferplan.common.catalog;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.micronaut.data.repository.CrudRepository;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared behaviour of every catalog: list, find, create/update/delete of custom entries and seeding, each
 * write in one transaction together with its change record (nothing half-written).
 */
public final class CatalogStore<R extends CatalogRow> {

    private final String name;
    private final String singular;
    private final CrudRepository<R, String> repository;
    private final TransactionOperations<Connection> tx;
    private final ChangeLog changeLog;
    private final Supplier<List<R>> seedRows;

    public CatalogStore(String name, String singular, CrudRepository<R, String> repository,
                        TransactionOperations<Connection> tx, ChangeLog changeLog, Supplier<List<R>> seedRows) {
        this.name = name;
        this.singular = singular;
        this.repository = repository;
        this.tx = tx;
        this.changeLog = changeLog;
        this.seedRows = seedRows;
    }

    public List<R> all() {
        List<R> rows = new ArrayList<>();
        repository.findAll().forEach(rows::add);
        rows.sort(Comparator.comparing(CatalogRow::id));
        return rows;
    }

    public Optional<R> find(String id) {
        return id == null ? Optional.empty() : repository.findById(id);
    }

    /** The entry, or a 404 problem naming the nearest valid ids. */
    public R get(String id, String field) {
        return find(id).orElseThrow(() -> ProblemException.notFound(singular, field, id, NearestIds.of(id, ids())));
    }

    public List<String> ids() {
        return all().stream().map(CatalogRow::id).toList();
    }

    public R create(R row, List<FieldError> errors) {
        requireValid(errors);
        return tx.executeWrite(status -> {
            if (repository.existsById(row.id())) {
                throw ProblemException.conflict(singular + " '" + row.id() + "' exists already; use PUT to change a custom entry");
            }
            R saved = repository.save(row);
            changeLog.record(name, row.id(), "create");
            return saved;
        });
    }

    public R update(String id, R row, List<FieldError> errors) {
        requireValid(errors);
        if (!id.equals(row.id())) {
            throw ProblemException.badRequest("id", "must equal the id in the path ('" + id + "')");
        }
        return tx.executeWrite(status -> {
            requireCustom(get(id, "id"));
            R saved = repository.update(row);
            changeLog.record(name, id, "update");
            return saved;
        });
    }

    public void delete(String id) {
        tx.executeWrite(status -> {
            requireCustom(get(id, "id"));
            repository.deleteById(id);
            changeLog.record(name, id, "delete");
            return null;
        });
    }

    /** Inserts, updates and removes seeded rows to match the CSV; custom rows are never touched. */
    public int syncSeed() {
        Map<String, R> existing = new HashMap<>();
        repository.findAll().forEach(r -> existing.put(r.id(), r));
        int changed = 0;
        Map<String, R> wanted = new HashMap<>();
        for (R row : seedRows.get()) {
            if (wanted.put(row.id(), row) != null) {
                throw new IllegalStateException(name + " seed data repeats id '" + row.id() + "'");
            }
            R current = existing.get(row.id());
            if (current == null) {
                repository.save(row);
                changeLog.record(name, row.id(), "seed-insert");
                changed++;
            } else if (CatalogRow.SEED.equals(current.origin()) && !CustomEntries.same(current, row)) {
                // by value: BigDecimal.equals would count the database's 2.500000 for the CSV's 2.50 as a change,
                // rewriting every price and growing catalog_change (every replica then re-reads) at each start
                repository.update(row);
                changeLog.record(name, row.id(), "seed-update");
                changed++;
            }
        }
        for (R current : existing.values()) {
            if (CatalogRow.SEED.equals(current.origin()) && !wanted.containsKey(current.id())) {
                repository.deleteById(current.id());
                changeLog.record(name, current.id(), "seed-delete");
                changed++;
            }
        }
        return changed;
    }

    private void requireCustom(R row) {
        if (!CatalogRow.CUSTOM.equals(row.origin())) {
            throw new ProblemException(HttpStatus.CONFLICT, "Seeded entry",
                    singular + " '" + row.id() + "' comes from the shipped catalog data and cannot be changed or removed "
                            + "through the API; add a custom entry with a new id instead", List.of());
        }
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }
}
