import { setTimeout as sleep } from 'node:timers/promises';
import type { Word } from '../../src/domain/transcript.js';
import { TEST_KEY } from '../../test/helpers/hark.js';

/**
 * Transcript options for scoring recognition: the words as the recognizer heard them. Punctuation and
 * formatting would make the normaliser's job harder, and AssemblyAI's default of leaving out "um" and
 * "uh" would count every filler the references transcribe as a word Hark missed, while the stock
 * tool, which prints them, is scored on them.
 */
export const RAW_WORDS = { punctuate: false, format_text: false, disfluencies: true };

export interface FinishedJob {
  id: string;
  status: string;
  text: string;
  words: Word[];
  error: string | null;
  /** From submission to the poll that saw it finished. */
  wallSeconds: number;
}

async function v2(baseUrl: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}/v2${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: TEST_KEY, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

/**
 * Submits `audioUrl` through the AssemblyAI API and polls until the transcript ends, every `pollMs`:
 * often enough by default that a job's wall time is exact to a few hundredths of a second.
 */
export async function transcribe(baseUrl: string, audioUrl: string, options: Record<string, unknown> = {}, pollMs = 20): Promise<FinishedJob> {
  const started = performance.now();
  const created = await v2(baseUrl, '/transcript', { audio_url: audioUrl, ...options });
  const id = created.id as string;
  if (typeof id !== 'string') throw new Error(`create failed: ${JSON.stringify(created)}`);
  for (;;) {
    const transcript = await v2(baseUrl, `/transcript/${id}`);
    if (transcript.status === 'completed' || transcript.status === 'error') {
      return {
        id,
        status: transcript.status,
        text: (transcript.text as string | null) ?? '',
        words: (transcript.words as FinishedJob['words'] | null) ?? [],
        error: (transcript.error as string | undefined) ?? null,
        wallSeconds: (performance.now() - started) / 1000,
      };
    }
    await sleep(pollMs);
  }
}
