-- State store, version 4.15: content migrations (stagesync migrate, sync --migrate).
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (an interrupted migration is
-- redone at the next start).

-- One row per migrate run: where it stands (the cursor after the last page done) so a killed run resumes there.
CREATE TABLE IF NOT EXISTS migration_runs (
    run_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    stage         VARCHAR(100)  NOT NULL,
    model         VARCHAR(100)  NOT NULL,
    entry_id      VARCHAR(100),
    to_version    VARCHAR(40),
    status        VARCHAR(20)   NOT NULL,
    cursor_after  VARCHAR(2000),
    started_at    TIMESTAMP     NOT NULL,
    finished_at   TIMESTAMP
);
CREATE INDEX IF NOT EXISTS migration_runs_model ON migration_runs (stage, model, started_at);

-- Per run and entry: the before-image (what a rollback writes back), the hashes before and after, the versions the
-- run applies, and whether the write is PENDING (saved before it is sent), APPLIED, FAILED or ROLLED_BACK.
CREATE TABLE IF NOT EXISTS migration_entries (
    run_id        VARCHAR(64)   NOT NULL,
    stage         VARCHAR(100)  NOT NULL,
    model         VARCHAR(100)  NOT NULL,
    entry_id      VARCHAR(100)  NOT NULL,
    status        VARCHAR(20)   NOT NULL,
    versions      VARCHAR(2000) NOT NULL,
    before_image  VARCHAR(1000000) NOT NULL,
    before_hash   VARCHAR(64)   NOT NULL,
    after_hash    VARCHAR(64)   NOT NULL,
    reason        VARCHAR(2000),
    saved_at      TIMESTAMP     NOT NULL,
    PRIMARY KEY (run_id, entry_id)
);
CREATE INDEX IF NOT EXISTS migration_entries_entry ON migration_entries (stage, model, entry_id);

-- Per entry and version: what was applied (changed or found already in shape), by which run, from which file text.
-- A later restore of a snapshot reads these to know which versions its content already has.
CREATE TABLE IF NOT EXISTS migration_versions (
    stage         VARCHAR(100)  NOT NULL,
    model         VARCHAR(100)  NOT NULL,
    entry_id      VARCHAR(100)  NOT NULL,
    version       VARCHAR(40)   NOT NULL,
    step_name     VARCHAR(200)  NOT NULL,
    step_hash     VARCHAR(64)   NOT NULL,
    run_id        VARCHAR(64)   NOT NULL,
    changed       BOOLEAN       NOT NULL,
    applied_at    TIMESTAMP     NOT NULL,
    PRIMARY KEY (stage, model, entry_id, version)
);
CREATE INDEX IF NOT EXISTS migration_versions_run ON migration_versions (run_id);
