import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressPolicy } from '../net/address-policy.js';
import { fetchAudio, type FetchLimits } from '../audio/fetch-audio.js';
import type { AudioSource } from '../domain/job.js';

export interface AcquiredAudio {
  path: string;
  /** Removes what acquiring created (a download); uploads stay until their job is deleted. */
  release(): Promise<void>;
}

export interface AcquireDeps {
  scratchDir: string;
  fetchLimits: FetchLimits;
  addressPolicy: AddressPolicy;
}

/** Stage 1: make the job's audio available as a local file. */
export async function acquireAudio(
  jobId: string,
  source: AudioSource,
  deps: AcquireDeps,
  signal?: AbortSignal,
): Promise<AcquiredAudio> {
  if (source.kind === 'file') return { path: source.path, release: async () => {} };
  const path = join(deps.scratchDir, `${jobId}.download`);
  await fetchAudio(source.url, path, deps.fetchLimits, deps.addressPolicy, signal);
  return { path, release: () => rm(path, { force: true }) };
}
