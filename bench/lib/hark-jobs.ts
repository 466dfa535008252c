import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  /** From submission to reading the finished transcript (after its webhook). */
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
 * Where the jobs' webhooks land: one loopback receiver for the process, made on first use and not
 * keeping the process alive. Each job waits here for its own transcript id.
 */
let receiver: Promise<{ url: string; arrivals: Map<string, () => void> }> | undefined;

function webhookReceiver(): NonNullable<typeof receiver> {
  receiver ??= new Promise((resolve, reject) => {
    const arrivals = new Map<string, () => void>();
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.writeHead(200).end();
        // A body that is not a job's notice wakes nobody: the fallback poll still ends the wait.
        try {
          const { transcript_id: id } = JSON.parse(body) as { transcript_id?: string };
          if (typeof id === 'string') arrivals.get(id)?.();
        } catch {}
      });
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, arrivals });
    });
  });
  return receiver;
}

/**
 * How often a job is polled while its webhook has not come. The webhook says when it ended; the polls
 * are only a safety net, rare enough to cost the server nothing. Polling every 20 ms, as this did
 * before, added 3,000 requests to a 10-minute file's job and 4 s to its 62 s: the server's answers
 * took that CPU from the decoders.
 */
const FALLBACK_POLL_MS = 1_000;

/**
 * Submits `audioUrl` through the AssemblyAI API with a webhook and reads the transcript when the
 * webhook arrives, so the wall time is the service's own, exact to the webhook's delivery, and not
 * inflated by a benchmark polling the server it measures.
 */
export async function transcribe(baseUrl: string, audioUrl: string, options: Record<string, unknown> = {}): Promise<FinishedJob> {
  const { url: webhookUrl, arrivals } = await webhookReceiver();
  const started = performance.now();
  const created = await v2(baseUrl, '/transcript', { audio_url: audioUrl, webhook_url: webhookUrl, ...options });
  const id = created.id as string;
  if (typeof id !== 'string') throw new Error(`create failed: ${JSON.stringify(created)}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      // Armed before the read, so a webhook that lands while the read is on its way still wakes the next one.
      const woken = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, FALLBACK_POLL_MS);
        arrivals.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
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
      await woken;
    }
  } finally {
    clearTimeout(timer);
    arrivals.delete(id);
  }
}
