import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getJson, postForm, postJson, waitForGeneration } from '../helpers/aimlapi-client.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { runHarkCli, startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';
import { startReleaseServer, type ReleaseServer } from '../helpers/release-server.js';
import { TINY_NEMO_CTC, TINY_SENSE_VOICE, tinyModelRelease } from '../helpers/tiny-onnx-model.js';

const RATE = 16_000;

/**
 * A WAV of pure tones, 2.5 s each, a second of digital silence around each: Hark cuts it into one
 * piece per tone. To the tiny SenseVoice model a low tone (300 Hz) is the English word "hark", a high
 * one (3000 Hz) the Chinese word "tiny" (see tiny-onnx-model.ts).
 */
function toneWav(path: string, frequencies: readonly number[]): string {
  const tone = 2.5 * RATE;
  const gap = RATE;
  const samples = new Int16Array(gap + frequencies.length * (tone + gap));
  frequencies.forEach((frequency, index) => {
    const start = gap + index * (tone + gap);
    for (let i = 0; i < tone; i++) samples[start + i] = Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * frequency * i) / RATE));
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  writeFileSync(path, Buffer.concat([header, Buffer.from(samples.buffer)]));
  return path;
}

/** Text without the casing and punctuation the text stage adds. */
const plain = (text: unknown): string => String(text).toLowerCase().replace(/[^a-z ]/g, '');

const V2_HEADERS = { authorization: TEST_KEY, 'content-type': 'application/json' };

async function submitV2(url: string, body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/v2/transcript`, { method: 'POST', headers: V2_HEADERS, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function finishedV2(url: string, id: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const transcript = (await (await fetch(`${url}/v2/transcript/${id}`, { headers: V2_HEADERS })).json()) as Record<string, unknown>;
    if (transcript.status === 'completed' || transcript.status === 'error') return transcript;
    assert.ok(Date.now() < deadline, 'the transcript did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function transcribeV2(url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const created = await submitV2(url, body);
  assert.equal(created.status, 200, JSON.stringify(created.body));
  return finishedV2(url, created.body.id as string);
}

/** OpenAI's synchronous transcription of a file of `dir`. */
async function openAi(url: string, dir: string, file: string, fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([readFileSync(join(dir, file))]), file);
  return postForm(`${url}/v1/audio/transcriptions`, form);
}

async function transcriptCount(url: string): Promise<number> {
  return ((await getJson(`${url}/v2/transcript?limit=200`)).body.transcripts as unknown[]).length;
}

describe('model routing and language detection with two installed models', () => {
  let releases: ReleaseServer;
  let audio: FileServer;
  let audioDir: string;
  let hark: RunningHark;

  before(async () => {
    const work = mkdtempSync(join(tmpdir(), 'hark-routing-'));
    const nemo = tinyModelRelease(work, 'tiny-nemo-ctc', TINY_NEMO_CTC);
    const senseVoice = tinyModelRelease(work, 'tiny-sense-voice', TINY_SENSE_VOICE);
    releases = await startReleaseServer(nemo.dir);
    const dataDir = join(work, 'data');
    const catalog = join(work, 'catalog.json');
    writeFileSync(catalog, JSON.stringify([nemo.entry, senseVoice.entry]));
    const env = { HARK_DATA_DIR: dataDir, HARK_MODEL_CATALOG: catalog, HARK_MODEL_BASE_URL: releases.okUrl, HARK_LOG_LEVEL: 'silent' };
    for (const name of ['tiny-nemo-ctc', 'tiny-sense-voice']) {
      const pulled = await runHarkCli(['models', 'pull', name], env);
      assert.equal(pulled.code, 0, pulled.stderr);
    }

    audioDir = join(work, 'audio');
    mkdirSync(audioDir);
    toneWav(join(audioDir, 'low.wav'), [300, 300, 300]);
    toneWav(join(audioDir, 'high.wav'), [3000, 3000]);
    toneWav(join(audioDir, 'mixed.wav'), [300, 3000, 3000]);
    audio = await startFileServer(audioDir);

    hark = await startHark({
      ...env,
      HARK_ENGINE_WORKERS: '1',
      // The tones stand in for speech for the rule-weighted model; the speech gate would rightly drop them.
      HARK_SPEECH_THRESHOLD: '0',
      // The default stays the embedded engine; whisper-tiny is in the built-in catalog but not installed.
      HARK_MODEL_MAP: [
        'slam-1=tiny-nemo-ctc',
        'aai/slam-1=whisper-tiny',
        'nano=tiny-sense-voice',
        'whisper-1=tiny-sense-voice',
        'universal=whisper-tiny',
        'gpt-4o-transcribe=whisper-tiny',
      ].join(','),
    });
  });
  after(async () => {
    await hark?.close();
    await audio?.close();
    await releases?.close();
  });

  it('refuses to start on a map naming a model no catalog knows', async () => {
    await assert.rejects(
      startHark({ HARK_MODEL_MAP: 'nano=tiny-sense-voce' }),
      /HARK_MODEL_MAP: nano=tiny-sense-voce: unknown model 'tiny-sense-voce'; known models: /,
    );
  });

  it('runs each API model name on the model it is routed to, starting one engine per model on first use', async () => {
    const low = `${audio.url}/low.wav`;
    const queued = await submitV2(hark.url, { audio_url: low, speech_model: 'nano' });
    assert.equal(queued.body.speech_model, 'tiny-sense-voice', 'a queued transcript already names the model it is routed to');
    const senseVoice = await finishedV2(hark.url, queued.body.id as string);
    assert.equal(senseVoice.status, 'completed', String(senseVoice.error));
    assert.deepEqual([senseVoice.speech_model, senseVoice.acoustic_model], ['tiny-sense-voice', 'tiny-sense-voice']);
    assert.equal(plain(senseVoice.text), 'hark hark hark', 'one word per low tone: the SenseVoice model ran');

    const nemo = await transcribeV2(hark.url, { audio_url: low, speech_model: 'slam-1' });
    assert.equal(nemo.status, 'completed', String(nemo.error));
    assert.deepEqual([nemo.speech_model, nemo.acoustic_model], ['tiny-nemo-ctc', 'tiny-nemo-ctc']);

    // AI/ML API's `slam-1` is the same name, so the same route; OpenAI's whisper-1 shares SenseVoice's engine.
    const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'slam-1', url: low });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.result?.speech_model, 'tiny-nemo-ctc');
    const whisper = await openAi(hark.url, audioDir, 'high.wav', { model: 'whisper-1' });
    assert.equal(whisper.status, 200, JSON.stringify(whisper.body));
    assert.equal(plain(whisper.body.text), 'tiny tiny');

    assert.deepEqual(hark.app.engines.started, ['tiny-sense-voice', 'tiny-nemo-ctc'], 'one engine per model, reused; the unused default never started');
  });

  it('refuses, before any job exists, a name routed to a model that is not installed, in each surface’s format', async () => {
    const before = await transcriptCount(hark.url);
    const notInstalled = /model 'whisper-tiny' is not installed: run `hark models pull whisper-tiny`/;

    const v2 = await submitV2(hark.url, { audio_url: `${audio.url}/low.wav`, speech_model: 'universal' });
    assert.equal(v2.status, 400);
    assert.match(v2.body.error as string, /^speech_model 'universal' cannot run on this server: /);
    assert.match(v2.body.error as string, notInstalled);
    // A priority list with an installed model after it is still refused: a misrouted name is not skipped.
    const list = await submitV2(hark.url, { audio_url: `${audio.url}/low.wav`, speech_models: ['universal', 'nano'] });
    assert.equal(list.status, 400);
    assert.match(list.body.error as string, /^speech_models 'universal' cannot run on this server/);

    const aimlapi = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${audio.url}/low.wav` });
    assert.equal(aimlapi.status, 400);
    assert.equal(aimlapi.body.statusCode, 400);
    assert.match(aimlapi.body.message as string, notInstalled);

    const openai = await openAi(hark.url, audioDir, 'low.wav', { model: 'gpt-4o-transcribe' });
    assert.equal(openai.status, 400);
    const error = openai.body.error as Record<string, unknown>;
    assert.deepEqual([error.type, error.param], ['invalid_request_error', 'model']);
    assert.match(error.message as string, notInstalled);

    assert.equal(await transcriptCount(hark.url), before, 'no job was created');
  });

  it("checks language and boost options against the model the request is routed to", async () => {
    const low = `${audio.url}/low.wav`;
    const boostOnSherpa = await submitV2(hark.url, { audio_url: low, speech_model: 'nano', keyterms_prompt: ['Hark'] });
    assert.equal(boostOnSherpa.status, 400);
    assert.equal(
      boostOnSherpa.body.error,
      "keyterms_prompt needs a model that can favour words (the embedded PocketSphinx model); speech_model 'nano' runs on tiny-sense-voice, which recognises en, zh",
    );
    const detectOnEnglish = await submitV2(hark.url, { audio_url: low, speech_model: 'slam-1', language_detection: true });
    assert.equal(detectOnEnglish.status, 400);
    assert.match(
      detectOnEnglish.body.error as string,
      /^language_detection needs a model that identifies languages \(SenseVoice or multilingual Whisper\); speech_model 'slam-1' runs on tiny-nemo-ctc, which recognises en$/,
    );
    const french = await submitV2(hark.url, { audio_url: low, speech_model: 'nano', language_code: 'fr' });
    assert.equal(french.status, 400);
    assert.equal(french.body.error, "language_code 'fr' is not available: speech_model 'nano' runs on tiny-sense-voice, which recognises en, zh");
    const openaiFrench = await openAi(hark.url, audioDir, 'low.wav', { model: 'whisper-1', language: 'fr' });
    assert.equal(openaiFrench.status, 400);
    assert.equal((openaiFrench.body.error as Record<string, unknown>).param, 'language');

    const chinese = await transcribeV2(hark.url, { audio_url: low, speech_model: 'nano', language_code: 'zh' });
    assert.deepEqual([chinese.status, chinese.language_code, chinese.language_confidence], ['completed', 'zh', null]);
    // A priority list falls back, as AssemblyAI's does, to the first model that speaks the language.
    const fallback = await submitV2(hark.url, { audio_url: low, speech_models: ['slam-1', 'nano'], language_code: 'zh' });
    assert.equal(fallback.status, 200, JSON.stringify(fallback.body));
    assert.equal(fallback.body.speech_model, 'tiny-sense-voice');
    await finishedV2(hark.url, fallback.body.id as string);
  });

  it('detects the language with a multilingual model, and fails the job below the threshold as AssemblyAI does', async () => {
    const english = await transcribeV2(hark.url, { audio_url: `${audio.url}/low.wav`, speech_model: 'nano', language_detection: true });
    assert.equal(english.status, 'completed', String(english.error));
    assert.deepEqual([english.language_code, english.language_confidence], ['en', 1]);

    // One low tone, two high ones: Chinese, with two thirds of the speech agreeing.
    const mixed = `${audio.url}/mixed.wav`;
    const split = await transcribeV2(hark.url, { audio_url: mixed, speech_model: 'nano', language_detection: true, language_confidence_threshold: 0.6 });
    assert.equal(split.status, 'completed', String(split.error));
    assert.deepEqual([split.language_code, split.language_confidence, split.language_confidence_threshold], ['zh', 0.6667, 0.6]);

    const tooUnsure = await transcribeV2(hark.url, { audio_url: mixed, speech_model: 'nano', language_detection: true, language_confidence_threshold: 0.8 });
    const wording = "detected language 'zh', confidence 0.6667, is below the requested confidence threshold value of '0.8'";
    assert.deepEqual([tooUnsure.status, tooUnsure.error, tooUnsure.text], ['error', wording, null]);

    // OpenAI gives no language: Whisper-style detection, named in full in verbose_json.
    for (const [file, language] of [['high.wav', 'chinese'], ['low.wav', 'english']]) {
      const verbose = await openAi(hark.url, audioDir, file as string, { model: 'whisper-1', response_format: 'verbose_json' });
      assert.equal(verbose.status, 200, JSON.stringify(verbose.body));
      assert.equal(verbose.body.language, language);
    }
  });
});
