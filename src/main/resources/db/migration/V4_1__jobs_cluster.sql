-- State store, version 4.1: what several jobs-service instances on one state store need.
-- Portable SQL: runs on H2 (default) and PostgreSQL.
-- Every statement may run again (an interrupted migration is redone at the next start).

-- A paused recurring job does not fire; stored, so a restart or a new leader keeps it paused.
ALTER TABLE job_definitions ADD COLUMN IF NOT EXISTS paused BOOLEAN DEFAULT FALSE NOT NULL;

-- owner: the instance that runs (or ran) the run; resume_pending: the run was interrupted by the loss or stop of
-- that instance and the leader resumes it; cancel_requested: a cancel asked on any instance, seen by the owner.
ALTER TABLE job_runs ADD COLUMN IF NOT EXISTS owner VARCHAR(200);
ALTER TABLE job_runs ADD COLUMN IF NOT EXISTS resume_pending BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE job_runs ADD COLUMN IF NOT EXISTS cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;

-- One row per firing of a job's schedule: the primary key makes a second firing for the same instant (by a second
-- instance, or after a failover) fail, so no schedule runs twice for one instant.
CREATE TABLE IF NOT EXISTS job_schedule_fires (
    job_name    VARCHAR(100) NOT NULL,
    fire_time   TIMESTAMP    NOT NULL,
    fired_by    VARCHAR(200) NOT NULL,
    fired_at    TIMESTAMP    NOT NULL,
    run_id      VARCHAR(64),
    PRIMARY KEY (job_name, fire_time)
);
