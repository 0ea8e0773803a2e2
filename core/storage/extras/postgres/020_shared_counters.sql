-- Counters that every instance on this database shares (rate limits of the public lead endpoint and
-- of failed sign-ins per network address): one row per key and fixed window, bumped by one
-- `INSERT … ON CONFLICT DO UPDATE … RETURNING`. UNLOGGED: counters need no crash safety, and skip
-- the write-ahead log. Old windows are deleted as new ones start (core/bus/shared-counter.ts). Idempotent.
CREATE UNLOGGED TABLE IF NOT EXISTS shared_counters (
  key text NOT NULL,
  window_start bigint NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
)
