-- State store, version 4.2: the drafts still to write on top of a published version.
-- Portable SQL: runs on H2 (default) and PostgreSQL.
-- Every statement may run again (an interrupted migration is redone at the next start).

-- draft_pending: the entry was written in its published version and its draft, which differs, is still to be written
-- on top of it by the drafts phase. Kept here, not in the run's memory, so a rerun after a crash writes it.
ALTER TABLE sync_entry_state ADD COLUMN IF NOT EXISTS draft_pending BOOLEAN DEFAULT FALSE NOT NULL;
