-- State store, version 2: the jobs service's job definitions, runs, their tasks and log lines.
-- Portable SQL: runs on H2 (default) and PostgreSQL. Every statement may run again (IF NOT EXISTS): a migration
-- cut off half-way (the process killed) is simply run again at the next start.

-- A job: a named sync from a base stage to a target stage, run now, on a schedule, or from a dropped file.
-- source says where it was defined (properties, api, file); options is a JSON object.
CREATE TABLE IF NOT EXISTS job_definitions (
    name          VARCHAR(100)  NOT NULL PRIMARY KEY,
    base_stage    VARCHAR(100)  NOT NULL,
    target_stage  VARCHAR(100)  NOT NULL,
    schedule      VARCHAR(200),
    options       VARCHAR(4000) NOT NULL,
    source        VARCHAR(20)   NOT NULL,
    created_by    VARCHAR(200)  NOT NULL,
    created_at    TIMESTAMP     NOT NULL
);

-- One run of a job. A resumed run keeps its id and starts a new segment (segment counts them from 0); elapsed_ms
-- adds up the time of every segment, segment_started_at is the start of the current one.
CREATE TABLE IF NOT EXISTS job_runs (
    id                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    job_name            VARCHAR(100)  NOT NULL,
    base_stage          VARCHAR(100)  NOT NULL,
    target_stage        VARCHAR(100)  NOT NULL,
    options             VARCHAR(4000) NOT NULL,
    status              VARCHAR(20)   NOT NULL,
    created_by          VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMP     NOT NULL,
    started_at          TIMESTAMP,
    segment_started_at  TIMESTAMP,
    finished_at         TIMESTAMP,
    elapsed_ms          BIGINT        NOT NULL,
    log_count           INTEGER       NOT NULL,
    error_count         INTEGER       NOT NULL,
    warning_count       INTEGER       NOT NULL,
    message             VARCHAR(4000),
    segment             INTEGER       NOT NULL,
    report              VARCHAR(1000000)
);
CREATE INDEX IF NOT EXISTS job_runs_by_job ON job_runs (job_name, created_at);
CREATE INDEX IF NOT EXISTS job_runs_by_status ON job_runs (status);

-- The phases of a run (assets, entries, relations, publish) with their progress.
CREATE TABLE IF NOT EXISTS job_run_tasks (
    run_id       VARCHAR(64)  NOT NULL,
    name         VARCHAR(50)  NOT NULL,
    position     INTEGER      NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    progress     INTEGER      NOT NULL,
    done_items   BIGINT       NOT NULL,
    total_items  BIGINT       NOT NULL,
    log_count    INTEGER      NOT NULL,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    PRIMARY KEY (run_id, name)
);

-- The log lines of a run, numbered from 1 in the order they were written.
CREATE TABLE IF NOT EXISTS job_run_logs (
    run_id     VARCHAR(64)   NOT NULL,
    seq        INTEGER       NOT NULL,
    logged_at  TIMESTAMP     NOT NULL,
    level      VARCHAR(10)   NOT NULL,
    task       VARCHAR(50),
    message    VARCHAR(4000) NOT NULL,
    PRIMARY KEY (run_id, seq)
);
