import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { isTerminal, type Job, type JobFailure, type NewJob } from '../../domain/job.js';
import { wipeResult, type TranscriptResult } from '../../domain/transcript.js';
import type { WebhookAttempt, WebhookDelivery, WebhookRequest } from '../../domain/webhook.js';
import type { JobStore, ListPage, ListQuery, Upload } from '../job-store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { rowToDelivery, rowToJob, type JobRow, type WebhookRow } from './sqlite-rows.js';

export interface SqliteJobStoreOptions {
  path: string;
  /** Clock for leases and backoff; tests pass a fake one. */
  now?: () => number;
}

/**
 * JobStore on one SQLite file (WAL mode). better-sqlite3 is synchronous and fast for these small
 * statements, so the port's promises resolve immediately; claims run in IMMEDIATE transactions so
 * several processes sharing the file cannot take the same job.
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
    this.#db
      .transaction(() => {
        const { v } = this.#db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number };
        SQLITE_MIGRATIONS.forEach((sql, index) => {
          if (index + 1 <= v) return;
          this.#db.exec(sql);
          this.#db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(index + 1, this.#now());
        });
      })
      .immediate();
  }

  async create(job: NewJob): Promise<Job> {
    const now = this.#now();
    this.#db
      .prepare(
        `INSERT INTO jobs (id, owner, status, created_at, run_at, max_attempts, source_json, audio_url, model, options_json)
         VALUES (@id, @owner, 'queued', @now, @now, @maxAttempts, @source, @audioUrl, @model, @options)`,
      )
      .run({
        id: job.id,
        owner: job.owner,
        now,
        maxAttempts: job.maxAttempts,
        source: JSON.stringify(job.source),
        audioUrl: job.audioUrl,
        model: job.model,
        options: JSON.stringify(job.options),
      });
    return this.#byId(job.id) as Job;
  }

  async get(id: string, owner: string): Promise<Job | null> {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ? AND owner = ?').get(id, owner) as JobRow | undefined;
    return row === undefined ? null : rowToJob(row);
  }

  #byId(id: string): Job | null {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row === undefined ? null : rowToJob(row);
  }

  async list(owner: string, query: ListQuery): Promise<ListPage> {
    const filters = ['owner = @owner'];
    const params: Record<string, unknown> = { owner, limit: query.limit };
    if (query.status) {
      filters.push('status = @status');
      params.status = query.status;
    }
    if (query.createdOn) {
      const dayStart = Date.parse(`${query.createdOn}T00:00:00Z`);
      filters.push('created_at >= @dayStart AND created_at < @dayEnd');
      Object.assign(params, { dayStart, dayEnd: dayStart + 86_400_000 });
    }
    // Order by (created_at, rowid) so that jobs created in the same millisecond still page stably.
    const cursor = (id: string, op: '<' | '>'): void => {
      filters.push(`(created_at, rowid) ${op} (SELECT created_at, rowid FROM jobs WHERE id = @${op === '<' ? 'before' : 'after'})`);
      params[op === '<' ? 'before' : 'after'] = id;
    };
    if (query.beforeId) cursor(query.beforeId, '<');
    if (query.afterId) cursor(query.afterId, '>');
    const where = filters.join(' AND ');
    // With only an after-cursor, the page is the jobs just after it: take them oldest-first, then flip.
    const ascending = query.afterId !== undefined && query.beforeId === undefined;
    const rows = this.#db
      .prepare(`SELECT rowid AS seq, * FROM jobs WHERE ${where} ORDER BY created_at ${ascending ? 'ASC' : 'DESC'}, rowid ${ascending ? 'ASC' : 'DESC'} LIMIT @limit`)
      .all(params) as (JobRow & { seq: number })[];
    if (ascending) rows.reverse();
    const exists = (sql: string, row: JobRow & { seq: number }): boolean =>
      this.#db.prepare(`SELECT 1 FROM jobs WHERE owner = @owner AND ${sql} LIMIT 1`).get({ owner, c: row.created_at, s: row.seq }) !== undefined;
    const newest = rows[0];
    const oldest = rows.at(-1);
    return {
      jobs: rows.map(rowToJob),
      hasNewer: newest !== undefined && exists('(created_at, rowid) > (@c, @s)', newest),
      hasOlder: oldest !== undefined && exists('(created_at, rowid) < (@c, @s)', oldest),
    };
  }

  async markDeleted(id: string, owner: string): Promise<Job | null> {
    const job = await this.get(id, owner);
    if (job === null || !isTerminal(job.status)) return job;
    const kept = job.result ? JSON.stringify(wipeResult(job.result)) : null;
    this.#db
      .prepare(`UPDATE jobs SET deleted_at = COALESCE(deleted_at, @now), result_json = @kept WHERE id = @id`)
      .run({ id, now: this.#now(), kept });
    return this.#byId(id);
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
            .run({ id: row.id, now, message: `Transcription failed after ${row.attempts} attempts: processing was interrupted each time.` });
          continue;
        }
        this.#db
          .prepare(
            `UPDATE jobs SET status = 'processing', attempts = attempts + 1, lease_owner = @workerId,
                    lease_expires_at = @expires, started_at = COALESCE(started_at, @now) WHERE id = @id`,
          )
          .run({ id: row.id, workerId, expires: now + leaseMs, now });
        return this.#byId(row.id);
      }
    });
    return claimOne.immediate();
  }

  async heartbeat(id: string, workerId: string, leaseMs: number): Promise<boolean> {
    return this.#ifHolder(id, workerId, 'lease_expires_at = @expires', { expires: this.#now() + leaseMs });
  }

  async complete(id: string, workerId: string, result: TranscriptResult, webhooks: readonly WebhookRequest[]): Promise<boolean> {
    return this.#endJob(id, workerId, webhooks, `status = 'completed', result_json = @result, error_code = NULL, error_message = NULL`, {
      result: JSON.stringify(result),
    });
  }

  async fail(id: string, workerId: string, failure: JobFailure, webhooks: readonly WebhookRequest[]): Promise<boolean> {
    return this.#endJob(id, workerId, webhooks, `status = 'error', error_code = @code, error_message = @message`, {
      code: failure.code,
      message: failure.message,
    });
  }

  /** Ends a job and queues its webhooks in one transaction (the outbox), in order. */
  #endJob(id: string, workerId: string, webhooks: readonly WebhookRequest[], assignments: string, params: Record<string, unknown>): boolean {
    return this.#db
      .transaction((): boolean => {
        const now = this.#now();
        const ended = this.#ifHolder(id, workerId, `${assignments}, completed_at = @now, lease_owner = NULL, lease_expires_at = NULL`, { ...params, now });
        for (const webhook of ended ? webhooks : []) {
          this.#db
            .prepare(
              `INSERT INTO webhook_deliveries (job_id, url, headers_json, body_json, status, max_attempts, run_at, created_at)
               VALUES (@id, @url, @headers, @body, 'pending', @maxAttempts, @now, @now)`,
            )
            .run({ id, url: webhook.url, headers: JSON.stringify(webhook.headers), body: JSON.stringify(webhook.body), maxAttempts: webhook.maxAttempts, now });
        }
        return ended;
      })
      .immediate();
  }

  async retry(id: string, workerId: string, failure: JobFailure, delayMs: number): Promise<boolean> {
    return this.#ifHolder(
      id,
      workerId,
      `status = 'queued', run_at = @runAt, error_code = @code, error_message = @message, lease_owner = NULL, lease_expires_at = NULL`,
      { runAt: this.#now() + delayMs, code: failure.code, message: failure.message },
    );
  }

  async release(id: string, workerId: string): Promise<boolean> {
    return this.#ifHolder(id, workerId, `status = 'queued', attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_expires_at = NULL`, {});
  }

  /** Applies `assignments` only while `workerId` still holds the job's lease. */
  #ifHolder(id: string, workerId: string, assignments: string, params: Record<string, unknown>): boolean {
    const info = this.#db
      .prepare(`UPDATE jobs SET ${assignments} WHERE id = @id AND status = 'processing' AND lease_owner = @workerId`)
      .run({ ...params, id, workerId });
    return info.changes === 1;
  }

  async claimWebhook(workerId: string, leaseMs: number): Promise<WebhookDelivery | null> {
    return this.#db
      .transaction((): WebhookDelivery | null => {
        const now = this.#now();
        const row = this.#db
          .prepare(
            `SELECT * FROM webhook_deliveries
              WHERE status = 'pending' AND run_at <= @now AND (lease_expires_at IS NULL OR lease_expires_at <= @now)
              ORDER BY run_at, id LIMIT 1`,
          )
          .get({ now }) as WebhookRow | undefined;
        if (row === undefined) return null;
        this.#db
          .prepare(`UPDATE webhook_deliveries SET attempts = attempts + 1, lease_owner = @workerId, lease_expires_at = @expires WHERE id = @id`)
          .run({ id: row.id, workerId, expires: now + leaseMs });
        return rowToDelivery({ ...row, attempts: row.attempts + 1 });
      })
      .immediate();
  }

  async recordWebhookAttempt(delivery: WebhookDelivery, workerId: string, attempt: WebhookAttempt): Promise<void> {
    this.#db
      .transaction(() => {
        const now = this.#now();
        const status = attempt.outcome === 'retry' ? 'pending' : attempt.outcome;
        const info = this.#db
          .prepare(
            `UPDATE webhook_deliveries SET status = @status, run_at = @runAt, lease_owner = NULL, lease_expires_at = NULL,
                    last_status_code = @code, last_error = @error WHERE id = @id AND lease_owner = @workerId`,
          )
          .run({ id: delivery.id, workerId, status, runAt: now + attempt.retryDelayMs, code: attempt.statusCode, error: attempt.error });
        if (info.changes === 1 && attempt.statusCode !== null) {
          this.#db.prepare('UPDATE jobs SET webhook_status_code = ? WHERE id = ?').run(attempt.statusCode, delivery.jobId);
        }
      })
      .immediate();
  }

  async saveUpload(upload: Upload): Promise<void> {
    this.#db
      .prepare('INSERT INTO uploads (id, owner, path, bytes, created_at) VALUES (@id, @owner, @path, @bytes, @now)')
      .run({ ...upload, now: this.#now() });
  }

  async getUpload(id: string, owner: string): Promise<Upload | null> {
    const row = this.#db.prepare('SELECT id, owner, path, bytes FROM uploads WHERE id = ? AND owner = ?').get(id, owner) as Upload | undefined;
    return row ?? null;
  }

  async deleteUpload(id: string): Promise<void> {
    this.#db.prepare('DELETE FROM uploads WHERE id = ?').run(id);
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
