import { randomUUID } from 'node:crypto';
import type { AudioSource, Job } from '../domain/job.js';
import type { TranscriptOptions } from '../domain/options.js';
import type { JobStore } from '../store/job-store.js';

export interface JobSubmissionDeps {
  store: JobStore;
  maxAttempts: number;
  /** Tells the worker there is new work, so it does not wait for its next poll. */
  onJobCreated: () => void;
}

/** Accepts a validated transcription request as a durable job. Shared by every API surface. */
export async function submitJob(
  deps: JobSubmissionDeps,
  owner: string,
  source: AudioSource,
  audioUrl: string,
  options: TranscriptOptions,
): Promise<Job> {
  const job = await deps.store.create({
    id: randomUUID(),
    owner,
    source,
    audioUrl,
    options,
    maxAttempts: deps.maxAttempts,
  });
  deps.onJobCreated();
  return job;
}
