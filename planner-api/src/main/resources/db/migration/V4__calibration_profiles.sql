-- Calibration profiles refitted on a user's measurements; the profile is kept as its CSV text.
CREATE TABLE calibration_profile (
    name         VARCHAR(64) PRIMARY KEY,
    profile_csv  VARCHAR(1000000) NOT NULL,
    rows_used    INTEGER NOT NULL,
    rows_skipped VARCHAR(100000),
    created_at   TIMESTAMP NOT NULL
);
