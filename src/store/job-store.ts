import type { Job, JobFailure, JobStatus, NewJob } from '../domain/job.js';
import type { TranscriptResult } from '../domain/transcript.js';
import type { WebhookAttempt, WebhookDelivery, WebhookRequest } from '../domain/webhook.js';

export interface ListQuery {
  limit: number;
  status?: JobStatus;
  /** `YYYY-MM-DD`, UTC. */
  createdOn?: string;
  /** Only jobs created before this one (older). */
  beforeId?: string;
  /** Only jobs created after this one (newer). */
  afterId?: string;
}

export interface ListPage {
  /** Newest first. */
  jobs: Job[];
  /** Whether jobs older than the last / newer than the first on this page exist (for paging links). */
  hasOlder: boolean;
  hasNewer: boolean;
}

export interface Upload {
  id: string;
  owner: string;
  path: string;
  bytes: number;
}

/**
 * The job-store port. SQLite implements it for one machine; a PostgreSQL implementation satisfies the
 * same contract (test/contract/job-store.contract.ts) to spread workers over several machines.
 *
 * Claiming hands a job to exactly one worker for a lease; the worker renews the lease with
 * heartbeats. A job whose lease runs out (its worker died) becomes claimable again, so nothing
 * accepted is ever lost. Every mutation after a claim names the worker, so a worker that lost its
 * lease cannot overwrite the work of the one that took over.
 *
 * Ending a job and queueing its webhooks happen in one transaction (an outbox), so a crash cannot
 * finish a job without its notifications.
 */
export interface JobStore {
  create(job: NewJob): Promise<Job>;
  /** The job, or null when it does not exist or belongs to another owner. */
  get(id: string, owner: string): Promise<Job | null>;
  list(owner: string, query: ListQuery): Promise<ListPage>;
  /**
   * Wipes a finished job's text and audio reference (the record stays, marked deleted) and returns
   * it; null when unknown. Returns the job unchanged when it is still queued or processing.
   */
  markDeleted(id: string, owner: string): Promise<Job | null>;
  /**
   * Claims the oldest due job: queued and due (`runAt` passed) or processing with an expired lease.
   * Jobs whose attempts are used up are failed instead of claimed.
   */
  claim(workerId: string, leaseMs: number): Promise<Job | null>;
  /** Extends the lease; false when the worker no longer holds the job. */
  heartbeat(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  /** Ends the job in `completed` and queues its webhooks (none, one, or more, e.g. redacted audio's). */
  complete(id: string, workerId: string, result: TranscriptResult, webhooks: readonly WebhookRequest[]): Promise<boolean>;
  /** Ends the job in `error`. */
  fail(id: string, workerId: string, failure: JobFailure, webhooks: readonly WebhookRequest[]): Promise<boolean>;
  /** Puts the job back in the queue to run again after `delayMs`. */
  retry(id: string, workerId: string, failure: JobFailure, delayMs: number): Promise<boolean>;
  /** Hands a claimed job back without counting the attempt (graceful shutdown). */
  release(id: string, workerId: string): Promise<boolean>;

  /** Claims the next due webhook delivery (pending and due, or its sender's lease expired). */
  claimWebhook(workerId: string, leaseMs: number): Promise<WebhookDelivery | null>;
  /** Records an attempt's outcome and the status code on the job (`webhook_status_code`). */
  recordWebhookAttempt(delivery: WebhookDelivery, workerId: string, attempt: WebhookAttempt): Promise<void>;

  saveUpload(upload: Upload): Promise<void>;
  getUpload(id: string, owner: string): Promise<Upload | null>;
  deleteUpload(id: string): Promise<void>;

  close(): Promise<void>;
}
