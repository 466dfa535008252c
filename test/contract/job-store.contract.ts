import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { NewJob } from '../../src/domain/job.js';
import { parseTranscriptOptions } from '../../src/domain/options.js';
import type { TranscriptResult } from '../../src/domain/transcript.js';
import type { JobStore } from '../../src/store/job-store.js';

export interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

function newJob(owner = 'owner-a', maxAttempts = 3): NewJob {
  return {
    id: randomUUID(),
    owner,
    source: { kind: 'url', url: 'https://example.com/a.mp3' },
    audioUrl: 'https://example.com/a.mp3',
    options: parseTranscriptOptions({}, { coerceStrings: false }),
    maxAttempts,
  };
}

const RESULT: TranscriptResult = {
  text: 'hello world',
  words: [
    { text: 'hello', start: 0, end: 400, confidence: 0.9, speaker: null },
    { text: 'world', start: 400, end: 800, confidence: 0.8, speaker: null },
  ],
  confidence: 0.85,
  audioDurationSeconds: 1.2,
  speechModel: 'slam-1',
  acousticModel: 'a',
  languageModel: 'l',
};

/**
 * The behaviour every JobStore implementation must show. Each implementation's test file calls this
 * with a factory that builds a fresh, empty store on the given clock.
 */
export function describeJobStoreContract(name: string, makeStore: (clock: Clock) => Promise<JobStore>): void {
  describe(`JobStore contract: ${name}`, () => {
    let store: JobStore;
    let time = 1_700_000_000_000;
    const clock: Clock = { now: () => time, advance: (ms) => (time += ms) };

    beforeEach(async () => {
      store = await makeStore(clock);
    });
    afterEach(() => store.close());

    it('creates queued jobs visible only to their owner', async () => {
      const job = await store.create(newJob('owner-a'));
      assert.equal(job.status, 'queued');
      assert.equal(job.attempts, 0);
      assert.equal((await store.get(job.id, 'owner-a'))?.id, job.id);
      assert.equal(await store.get(job.id, 'owner-b'), null);
      assert.equal(await store.get(randomUUID(), 'owner-a'), null);
    });

    it('hands a job to exactly one claimer, oldest first', async () => {
      const first = await store.create(newJob());
      clock.advance(1);
      const second = await store.create(newJob());
      const claimA = await store.claim('worker-a', 10_000);
      const claimB = await store.claim('worker-b', 10_000);
      const claimC = await store.claim('worker-c', 10_000);
      assert.equal(claimA?.id, first.id);
      assert.equal(claimB?.id, second.id);
      assert.equal(claimC, null);
      assert.equal(claimA?.status, 'processing');
      assert.equal(claimA?.attempts, 1);
    });

    it('completes a job, storing the result', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      assert.equal(await store.complete(job.id, 'worker-a', RESULT), true);
      const done = await store.get(job.id, 'owner-a');
      assert.equal(done?.status, 'completed');
      assert.deepEqual(done?.result, RESULT);
      assert.ok(done?.completedAt instanceof Date);
      assert.equal(await store.claim('worker-b', 10_000), null);
    });

    it('re-offers a job whose lease expired, and fences out the old holder', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 5_000);
      clock.advance(4_000);
      assert.equal(await store.heartbeat(job.id, 'worker-a', 5_000), true);
      clock.advance(4_000);
      assert.equal(await store.claim('worker-b', 5_000), null, 'heartbeat kept the lease');
      clock.advance(2_000);
      const reclaimed = await store.claim('worker-b', 5_000);
      assert.equal(reclaimed?.id, job.id);
      assert.equal(reclaimed?.attempts, 2);
      assert.equal(await store.complete(job.id, 'worker-a', RESULT), false, 'old holder is fenced');
      assert.equal(await store.heartbeat(job.id, 'worker-a', 5_000), false);
      assert.equal(await store.complete(job.id, 'worker-b', RESULT), true);
    });

    it('schedules retries after their delay and keeps the error until then', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      await store.retry(job.id, 'worker-a', { code: 'AUDIO_FETCH_FAILED', message: '503' }, 3_000);
      assert.equal((await store.get(job.id, 'owner-a'))?.status, 'queued');
      assert.equal(await store.claim('worker-a', 10_000), null, 'not due yet');
      clock.advance(3_000);
      const again = await store.claim('worker-a', 10_000);
      assert.equal(again?.id, job.id);
      assert.equal(again?.attempts, 2);
    });

    it('fails a job for good, keeping code and message', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      await store.fail(job.id, 'worker-a', { code: 'AUDIO_NOT_AUDIO', message: 'not audio' });
      const failed = await store.get(job.id, 'owner-a');
      assert.equal(failed?.status, 'error');
      assert.deepEqual(failed?.failure, { code: 'AUDIO_NOT_AUDIO', message: 'not audio' });
    });

    it('gives up on a job whose worker died on every attempt', async () => {
      const job = await store.create(newJob('owner-a', 2));
      await store.claim('worker-a', 1_000);
      clock.advance(1_000);
      await store.claim('worker-b', 1_000);
      clock.advance(1_000);
      assert.equal(await store.claim('worker-c', 1_000), null);
      const failed = await store.get(job.id, 'owner-a');
      assert.equal(failed?.status, 'error');
      assert.equal(failed?.failure?.code, 'JOB_ATTEMPTS_EXHAUSTED');
    });

    it('takes back a released job without counting the attempt', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      assert.equal(await store.release(job.id, 'worker-a'), true);
      const again = await store.claim('worker-b', 10_000);
      assert.equal(again?.id, job.id);
      assert.equal(again?.attempts, 1);
    });
  });
}
