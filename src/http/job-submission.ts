import { randomUUID } from 'node:crypto';
import type { AudioSource, Job } from '../domain/job.js';
import type { TranscriptOptions } from '../domain/options.js';
import type { ModelRouter } from '../engines/model-router.js';
import type { JobStore } from '../store/job-store.js';
import type { UploadStore } from './uploads.js';

export interface JobSubmissionDeps {
  store: JobStore;
  /** Which model each API model name runs on, to check requests against before accepting them. */
  router: ModelRouter;
  maxAttempts: number;
  /** Tells the worker there is new work, so it does not wait for its next poll. */
  onJobCreated: () => void;
}

/**
 * Accepts a validated transcription request as a durable job. Shared by every API surface. `model` is
 * the API model name the request asked for (null: none), already checked against the model it runs on.
 */
export async function submitJob(
  deps: JobSubmissionDeps,
  owner: string,
  source: AudioSource,
  audioUrl: string,
  model: string | null,
  options: TranscriptOptions,
): Promise<Job> {
  const job = await deps.store.create({
    id: randomUUID(),
    owner,
    source,
    audioUrl,
    model,
    options,
    maxAttempts: deps.maxAttempts,
  });
  deps.onJobCreated();
  return job;
}

/** Where a submitted URL's audio comes from: Hark's own upload (read from disk) or the web. */
export async function sourceForUrl(uploads: UploadStore, owner: string, url: string, publicUrl: string): Promise<AudioSource> {
  const upload = await uploads.resolve(owner, url, publicUrl);
  return upload ? { kind: 'file', path: upload.path } : { kind: 'url', url };
}
