-- Portable SQL: runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
-- The support table (framework x format x hardware, each cell with its documentation source) and CPUs' host memory.

CREATE TABLE format_support (
    id          VARCHAR(160) PRIMARY KEY,
    framework   VARCHAR(64)  NOT NULL,
    format_kind VARCHAR(10)  NOT NULL,
    format      VARCHAR(64)  NOT NULL,
    hardware    VARCHAR(64)  NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    note        VARCHAR(2000),
    source_url  VARCHAR(500) NOT NULL,
    as_of       DATE         NOT NULL,
    origin      VARCHAR(10)  NOT NULL
);

ALTER TABLE accelerator ADD COLUMN host_memory BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE accelerator ADD COLUMN memory_channels INTEGER;
ALTER TABLE accelerator ADD COLUMN memory_transfer_rate_mtps DOUBLE PRECISION;
ALTER TABLE accelerator ADD COLUMN max_memory_gb DOUBLE PRECISION;
