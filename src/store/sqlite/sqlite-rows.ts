import type { Job, JobFailure, JobStatus } from '../../domain/job.js';
import type { TranscriptResult } from '../../domain/transcript.js';
import type { WebhookDelivery } from '../../domain/webhook.js';

/** Rows as SQLite returns them; snake_case stays inside this folder. */
export interface JobRow {
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
  model: string | null;
  options_json: string;
  result_json: string | null;
  error_code: string | null;
  error_message: string | null;
  deleted_at: number | null;
  webhook_status_code: number | null;
}

export interface WebhookRow {
  id: number;
  job_id: string;
  url: string;
  headers_json: string;
  body_json: string;
  attempts: number;
  max_attempts: number;
}

const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function rowToJob(row: JobRow): Job {
  return {
    id: row.id,
    owner: row.owner,
    status: row.status,
    createdAt: new Date(row.created_at),
    startedAt: toDate(row.started_at),
    completedAt: toDate(row.completed_at),
    source: JSON.parse(row.source_json) as Job['source'],
    audioUrl: row.audio_url,
    model: row.model,
    options: JSON.parse(row.options_json) as Job['options'],
    result: row.result_json === null ? null : (JSON.parse(row.result_json) as TranscriptResult),
    // A queued job may carry the error of its last attempt; it only counts once the job ended in error.
    failure:
      row.status === 'error' && row.error_code !== null
        ? ({ code: row.error_code, message: row.error_message ?? '' } as JobFailure)
        : null,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    deletedAt: toDate(row.deleted_at),
    webhookStatusCode: row.webhook_status_code,
  };
}

export function rowToDelivery(row: WebhookRow): WebhookDelivery {
  return {
    id: row.id,
    jobId: row.job_id,
    url: row.url,
    headers: JSON.parse(row.headers_json) as Record<string, string>,
    body: JSON.parse(row.body_json) as unknown,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  };
}
