-- State store, version 1: the id map, run checkpoints, and Camel's JDBC idempotent repository.
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (IF NOT EXISTS): a migration
-- cut off half-way (the process killed) is simply run again at the next start.

-- Maps a source entry (or asset, model = 'Asset') to the entry the target gave it, with the hash of the
-- content last written, so an unchanged entry is skipped and a rerun writes nothing.
CREATE TABLE IF NOT EXISTS id_map (
    source_stage  VARCHAR(100) NOT NULL,
    target_stage  VARCHAR(100) NOT NULL,
    model         VARCHAR(100) NOT NULL,
    source_id     VARCHAR(100) NOT NULL,
    target_id     VARCHAR(100) NOT NULL,
    content_hash  VARCHAR(128),
    synced_at     TIMESTAMP    NOT NULL,
    PRIMARY KEY (source_stage, target_stage, model, source_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS id_map_target ON id_map (source_stage, target_stage, model, target_id);

-- One row per run, phase and model: where the run has got to (cursor or watermark), saved only after
-- every write of a page succeeded.
CREATE TABLE IF NOT EXISTS checkpoints (
    run_id        VARCHAR(64)  NOT NULL,
    source_stage  VARCHAR(100) NOT NULL,
    target_stage  VARCHAR(100) NOT NULL,
    phase         VARCHAR(50)  NOT NULL,
    model         VARCHAR(100) NOT NULL,
    checkpoint    VARCHAR(4000) NOT NULL,
    saved_at      TIMESTAMP    NOT NULL,
    PRIMARY KEY (run_id, phase, model)
);

-- Camel's JdbcMessageIdRepository table (camel-sql defaults).
CREATE TABLE IF NOT EXISTS CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(100) NOT NULL,
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);
