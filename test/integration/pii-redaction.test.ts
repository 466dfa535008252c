import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { AssemblyAI, type Entity, type Transcript, type TranscriptParams } from 'assemblyai';
import { postForm, waitForGeneration } from '../helpers/aimlapi-client.js';
import { evalDir, evalItem } from '../helpers/eval-set.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { startHark, TEST_KEY, type RunningHark } from '../helpers/hark.js';
import { decodePcm, rmsDb, window, zeroCrossingRate } from '../helpers/pcm.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

/**
 * A spoken digit string ("one zero zero zero one nine oh two one …"): PocketSphinx recognises digit
 * runs reliably, formatting turns them into numbers, and `number_sequence` redacts them, so the
 * redacted spans are known without trusting the recogniser on anything harder.
 */
const digits = evalItem('s4_10001-90210-01803');
/** Inset from each end of a span, so frame-sized switching and codec ramps do not blur the measurement. */
const MARGIN_MS = 40;

const spansOf = (transcript: Transcript): Entity[] =>
  (transcript.entities ?? []).filter((entity) => entity.entity_type === 'number_sequence');

/** Asserts that the words no span touches (those long enough to measure) sound as loud as in the original. */
function assertUntouched(transcript: Transcript, original: Float32Array, redacted: Float32Array, toleranceDb: number): void {
  const spans = spansOf(transcript);
  const kept = (transcript.words ?? []).filter((word) =>
    word.end - word.start >= 150 + 2 * MARGIN_MS && spans.every((span) => word.end <= span.start || word.start >= span.end));
  assert.ok(kept.length > 0, 'no unredacted word to compare');
  for (const word of kept) {
    const before = rmsDb(window(original, word.start + MARGIN_MS, word.end - MARGIN_MS));
    const after = rmsDb(window(redacted, word.start + MARGIN_MS, word.end - MARGIN_MS));
    assert.ok(Math.abs(before - after) < toleranceDb, `word at ${word.start} changed: ${before.toFixed(1)} → ${after.toFixed(1)} dB`);
  }
}

describe('PII redaction end to end', () => {
  let hark: RunningHark;
  let files: FileServer;
  let client: AssemblyAI;
  let receiver: WebhookReceiver;
  const original = decodePcm(digits.path);
  // SDK 4.41.5's types lack redact_pii_audio_options; the SDK sends whatever it is given.
  type Params = Omit<TranscriptParams, 'audio_url'> & { redact_pii_audio_options?: { override_audio_redaction_method: 'silence' } };
  const transcribe = (params: Params): Promise<Transcript> =>
    client.transcripts.transcribe({ audio: `${files.url}/${digits.file}`, ...params }, { pollingInterval: 100 });
  let silenced: Transcript;

  before(async () => {
    hark = await startHark();
    files = await startFileServer(evalDir());
    client = new AssemblyAI({ apiKey: TEST_KEY, baseUrl: hark.url });
    receiver = await startWebhookReceiver();
    silenced = await transcribe({
      redact_pii: true,
      redact_pii_policies: ['number_sequence'],
      entity_detection: true,
      redact_pii_audio: true,
      redact_pii_audio_quality: 'wav',
      redact_pii_audio_options: { override_audio_redaction_method: 'silence' },
      webhook_url: `${receiver.url}/hook?job=silenced`,
    });
  });
  after(async () => {
    await hark.close();
    await files.close();
    await receiver.close();
  });

  it('hash: redacted words become # per character; entities still name what was said', () => {
    assert.equal(silenced.status, 'completed');
    assert.equal(silenced.redact_pii_sub, 'hash');
    const spans = spansOf(silenced);
    assert.ok(spans.some((entity) => entity.text === '10001'), JSON.stringify(silenced.entities));
    assert.doesNotMatch(silenced.text ?? '', /\d/);
    const inSpans = (silenced.words ?? []).filter((word) => spans.some((span) => word.start >= span.start && word.end <= span.end));
    assert.ok(inSpans.length >= spans.length);
    for (const word of inSpans) assert.match(word.text, /^[#-]+[.,?!]?$/);
    assert.equal(silenced.text, (silenced.words ?? []).map((word) => word.text).join(' '));
  });

  it('redact_pii_audio: the SDK downloads a wav that is silent over every redacted span and untouched elsewhere', async () => {
    const info = await client.transcripts.redactedAudio(silenced.id);
    assert.equal(info.status, 'redacted_audio_ready');
    assert.match(info.redacted_audio_url, new RegExp(`^${hark.url}/redacted-audio/${silenced.id}/[\\w-]{32}\\.wav$`));
    const file = await client.transcripts.redactedAudioFile(silenced.id);
    const redacted = decodePcm(Buffer.from(await file.arrayBuffer()));
    assert.ok(Math.abs(redacted.length - original.length) < 160, `${redacted.length} vs ${original.length} samples`);
    for (const span of spansOf(silenced)) {
      assert.ok(rmsDb(window(original, span.start + MARGIN_MS, span.end - MARGIN_MS)) > -45, 'the original has speech there');
      assert.equal(rmsDb(window(redacted, span.start + MARGIN_MS, span.end - MARGIN_MS)), -Infinity, `${span.start}-${span.end} not silent`);
    }
    assertUntouched(silenced, original, redacted, 0.5);
  });

  it('the download URL is a capability: no key needed, a guessed name is not found', async () => {
    const { redacted_audio_url: url } = await client.transcripts.redactedAudio(silenced.id);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    await response.arrayBuffer();
    const guessed = await fetch(url.replace(/[\w-]{32}\.wav$/, `${'A'.repeat(32)}.wav`));
    assert.equal(guessed.status, 404);
    assert.equal((await fetch(`${hark.url}/redacted-audio/${silenced.id}/..%2F..%2Fhark.sqlite`)).status, 404);
  });

  it('webhooks: "completed", then "redacted_audio_ready" with the download URL, to the same URL', async () => {
    const hooks = await receiver.waitFor(2);
    const { redacted_audio_url: url } = await client.transcripts.redactedAudio(silenced.id);
    assert.deepEqual(hooks.map((hook) => hook.path), ['/hook?job=silenced', '/hook?job=silenced']);
    assert.deepEqual(
      hooks.map((hook) => hook.body).sort((a, b) => String(a.status).localeCompare(String(b.status))),
      [{ transcript_id: silenced.id, status: 'completed' }, { status: 'redacted_audio_ready', redacted_audio_url: url }],
    );
  });

  it('entity_name: each span becomes one [NUMBER_SEQUENCE] word; the default mp3 beeps a 1 kHz tone over it', async () => {
    const beeped = await transcribe({ redact_pii: true, redact_pii_policies: ['number_sequence'], redact_pii_sub: 'entity_name', entity_detection: true, redact_pii_audio: true });
    assert.equal(beeped.redact_pii_audio_quality, 'mp3');
    const marked = (beeped.words ?? []).filter((word) => word.text.startsWith('[NUMBER_SEQUENCE]'));
    assert.deepEqual(marked.map(({ start, end }) => ({ start, end })), spansOf(beeped).map(({ start, end }) => ({ start, end })));
    const file = await client.transcripts.redactedAudioFile(beeped.id);
    const redacted = decodePcm(Buffer.from(await file.arrayBuffer()));
    for (const span of spansOf(beeped)) {
      const inside = window(redacted, span.start + MARGIN_MS, span.end - MARGIN_MS);
      assert.ok(Math.abs(rmsDb(inside) + 21) < 2, `beep level ${rmsDb(inside).toFixed(1)} dB`);
      assert.ok(Math.abs(zeroCrossingRate(inside) - 2000) < 100, `crossings ${zeroCrossingRate(inside).toFixed(0)}/s`);
    }
    // A -21 dBFS beep on this clip's quiet speech (about -35 dBFS) would change its level by far more.
    assertUntouched(beeped, original, redacted, 1);
  });

  it('audio outside audio_start_from, never checked for PII, is silenced rather than kept', async () => {
    const windowed = await transcribe({ audio_start_from: 3000, redact_pii: true, redact_pii_policies: ['number_sequence'], entity_detection: true, redact_pii_audio: true, redact_pii_audio_quality: 'wav' });
    assert.ok((windowed.words ?? []).every((word) => word.start >= 3000));
    const redacted = decodePcm(Buffer.from(await (await client.transcripts.redactedAudioFile(windowed.id)).arrayBuffer()));
    assert.ok(rmsDb(window(original, 850, 2540)) > -45, 'the skipped part has speech');
    assert.equal(rmsDb(window(redacted, 0, 3000 - MARGIN_MS)), -Infinity);
    assertUntouched(windowed, original, redacted, 0.5);
  });

  it('only the requested policies are redacted, and without redact_pii_audio there is no redacted audio', async () => {
    const transcript = await transcribe({ redact_pii: true, redact_pii_policies: ['credit_card_number'] });
    assert.match(transcript.text ?? '', /\d{4}/);
    await assert.rejects(client.transcripts.redactedAudio(transcript.id), /only available for transcripts requested with redact_pii_audio/);
  });

  it('deleting the transcript deletes its redacted audio', async () => {
    const { redacted_audio_url: url } = await client.transcripts.redactedAudio(silenced.id);
    await client.transcripts.delete(silenced.id);
    assert.equal((await fetch(url)).status, 404);
    await assert.rejects(client.transcripts.redactedAudio(silenced.id), /deleted/);
    const deleted = await client.transcripts.get(silenced.id);
    assert.equal(deleted.entities, null);
  });

  it('the AI/ML API surface takes the options as multipart text fields', async () => {
    const form = new FormData();
    form.append('model', 'aai/slam-1');
    form.append('audio', new Blob([readFileSync(digits.path)]), 'digits.wav');
    form.append('redact_pii', 'true');
    form.append('redact_pii_policies', 'number_sequence,person_name');
    form.append('redact_pii_sub', 'entity_name');
    const created = await postForm(`${hark.url}/v1/stt/create`, form);
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { generation } = await waitForGeneration(hark.url, created.body.generation_id as string);
    const result = generation.result as { text: string; redact_pii_policies: string[] };
    assert.match(result.text, /\[NUMBER_SEQUENCE\]/);
    assert.deepEqual(result.redact_pii_policies, ['number_sequence', 'person_name']);
  });
});
