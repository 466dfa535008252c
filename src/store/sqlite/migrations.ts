/**
 * Schema versions of the SQLite job store, applied in order and recorded in `schema_migrations`.
 * Never edit a released entry: append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE jobs (
     id               TEXT PRIMARY KEY,
     owner            TEXT NOT NULL,
     status           TEXT NOT NULL CHECK (status IN ('queued', 'processing', 'completed', 'error')),
     created_at       INTEGER NOT NULL,
     started_at       INTEGER,
     completed_at     INTEGER,
     run_at           INTEGER NOT NULL,
     lease_owner      TEXT,
     lease_expires_at INTEGER,
     attempts         INTEGER NOT NULL DEFAULT 0,
     max_attempts     INTEGER NOT NULL,
     source_json      TEXT NOT NULL,
     audio_url        TEXT NOT NULL,
     options_json     TEXT NOT NULL,
     result_json      TEXT,
     error_code       TEXT,
     error_message    TEXT
   );
   CREATE INDEX jobs_due ON jobs (status, run_at);
   CREATE INDEX jobs_owner_created ON jobs (owner, created_at);`,
];
