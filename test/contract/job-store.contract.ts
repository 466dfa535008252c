import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { NewJob } from '../../src/domain/job.js';
import { parseTranscriptOptions } from '../../src/domain/options.js';
import type { TranscriptResult } from '../../src/domain/transcript.js';
import type { JobStore } from '../../src/store/job-store.js';
import type { TextFeatures } from '../../src/text/index.js';

export interface Clock {
  now: () => number;
  advance: (ms: number) => void;
}

function newJob(owner = 'owner-a', maxAttempts = 3, model: string | null = null): NewJob {
  return {
    id: randomUUID(),
    owner,
    source: { kind: 'url', url: 'https://example.com/a.mp3' },
    audioUrl: 'https://example.com/a.mp3',
    model,
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

const NO_FEATURES: TextFeatures = {
  entities: null, sentiment_analysis_results: null, auto_highlights_result: null, summary: null, chapters: null,
  content_safety_labels: null, iab_categories_result: null,
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

    it('keeps the API model name a job asked for, or that it named none, through claim and completion', async () => {
      const named = await store.create(newJob('owner-a', 3, 'whisper-1'));
      const unnamed = await store.create(newJob('owner-a', 3, null));
      assert.equal(named.model, 'whisper-1');
      assert.equal(unnamed.model, null);
      const claimed = await store.claim('worker-a', 10_000);
      assert.equal(claimed?.model, 'whisper-1');
      await store.complete(named.id, 'worker-a', RESULT, []);
      assert.equal((await store.get(named.id, 'owner-a'))?.model, 'whisper-1');
      assert.equal((await store.get(unnamed.id, 'owner-a'))?.model, null);
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
      assert.equal(await store.complete(job.id, 'worker-a', RESULT, []), true);
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
      assert.equal(await store.complete(job.id, 'worker-a', RESULT, []), false, 'old holder is fenced');
      assert.equal(await store.heartbeat(job.id, 'worker-a', 5_000), false);
      assert.equal(await store.complete(job.id, 'worker-b', RESULT, []), true);
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
      await store.fail(job.id, 'worker-a', { code: 'AUDIO_NOT_AUDIO', message: 'not audio' }, []);
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

    it('lists newest first, filtered, with cursors both ways', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await store.create(newJob())).id);
        clock.advance(i === 2 ? 0 : 10); // two jobs share a millisecond: order must still be stable
      }
      await store.create(newJob('owner-b'));
      const first = await store.list('owner-a', { limit: 2 });
      assert.deepEqual(first.jobs.map((j) => j.id), [ids[4], ids[3]]);
      assert.deepEqual([first.hasNewer, first.hasOlder], [false, true]);
      const older = await store.list('owner-a', { limit: 2, beforeId: ids[3] });
      assert.deepEqual(older.jobs.map((j) => j.id), [ids[2], ids[1]]);
      const oldest = await store.list('owner-a', { limit: 2, beforeId: ids[1] });
      assert.deepEqual(oldest.jobs.map((j) => j.id), [ids[0]]);
      assert.equal(oldest.hasOlder, false);
      const newer = await store.list('owner-a', { limit: 2, afterId: ids[0] });
      assert.deepEqual(newer.jobs.map((j) => j.id), [ids[2], ids[1]]);
      assert.equal(newer.hasNewer, true);
      await store.claim('worker-a', 10_000);
      assert.deepEqual((await store.list('owner-a', { limit: 10, status: 'processing' })).jobs.map((j) => j.id), [ids[0]]);
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      assert.equal((await store.list('owner-a', { limit: 10, createdOn: day })).jobs.length, 5);
      assert.equal((await store.list('owner-a', { limit: 10, createdOn: '2001-01-01' })).jobs.length, 0);
    });

    it('marks finished jobs deleted, keeping the duration, and leaves running ones alone', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      assert.equal((await store.markDeleted(job.id, 'owner-a'))?.deletedAt, null);
      const entity = { entity_type: 'person_name' as const, text: 'Ada', start: 0, end: 400 };
      await store.complete(job.id, 'worker-a', { ...RESULT, features: { ...NO_FEATURES, entities: [entity] }, redactedAudio: 'x.mp3' }, []);
      const deleted = await store.markDeleted(job.id, 'owner-a');
      assert.ok(deleted?.deletedAt instanceof Date);
      assert.equal(deleted?.result?.text, '');
      assert.deepEqual(deleted?.result?.words, []);
      assert.equal(deleted?.result?.features, undefined, 'findings such as entities go with the text');
      assert.equal(deleted?.result?.redactedAudio, undefined);
      assert.equal(deleted?.result?.audioDurationSeconds, RESULT.audioDurationSeconds);
      assert.equal(await store.markDeleted(job.id, 'owner-b'), null);
    });

    it('queues a webhook with the job end, delivers it once, and records the answer on the job', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      const webhook = { url: 'https://hooks.example.com/x', headers: { a: 'b' }, body: { transcript_id: job.id }, maxAttempts: 3 };
      await store.complete(job.id, 'worker-a', RESULT, [webhook]);
      const delivery = await store.claimWebhook('sender-a', 5_000);
      assert.equal(delivery?.jobId, job.id);
      assert.equal(delivery?.attempts, 1);
      assert.deepEqual(delivery?.headers, { a: 'b' });
      assert.equal(await store.claimWebhook('sender-b', 5_000), null, 'leased');
      await store.recordWebhookAttempt(delivery!, 'sender-a', { statusCode: 503, error: 'busy', outcome: 'retry', retryDelayMs: 1_000 });
      assert.equal((await store.get(job.id, 'owner-a'))?.webhookStatusCode, 503);
      assert.equal(await store.claimWebhook('sender-b', 5_000), null, 'not due yet');
      clock.advance(1_000);
      const again = await store.claimWebhook('sender-b', 5_000);
      assert.equal(again?.attempts, 2);
      await store.recordWebhookAttempt(again!, 'sender-b', { statusCode: 200, error: null, outcome: 'delivered', retryDelayMs: 0 });
      clock.advance(10_000);
      assert.equal(await store.claimWebhook('sender-c', 5_000), null, 'delivered for good');
      assert.equal((await store.get(job.id, 'owner-a'))?.webhookStatusCode, 200);
    });

    it('queues several webhooks of one job end in order', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      const hook = (status: string) => ({ url: 'https://h.example.com', headers: {}, body: { status }, maxAttempts: 3 });
      await store.complete(job.id, 'worker-a', RESULT, [hook('completed'), hook('redacted_audio_ready')]);
      const first = await store.claimWebhook('sender-a', 5_000);
      const second = await store.claimWebhook('sender-a', 5_000);
      assert.deepEqual([first?.body, second?.body], [{ status: 'completed' }, { status: 'redacted_audio_ready' }]);
    });

    it('re-offers a webhook whose sender died mid-attempt', async () => {
      const job = await store.create(newJob());
      await store.claim('worker-a', 10_000);
      await store.fail(job.id, 'worker-a', { code: 'AUDIO_NOT_AUDIO', message: 'x' }, [{ url: 'https://h.example.com', headers: {}, body: {}, maxAttempts: 3 }]);
      await store.claimWebhook('sender-a', 5_000);
      clock.advance(5_000);
      assert.equal((await store.claimWebhook('sender-b', 5_000))?.attempts, 2);
    });

    it('keeps uploads per owner', async () => {
      await store.saveUpload({ id: 'u1', owner: 'owner-a', path: '/tmp/u1', bytes: 10 });
      assert.deepEqual(await store.getUpload('u1', 'owner-a'), { id: 'u1', owner: 'owner-a', path: '/tmp/u1', bytes: 10 });
      assert.equal(await store.getUpload('u1', 'owner-b'), null);
      await store.deleteUpload('u1');
      assert.equal(await store.getUpload('u1', 'owner-a'), null);
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
