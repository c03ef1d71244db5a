package io.inferplan.catalog.kvcacheformat;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface KvCacheFormatRepository extends CrudRepository<KvCacheFormatRow, String> {
}
