-- State store, version 5.13: the schema base of each stage pair, for the three-way schema merge.
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (IF NOT EXISTS).

-- After every successful sync or schema apply of a pair, the schema of both stages as they then were
-- (canonical JSON, field ids included): what a later schema diff compares both sides against.
CREATE TABLE IF NOT EXISTS schema_base (
    source_stage     VARCHAR(100)     NOT NULL,
    target_stage     VARCHAR(100)     NOT NULL,
    source_schema    VARCHAR(1000000) NOT NULL,
    target_schema    VARCHAR(1000000) NOT NULL,
    saved_at         TIMESTAMP        NOT NULL,
    PRIMARY KEY (source_stage, target_stage)
);
