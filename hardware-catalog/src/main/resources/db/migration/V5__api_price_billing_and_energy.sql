-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- API prices as billed (prompt-cache source, batch discount, long-context tier) and the provider's published
-- energy/carbon figures; every new column may be empty (no source found).

ALTER TABLE api_price ADD COLUMN cached_input_source_url VARCHAR(500);
ALTER TABLE api_price ADD COLUMN cached_input_as_of DATE;
ALTER TABLE api_price ADD COLUMN batch_discount_fraction NUMERIC(6, 4);
ALTER TABLE api_price ADD COLUMN batch_source_url VARCHAR(500);
ALTER TABLE api_price ADD COLUMN batch_as_of DATE;
ALTER TABLE api_price ADD COLUMN long_context_threshold_tokens INTEGER;
ALTER TABLE api_price ADD COLUMN usd_per_million_long_context_input_tokens NUMERIC(14, 6);
ALTER TABLE api_price ADD COLUMN usd_per_million_long_context_cached_input_tokens NUMERIC(14, 6);
ALTER TABLE api_price ADD COLUMN usd_per_million_long_context_output_tokens NUMERIC(14, 6);
ALTER TABLE api_price ADD COLUMN long_context_source_url VARCHAR(500);
ALTER TABLE api_price ADD COLUMN long_context_as_of DATE;
ALTER TABLE api_price ADD COLUMN kwh_per_million_output_tokens DOUBLE PRECISION;
ALTER TABLE api_price ADD COLUMN g_co2e_per_million_output_tokens DOUBLE PRECISION;
ALTER TABLE api_price ADD COLUMN energy_source_url VARCHAR(500);
ALTER TABLE api_price ADD COLUMN energy_as_of DATE;
ALTER TABLE api_price ADD COLUMN energy_notes VARCHAR(2000);
