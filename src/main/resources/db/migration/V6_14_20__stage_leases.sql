-- State store, version 6.14.20: which stage a run is writing to, so other runs (the CLI's and the jobs service's) keep off it.
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (IF NOT EXISTS).

-- A lease on a stage: held by one run (holder), renewed while it runs; a lease past expires_at is free again, so a
-- killed run blocks the stage for one lease period at most.
CREATE TABLE IF NOT EXISTS stage_leases (
    stage       VARCHAR(100) NOT NULL PRIMARY KEY,
    holder      VARCHAR(200) NOT NULL,
    purpose     VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMP    NOT NULL
);
