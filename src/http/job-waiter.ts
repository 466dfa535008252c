import { setTimeout as sleep } from 'node:timers/promises';
import { HarkError } from '../domain/errors.js';
import { isTerminal, type Job } from '../domain/job.js';
import type { JobStore } from '../store/job-store.js';

const POLL_MS = 100;

/**
 * Waits until a job ends (for the synchronous OpenAI endpoint). Polls the store, so it works the
 * same whichever process or machine runs the job. Throws SYNC_TIMEOUT after `timeoutMs`; the job
 * itself carries on and stays readable through the async APIs.
 */
export async function waitForJob(store: JobStore, id: string, owner: string, timeoutMs: number, signal?: AbortSignal): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await store.get(id, owner);
    if (job === null) throw new HarkError('JOB_NOT_FOUND', `job ${id} disappeared`);
    if (isTerminal(job.status)) return job;
    if (Date.now() >= deadline) {
      throw new HarkError('SYNC_TIMEOUT', `Transcription did not finish within ${Math.round(timeoutMs / 1000)} s; it goes on as transcript ${id}.`);
    }
    await sleep(POLL_MS, undefined, { signal });
  }
}
