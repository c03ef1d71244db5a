package io.inferplan.plan.saved;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface SavedPlanRepository extends CrudRepository<SavedPlanRow, Long> {

    List<SavedPlanRow> listOrderById();

    /** Compare-and-set on the revision: 1 row updated, or 0 when the plan is gone or its revision moved on. */
    @Query("UPDATE saved_plan SET name = :name, notes = :notes, request_json = :requestJson, summary_json = :summaryJson, "
            + "catalog_version = :catalogVersion, revision = revision + 1, updated_at = :updatedAt "
            + "WHERE id = :id AND revision = :revision")
    long updateIfRevision(long id, long revision, String name, @Nullable String notes, String requestJson,
                          String summaryJson, String catalogVersion, Instant updatedAt);

    /** A restored plan keeps its id (permalinks) and revision; the caller moves the id sequence past it. */
    @Query("INSERT INTO saved_plan (id, name, notes, request_json, summary_json, catalog_version, revision, created_at, updated_at) "
            + "VALUES (:id, :name, :notes, :requestJson, :summaryJson, :catalogVersion, :revision, :createdAt, :updatedAt)")
    void insertWithId(long id, String name, @Nullable String notes, String requestJson, String summaryJson,
                      String catalogVersion, long revision, Instant createdAt, Instant updatedAt);

    @Query("SELECT COALESCE(MAX(id), 0) FROM saved_plan")
    long maxId();
}
