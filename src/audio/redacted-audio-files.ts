import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RedactedAudioFormat } from './redact-audio.js';

const JOB_ID = /^[0-9a-f-]{36}$/;
const FILE_NAME = /^[A-Za-z0-9_-]{32}\.(?:mp3|wav)$/;

/**
 * The PII-redacted copies of jobs' audio, at `<dir>/<job id>/<token>.<format>`. The token (192
 * random bits) makes the file's URL a capability: the AssemblyAI SDK downloads it without an API
 * key, so knowing the URL is what grants access, and nobody can guess it.
 */
export class RedactedAudioFiles {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /**
   * Writes a job's redacted copy with `produce(path)` and returns its file name. A copy left by an
   * earlier attempt at the job is removed first; a failed write leaves nothing behind.
   */
  async write(jobId: string, format: RedactedAudioFormat, produce: (path: string) => Promise<void>): Promise<string> {
    await this.remove(jobId);
    const folder = join(this.#dir, jobId);
    await mkdir(folder, { recursive: true });
    const name = `${randomBytes(24).toString('base64url')}.${format}`;
    try {
      await produce(join(folder, name));
    } catch (error) {
      await this.remove(jobId);
      throw error;
    }
    return name;
  }

  /** The file's path, or null when the job id or name is not of the shape `write` makes (so no URL can reach outside the folder). */
  pathOf(jobId: string, name: string): string | null {
    return JOB_ID.test(jobId) && FILE_NAME.test(name) ? join(this.#dir, jobId, name) : null;
  }

  urlOf(publicUrl: string, jobId: string, name: string): string {
    return `${publicUrl}/redacted-audio/${jobId}/${name}`;
  }

  /** Deletes a job's redacted copy (with its transcript). */
  async remove(jobId: string): Promise<void> {
    if (JOB_ID.test(jobId)) await rm(join(this.#dir, jobId), { recursive: true, force: true });
  }
}
