import type { Job, JobFailure, NewJob } from '../domain/job.js';
import type { TranscriptResult } from '../domain/transcript.js';

/**
 * The job-store port. SQLite implements it for one machine; a PostgreSQL implementation satisfies the
 * same contract (test/integration/job-store.contract.ts) to spread workers over several machines.
 *
 * Claiming hands a job to exactly one worker for a lease; the worker renews the lease with
 * heartbeats. A job whose lease runs out (its worker died) becomes claimable again, so nothing
 * accepted is ever lost. Every mutation after a claim names the worker, so a worker that lost its
 * lease cannot overwrite the work of the one that took over.
 */
export interface JobStore {
  create(job: NewJob): Promise<Job>;
  /** The job, or null when it does not exist or belongs to another owner. */
  get(id: string, owner: string): Promise<Job | null>;
  /**
   * Claims the oldest due job: queued and due (`runAt` passed) or processing with an expired lease.
   * Jobs whose attempts are used up are failed instead of claimed.
   */
  claim(workerId: string, leaseMs: number): Promise<Job | null>;
  /** Extends the lease; false when the worker no longer holds the job. */
  heartbeat(id: string, workerId: string, leaseMs: number): Promise<boolean>;
  complete(id: string, workerId: string, result: TranscriptResult): Promise<boolean>;
  /** Ends the job in `error`. */
  fail(id: string, workerId: string, failure: JobFailure): Promise<boolean>;
  /** Puts the job back in the queue to run again after `delayMs`. */
  retry(id: string, workerId: string, failure: JobFailure, delayMs: number): Promise<boolean>;
  /** Hands a claimed job back without counting the attempt (graceful shutdown). */
  release(id: string, workerId: string): Promise<boolean>;
  close(): Promise<void>;
}
