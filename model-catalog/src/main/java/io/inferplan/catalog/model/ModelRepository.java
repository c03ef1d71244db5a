package io.inferplan.catalog.model;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Dialect POSTGRES on purpose: H2 runs in PostgreSQL mode, so the same generated SQL serves both. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelRepository extends CrudRepository<ModelRow, String> {
}
