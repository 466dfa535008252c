import { after, before } from 'node:test';
import { AssemblyAI, type Transcript, type TranscriptParams } from 'assemblyai';
import { evalDir } from './eval-set.js';
import { startFileServer, type FileServer } from './file-server.js';
import { startHark, TEST_KEY, type RunningHark } from './hark.js';

export interface SdkHarness {
  readonly hark: RunningHark;
  readonly files: FileServer;
  readonly client: AssemblyAI;
  /** An eval clip (by its file under the eval folder) through the SDK, waiting for the transcript. */
  transcribe(clip: { file: string }, params?: Omit<TranscriptParams, 'audio_url'>): Promise<Transcript>;
}

/**
 * Hark with the eval set served from loopback and the unmodified AssemblyAI SDK pointed at it. Call
 * inside a `describe`: it registers the block's before/after hooks, and the fields are set once
 * `before` has run.
 */
export function useSdkHarness(): SdkHarness {
  const harness = {} as { -readonly [K in keyof SdkHarness]: SdkHarness[K] };
  harness.transcribe = (clip, params = {}) =>
    harness.client.transcripts.transcribe({ audio: `${harness.files.url}/${clip.file}`, ...params }, { pollingInterval: 100 });
  before(async () => {
    harness.hark = await startHark();
    harness.files = await startFileServer(evalDir());
    harness.client = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: harness.hark.url });
  });
  after(async () => {
    await harness.hark.close();
    await harness.files.close();
  });
  return harness;
}
