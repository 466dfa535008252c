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
  `ALTER TABLE jobs ADD COLUMN deleted_at INTEGER;
   ALTER TABLE jobs ADD COLUMN webhook_status_code INTEGER;
   CREATE TABLE uploads (
     id         TEXT PRIMARY KEY,
     owner      TEXT NOT NULL,
     path       TEXT NOT NULL,
     bytes      INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE webhook_deliveries (
     id               INTEGER PRIMARY KEY AUTOINCREMENT,
     job_id           TEXT NOT NULL,
     url              TEXT NOT NULL,
     headers_json     TEXT NOT NULL,
     body_json        TEXT NOT NULL,
     status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
     attempts         INTEGER NOT NULL DEFAULT 0,
     max_attempts     INTEGER NOT NULL,
     run_at           INTEGER NOT NULL,
     lease_owner      TEXT,
     lease_expires_at INTEGER,
     last_status_code INTEGER,
     last_error       TEXT,
     created_at       INTEGER NOT NULL
   );
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, run_at);`,
  // The API model name each job asked for, routed to an engine when it runs (NULL: none named).
  `ALTER TABLE jobs ADD COLUMN model TEXT;`,
];
