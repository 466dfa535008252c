import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeTone, onTinyDisk, scratchDir } from '../helpers/audio-fixtures.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';

const clip = evalItem('lj_LJ001-0008');
const OTHER_KEY = 'other-key-987654321';

interface Reply {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

/** Raw HTTP as a non-SDK AssemblyAI client would send it (bare key by default). */
async function call(base: string, method: string, path: string, options: { key?: string | null; json?: unknown; raw?: Buffer; type?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? TEST_KEY : options.key;
  if (key !== null) headers.authorization = key;
  let body: string | Buffer | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    headers['content-type'] = options.type ?? 'application/octet-stream';
    body = options.raw;
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } };
}

describe('AssemblyAI v2 contract (api-spec §5.2)', () => {
  let hark: RunningHark;
  let files: FileServer;
  let scratch: FileServer;
  const dir = scratchDir();
  const v2 = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(hark.url, method, `/v2${path}`, options);
  const waitDone = async (id: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const { body } = await v2('GET', `/transcript/${id}`);
      if (body.status === 'completed' || body.status === 'error') return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    hark = await startHark({ HARK_API_KEYS: `${TEST_KEY},${OTHER_KEY}` });
    files = await startFileServer(evalDir());
    makeTone(join(dir, 'blip.wav'), 0.1);
    scratch = await startFileServer(dir);
  });
  after(async () => {
    await hark.close();
    await files.close();
    await scratch.close();
  });

  it('B1/B2: upload answers exactly 200 with an absolute upload_url, bare key or Bearer', async () => {
    for (const key of [TEST_KEY, `Bearer ${TEST_KEY}`]) {
      const reply = await v2('POST', '/upload', { key, raw: readFileSync(clip.path) });
      assert.equal(reply.status, 200);
      assert.match(reply.body.upload_url as string, new RegExp(`^${hark.url}/v2/upload/[0-9a-f-]{36}$`));
    }
  });

  it('B3: an empty upload is a 400', async () => {
    const reply = await v2('POST', '/upload', { raw: Buffer.alloc(0) });
    assert.equal(reply.status, 400);
    assert.equal(typeof reply.body.error, 'string');
  });

  it('an upload that meets a full disk is a 503 (try again later) and leaves nothing behind', async (t) => {
    const folder = join(hark.dataDir, 'uploads');
    const ran = await onTinyDisk(t, folder, async () => {
      const reply = await v2('POST', '/upload', { raw: readFileSync(clip.path) });
      assert.equal(reply.status, 503);
      assert.equal(typeof reply.body.error, 'string');
      assert.deepEqual(readdirSync(folder), []);
    });
    if (!ran) return;
    const retried = await v2('POST', '/upload', { raw: readFileSync(clip.path) });
    assert.equal(retried.status, 200);
  });

  it('B4/B5: create answers 200 queued with options echoed, then completes', async () => {
    const upload = await v2('POST', '/upload', { raw: readFileSync(clip.path) });
    const reply = await v2('POST', '/transcript', { json: { audio_url: upload.body.upload_url, speech_model: 'slam-1', audio_start_from: 100, format_text: false } });
    assert.equal(reply.status, 200);
    assert.equal(reply.body.status, 'queued');
    assert.match(reply.body.id as string, /^[0-9a-f-]{36}$/);
    assert.equal(reply.body.text, null);
    assert.equal(reply.body.webhook_auth, false);
    assert.equal(reply.body.audio_start_from, 100);
    assert.equal(reply.body.format_text, false);
    const done = await waitDone(reply.body.id as string);
    assert.equal(done.status, 'completed');
    assert.equal(done.audio_duration, Math.round(clip.durationSeconds));
    const words = done.words as { start: number; end: number; confidence: number }[];
    assert.ok(words.length > 0 && words.every((w) => Number.isInteger(w.start) && w.start >= 100 && w.confidence >= 0 && w.confidence <= 1));
  });

  it('B6: audio_url missing or not http', async () => {
    for (const json of [{}, { audio_url: 'ftp://example.com/a.mp3' }]) {
      const reply = await v2('POST', '/transcript', { json });
      assert.equal(reply.status, 400);
      assert.equal(reply.body.error, 'Transcript creation error, audio_url should start with http');
    }
  });

  it('B7: a wrong type names the parameter', async () => {
    const reply = await v2('POST', '/transcript', { json: { audio_url: `${files.url}/${clip.file}`, format_text: 'yes' } });
    assert.deepEqual(reply, { status: 400, type: reply.type, body: { error: 'format_text must be a Boolean' } });
  });

  it('B8: no key or a bad key on any route', async () => {
    for (const [method, path] of [['GET', '/transcript'], ['POST', '/upload'], ['GET', '/transcript/x/srt']]) {
      for (const key of [null, 'bad']) {
        const reply = await v2(method as string, path as string, { key });
        assert.equal(reply.status, 401);
        assert.equal(reply.body.error, 'Authentication error, API token missing/invalid');
      }
    }
  });

  it('B9: an unknown id', async () => {
    const reply = await v2('GET', '/transcript/00000000-0000-0000-0000-000000000000');
    assert.deepEqual(reply.body, { error: 'Transcript lookup error, transcript id not found' });
    assert.equal(reply.status, 400);
  });

  it('B10/B11/B12: unreachable, non-audio and too short audio end in error with AssemblyAI wording', async () => {
    files.route('/page.html', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<p>x</p>'.repeat(100)}</body></html>`));
    const cases: [string, RegExp][] = [
      ['http://127.0.0.1:9/nothing.mp3', /^Download error, unable to download/],
      [`${files.url}/page.html`, /^File does not appear to contain audio\. File type is text\/html/],
      [`${scratch.url}/blip.wav`, /^Audio duration is too short\.$/],
    ];
    for (const [url, message] of cases) {
      const created = await v2('POST', '/transcript', { json: { audio_url: url } });
      const done = await waitDone(created.body.id as string);
      assert.equal(done.status, 'error');
      assert.equal(done.text, null);
      assert.match(done.error as string, message);
    }
  });

  it('B13/B16: features Hark cannot run yet are refused, naming them', async () => {
    for (const [field, value] of [['speech_threshold', 1.0], ['prompt', 'a meeting'], ['custom_topics', true]] as const) {
      const reply = await v2('POST', '/transcript', { json: { audio_url: `${files.url}/${clip.file}`, [field]: value } });
      assert.equal(reply.status, 400);
      assert.match(reply.body.error as string, new RegExp(`^${field} is not supported`));
    }
  });

  it('an unknown speech_model is refused; known ones are accepted', async () => {
    const bad = await v2('POST', '/transcript', { json: { audio_url: `${files.url}/${clip.file}`, speech_model: 'ultra-9' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error as string, /ultra-9/);
    const good = await v2('POST', '/transcript', { json: { audio_url: `${files.url}/${clip.file}`, speech_models: ['universal-3-pro', 'universal-2'] } });
    assert.equal(good.status, 200);
    await waitDone(good.body.id as string);
  });

  it("another key's upload cannot be transcribed", async () => {
    const upload = await v2('POST', '/upload', { raw: readFileSync(clip.path) });
    const reply = await v2('POST', '/transcript', { key: OTHER_KEY, json: { audio_url: upload.body.upload_url } });
    assert.deepEqual({ status: reply.status, error: reply.body.error }, { status: 403, error: 'Cannot access uploaded file' });
  });

  it('B18/B19: list validates limit and filters by status', async () => {
    for (const limit of ['0', '201', 'x']) assert.equal((await v2('GET', `/transcript?limit=${limit}`)).status, 400);
    const completed = await v2('GET', '/transcript?status=completed&limit=200');
    const items = completed.body.transcripts as { status: string; resource_url: string; created: string }[];
    assert.ok(items.length > 0 && items.every((t) => t.status === 'completed'));
    assert.ok(items.every((t) => t.resource_url.startsWith(`${hark.url}/v2/transcript/`) && !t.created.endsWith('Z')));
    const errored = await v2('GET', '/transcript?status=error');
    assert.ok((errored.body.transcripts as { error: string | null }[]).every((t) => typeof t.error === 'string'));
    const otherKey = await v2('GET', '/transcript', { key: OTHER_KEY });
    assert.equal((otherKey.body.transcripts as unknown[]).length, 0);
  });

  it('exports need a completed transcript; B24: no redacted audio without redaction', async () => {
    const failed = await v2('POST', '/transcript', { json: { audio_url: 'http://127.0.0.1:9/x.mp3' } });
    await waitDone(failed.body.id as string);
    for (const path of ['sentences', 'paragraphs', 'srt', 'vtt', 'word-search?words=a', 'redacted-audio']) {
      const reply = await v2('GET', `/transcript/${failed.body.id as string}/${path}`);
      assert.equal(reply.status, 400, path);
      assert.equal(typeof reply.body.error, 'string');
    }
  });

  it('B22: subtitles are text, not JSON', async () => {
    const created = await v2('POST', '/transcript', { json: { audio_url: `${files.url}/${clip.file}` } });
    await waitDone(created.body.id as string);
    const srt = await v2('GET', `/transcript/${created.body.id as string}/srt`);
    assert.match(srt.type, /^text\/plain/);
    assert.match(srt.body.text as string, /^1\n\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}\n/);
  });

  it('B28: unknown routes', async () => {
    assert.deepEqual(await v2('GET', '/nope'), { status: 404, type: (await v2('GET', '/nope')).type, body: { error: 'Not found' } });
    assert.equal((await call(hark.url, 'GET', '/nowhere')).status, 404);
  });

  it('a body that is not JSON is a 400 in AssemblyAI form', async () => {
    const reply = await v2('POST', '/transcript', { json: '{"audio_url": ' });
    assert.equal(reply.status, 400);
    assert.match(reply.body.error as string, /not valid JSON/);
  });
});

describe('OpenAI contract (api-spec §5.3) beyond the SDK tests', () => {
  let hark: RunningHark;
  before(async () => {
    hark = await startHark();
  });
  after(() => hark.close());

  const post = async (form: FormData, key: string | null = TEST_KEY) => {
    const response = await fetch(`${hark.url}/v1/audio/transcriptions`, { method: 'POST', headers: key === null ? {} : { authorization: `Bearer ${key}` }, body: form });
    return { status: response.status, body: (await response.json()) as { error: { message: string; type: string; param: string | null; code: string | null } } };
  };

  it('C7/C8: missing file or model name the parameter', async () => {
    const noFile = new FormData();
    noFile.append('model', 'whisper-1');
    const reply = await post(noFile);
    assert.equal(reply.status, 400);
    assert.deepEqual({ type: reply.body.error.type, param: reply.body.error.param }, { type: 'invalid_request_error', param: 'file' });
    const noModel = new FormData();
    noModel.append('file', new Blob([readFileSync(clip.path)]), 'a.wav');
    assert.equal((await post(noModel)).body.error.param, 'model');
  });

  it('C12: no key is a 401 with a null code; a wrong key has code invalid_api_key', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    const none = await post(form, null);
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, null);
    const wrong = await post(form, 'sk-wrongwrongwrong');
    assert.equal(wrong.body.error.code, 'invalid_api_key');
    assert.deepEqual(Object.keys(wrong.body.error).sort(), ['code', 'message', 'param', 'type']);
  });

  it('refuses languages the engine does not speak', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('language', 'de');
    form.append('file', new Blob([readFileSync(clip.path)]), 'a.wav');
    const reply = await post(form);
    assert.equal(reply.status, 400);
    assert.equal(reply.body.error.param, 'language');
  });
});
