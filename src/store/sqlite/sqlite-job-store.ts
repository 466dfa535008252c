import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Job, JobFailure, JobStatus, NewJob } from '../../domain/job.js';
import type { TranscriptResult } from '../../domain/transcript.js';
import type { JobStore } from '../job-store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';

/** A row of `jobs`; snake_case stays inside this folder. */
interface JobRow {
  id: string;
  owner: string;
  status: JobStatus;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
  run_at: number;
  lease_owner: string | null;
  lease_expires_at: number | null;
  attempts: number;
  max_attempts: number;
  source_json: string;
  audio_url: string;
  options_json: string;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
}

function rowToJob(row: JobRow): Job {
  return {
    id: row.id,
    owner: row.owner,
    status: row.status,
    createdAt: new Date(row.created_at),
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    source: JSON.parse(row.source_json) as Job['source'],
    audioUrl: row.audio_url,
    options: JSON.parse(row.options_json) as Job['options'],
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as TranscriptResult),
    failure:
      row.error_code === null
        ? null
        : ({ code: row.error_code, message: row.error_message ?? '' } as JobFailure),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}

export interface SqliteJobStoreOptions {
  path: string;
  /** Clock for leases and backoff; tests pass a fake one. */
  now?: () => number;
}

/**
 * JobStore on one SQLite file (WAL mode). better-sqlite3 is synchronous and fast for these small
 * statements, so the port's promises resolve immediately; claims run in IMMEDIATE transactions so two
 * processes sharing the file cannot take the same job.
 */
export class SqliteJobStore implements JobStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(options: SqliteJobStoreOptions) {
    mkdirSync(dirname(options.path), { recursive: true });
    this.#db = new Database(options.path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('synchronous = NORMAL');
    this.#now = options.now ?? Date.now;
    this.#migrate();
  }

  #migrate(): void {
    this.#db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = this.#db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number };
    this.#db.transaction(() => {
      SQLITE_MIGRATIONS.forEach((sql, index) => {
        const version = index + 1;
        if (version <= applied.v) return;
        this.#db.exec(sql);
        this.#db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, this.#now());
      });
    }).immediate();
  }

  async create(job: NewJob): Promise<Job> {
    const now = this.#now();
    this.#db
      .prepare(
        `INSERT INTO jobs (id, owner, status, created_at, run_at, max_attempts, source_json, audio_url, options_json)
         VALUES (@id, @owner, 'queued', @now, @now, @maxAttempts, @source, @audioUrl, @options)`,
      )
      .run({
        id: job.id,
        owner: job.owner,
        now,
        maxAttempts: job.maxAttempts,
        source: JSON.stringify(job.source),
        audioUrl: job.audioUrl,
        options: JSON.stringify(job.options),
      });
    return this.#getById(job.id) as Job;
  }

  async get(id: string, owner: string): Promise<Job | null> {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ? AND owner = ?').get(id, owner) as JobRow | undefined;
    return row === undefined ? null : rowToJob(row);
  }

  #getById(id: string): Job | null {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row === undefined ? null : rowToJob(row);
  }

  async claim(workerId: string, leaseMs: number): Promise<Job | null> {
    const claimOne = this.#db.transaction((): Job | null => {
      for (;;) {
        const now = this.#now();
        const row = this.#db
          .prepare(
            `SELECT * FROM jobs
              WHERE (status = 'queued' AND run_at <= @now)
                 OR (status = 'processing' AND lease_expires_at <= @now)
              ORDER BY run_at, created_at LIMIT 1`,
          )
          .get({ now }) as JobRow | undefined;
        if (row === undefined) return null;
        if (row.attempts >= row.max_attempts) {
          // Its worker died on every attempt (a crash loop on this file): stop trying.
          this.#db
            .prepare(
              `UPDATE jobs SET status = 'error', completed_at = @now, lease_owner = NULL, lease_expires_at = NULL,
                      error_code = 'JOB_ATTEMPTS_EXHAUSTED', error_message = @message WHERE id = @id`,
            )
            .run({
              id: row.id,
              now,
              message: `Transcription failed after ${row.attempts} attempts: processing was interrupted each time.`,
            });
          continue;
        }
        this.#db
          .prepare(
            `UPDATE jobs SET status = 'processing', attempts = attempts + 1, lease_owner = @workerId,
                    lease_expires_at = @expires, started_at = COALESCE(started_at, @now) WHERE id = @id`,
          )
          .run({ id: row.id, workerId, expires: now + leaseMs, now });
        return this.#getById(row.id);
      }
    });
    return claimOne.immediate();
  }

  async heartbeat(id: string, workerId: string, leaseMs: number): Promise<boolean> {
    return this.#ifHolder(id, workerId, 'lease_expires_at = @expires', { expires: this.#now() + leaseMs });
  }

  async complete(id: string, workerId: string, result: TranscriptResult): Promise<boolean> {
    return this.#ifHolder(
      id,
      workerId,
      `status = 'completed', completed_at = @now, result_json = @result, error_code = NULL, error_message = NULL,
       lease_owner = NULL, lease_expires_at = NULL`,
      { now: this.#now(), result: JSON.stringify(result) },
    );
  }

  async fail(id: string, workerId: string, failure: JobFailure): Promise<boolean> {
    return this.#ifHolder(
      id,
      workerId,
      `status = 'error', completed_at = @now, error_code = @code, error_message = @message,
       lease_owner = NULL, lease_expires_at = NULL`,
      { now: this.#now(), code: failure.code, message: failure.message },
    );
  }

  async retry(id: string, workerId: string, failure: JobFailure, delayMs: number): Promise<boolean> {
    return this.#ifHolder(
      id,
      workerId,
      `status = 'queued', run_at = @runAt, error_code = @code, error_message = @message,
       lease_owner = NULL, lease_expires_at = NULL`,
      { runAt: this.#now() + delayMs, code: failure.code, message: failure.message },
    );
  }

  async release(id: string, workerId: string): Promise<boolean> {
    return this.#ifHolder(
      id,
      workerId,
      `status = 'queued', attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL`,
      {},
    );
  }

  /** Applies `assignments` only while `workerId` still holds the job's lease. */
  #ifHolder(id: string, workerId: string, assignments: string, params: Record<string, unknown>): boolean {
    const info = this.#db
      .prepare(`UPDATE jobs SET ${assignments} WHERE id = @id AND status = 'processing' AND lease_owner = @workerId`)
      .run({ ...params, id, workerId });
    return info.changes === 1;
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
