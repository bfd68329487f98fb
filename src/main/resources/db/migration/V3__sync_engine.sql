-- State store, version 3: what the sync engine keeps between runs besides the id map and checkpoints.
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (IF NOT EXISTS): a migration
-- cut off half-way (the process killed) is simply run again at the next start.

-- One row per sync run: a run that never finished is resumed from its checkpoints by the next run
-- of the same stage pair.
CREATE TABLE IF NOT EXISTS sync_runs (
    run_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    source_stage  VARCHAR(100) NOT NULL,
    target_stage  VARCHAR(100) NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    started_at    TIMESTAMP    NOT NULL,
    finished_at   TIMESTAMP
);
CREATE INDEX IF NOT EXISTS sync_runs_pair ON sync_runs (source_stage, target_stage, started_at);

-- The updatedAt high-water mark per model: the next run reads only entries updated since.
CREATE TABLE IF NOT EXISTS sync_watermarks (
    source_stage  VARCHAR(100) NOT NULL,
    target_stage  VARCHAR(100) NOT NULL,
    model         VARCHAR(100) NOT NULL,
    watermark     VARCHAR(40)  NOT NULL,
    saved_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (source_stage, target_stage, model)
);

-- Per entry work that outlives a page: links whose target did not exist yet (written by the relations
-- phase), and the published state wanted (source's publishedAt) versus applied in the target.
CREATE TABLE IF NOT EXISTS sync_entry_state (
    source_stage     VARCHAR(100) NOT NULL,
    target_stage     VARCHAR(100) NOT NULL,
    model            VARCHAR(100) NOT NULL,
    source_id        VARCHAR(100) NOT NULL,
    pending_links    VARCHAR(100000),
    publish_wanted   VARCHAR(40),
    publish_applied  VARCHAR(40),
    PRIMARY KEY (source_stage, target_stage, model, source_id)
);

-- The dead-letter record: every item a run could not sync, with the reason.
CREATE TABLE IF NOT EXISTS sync_failures (
    run_id        VARCHAR(64)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    source_id     VARCHAR(100) NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    failed_at     TIMESTAMP    NOT NULL
);
CREATE INDEX IF NOT EXISTS sync_failures_run ON sync_failures (run_id);
