-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- Hybrid models' recurrent layers (constant state per sequence), documented rope-scaling context extension,
-- and the group layout that defines a weight format's effective bits per weight.

ALTER TABLE model_entry ADD COLUMN recurrent_layers INTEGER;
ALTER TABLE model_entry ADD COLUMN recurrent_conv_state_elements BIGINT;
ALTER TABLE model_entry ADD COLUMN recurrent_ssm_state_elements BIGINT;
ALTER TABLE model_entry ADD COLUMN recurrent_ssm_state_bits INTEGER;
ALTER TABLE model_entry ADD COLUMN rope_scaling_method VARCHAR(20);
ALTER TABLE model_entry ADD COLUMN rope_original_context_tokens INTEGER;
ALTER TABLE model_entry ADD COLUMN rope_scaled_max_context_tokens INTEGER;
ALTER TABLE model_entry ADD COLUMN rope_scaling_source_url VARCHAR(500);

ALTER TABLE weight_format ADD COLUMN storage_bits_per_weight DOUBLE PRECISION;
ALTER TABLE weight_format ADD COLUMN group_size INTEGER;
ALTER TABLE weight_format ADD COLUMN scale_bits_per_group DOUBLE PRECISION;
ALTER TABLE weight_format ADD COLUMN zero_bits_per_group DOUBLE PRECISION;
