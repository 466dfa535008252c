import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transcript, TranscriptUtterance, TranscriptWord } from 'assemblyai';
import { postForm, waitForGeneration } from '../helpers/aimlapi-client.js';
import { evalItem } from '../helpers/eval-set.js';
import { describeInvalidOptions } from '../helpers/invalid-options.js';
import { useSdkHarness } from '../helpers/sdk-harness.js';

/**
 * Speaker labels and multichannel through the APIs, on the eval set: the espeak two-voice dialogue,
 * the three-talker Falcon clip, a single LJ Speech reader, and the stereo clip with one talker per
 * channel. What the diarizer gets right is measured by bench/diarization-eval; these tests pin the
 * shapes and that the options are honoured.
 */
const dialogue = evalItem('espeak_dialogue_two_voices');
const threeTalkers = evalItem('pv_falcon_test');
const oneTalker = evalItem('lj_LJ001-0001');
const stereo = evalItem('fw_stereo_diarization');

const speakersOf = (words: readonly TranscriptWord[]): Set<string | null> => new Set(words.map((word) => word.speaker));

/** AssemblyAI's utterances: runs of one speaker over the transcript's own words, in order. */
function assertUtterances(transcript: Transcript): TranscriptUtterance[] {
  const words = transcript.words ?? [];
  const utterances = transcript.utterances ?? [];
  assert.ok(utterances.length > 0);
  assert.deepEqual(utterances.flatMap((u) => u.words), words, 'utterances hold the transcript words, in order');
  utterances.forEach((u, i) => {
    assert.ok(u.words.every((word) => word.speaker === u.speaker));
    assert.equal(u.text, u.words.map((word) => word.text).join(' '));
    assert.equal(u.start, u.words[0]?.start);
    assert.equal(u.end, u.words.at(-1)?.end);
    assert.ok(u.confidence > 0 && u.confidence <= 1);
    if (i > 0) assert.notEqual(u.speaker, utterances[i - 1]?.speaker, 'a new utterance starts at a change of speaker');
  });
  return utterances;
}

describe('speaker labels and multichannel', () => {
  const harness = useSdkHarness();
  const { transcribe } = harness;

  it('speaker_labels: words carry letters and utterances have AssemblyAI’s shape; speakers_expected is honoured', async () => {
    const transcript = await transcribe(dialogue, { speaker_labels: true, speakers_expected: 2 });
    assert.equal(transcript.status, 'completed', transcript.error ?? '');
    assert.deepEqual([transcript.speaker_labels, transcript.speakers_expected], [true, 2]);
    assert.deepEqual([...speakersOf(transcript.words ?? [])].sort(), ['A', 'B']);
    assert.equal(transcript.words?.[0]?.speaker, 'A', 'letters in order of appearance');
    for (const u of assertUtterances(transcript)) {
      assert.deepEqual(Object.keys(u).sort(), ['confidence', 'end', 'speaker', 'start', 'text', 'words']);
    }
    assert.equal(transcript.audio_channels, undefined);
    // Sentences and sentiment end at changes of speaker and name the speaker.
    const { sentences } = await harness.client.transcripts.sentences(transcript.id);
    assert.ok(sentences.every((sentence) => sentence.speaker === sentence.words[0]?.speaker && sentence.words.every((w) => w.speaker === sentence.speaker)));
  });

  it('speaker_options: min and max speakers are honoured', async () => {
    const [atMostTwo, atLeastTwo] = await Promise.all([
      transcribe(threeTalkers, { speaker_labels: true, speaker_options: { max_speakers_expected: 2 } }),
      transcribe(dialogue, { speaker_labels: true, speaker_options: { min_speakers_expected: 3, max_speakers_expected: 3 } }),
    ]);
    assert.ok(speakersOf(atMostTwo.words ?? []).size <= 2, [...speakersOf(atMostTwo.words ?? [])].join());
    assert.equal(speakersOf(atLeastTwo.words ?? []).size, 3);
    assert.deepEqual(atLeastTwo.speaker_options, { min_speakers_expected: 3, max_speakers_expected: 3 });
  });

  it('a single talker is one speaker, A', async () => {
    const transcript = await transcribe(oneTalker, { speaker_labels: true });
    assert.deepEqual([...speakersOf(transcript.words ?? [])], ['A']);
    assert.equal(assertUtterances(transcript).length, 1);
  });

  it('without speaker_labels words have no speaker and there are no utterances', async () => {
    const transcript = await transcribe(oneTalker, {});
    assert.deepEqual([...speakersOf(transcript.words ?? [])], [null]);
    assert.equal(transcript.utterances, null);
  });

  for (const option of ['multichannel', 'dual_channel'] as const) {
    it(`${option}: each channel is transcribed alone and its words are that channel's speaker`, async () => {
      const transcript = await transcribe(stereo, { [option]: true });
      assert.equal(transcript.status, 'completed', transcript.error ?? '');
      assert.equal(transcript.audio_channels, 2);
      const words = transcript.words ?? [];
      assert.ok(words.every((word) => word.channel === word.speaker && (word.speaker === '1' || word.speaker === '2')));
      // Left: "he began a confused complaint against the wizard …"; right: "the horizon seems extremely distant".
      const heardOn = (pattern: RegExp): Set<string | null | undefined> => new Set(words.filter((word) => pattern.test(word.text.toLowerCase())).map((word) => word.channel));
      assert.deepEqual([...heardOn(/^(began|confused|complaint|against|wizard|vanished|behind|curtain)\b/)], ['1'], transcript.text ?? '');
      assert.deepEqual([...heardOn(/^(horizon|seems|extremely|distant)\b/)], ['2'], transcript.text ?? '');
      const utterances = assertUtterances(transcript);
      assert.ok(utterances.every((u) => u.channel === u.speaker));
      assert.ok(utterances.every((u, i) => i === 0 || u.start >= (utterances[i - 1]?.start ?? 0)), 'utterances interleaved by time');
    });
  }

  it('multichannel with speaker_labels diarizes within each channel: speakers 1A, 2A, …', async () => {
    const transcript = await transcribe(stereo, { multichannel: true, speaker_labels: true, speakers_expected: 1 });
    assert.equal(transcript.audio_channels, 2);
    const words = transcript.words ?? [];
    assert.deepEqual([...speakersOf(words)].sort(), ['1A', '2A']);
    assert.ok(words.every((word) => word.speaker === `${word.channel}A`));
    assert.ok(assertUtterances(transcript).every((u) => u.speaker.startsWith(u.channel ?? '?')));
  });

  it('AI/ML API multipart: options as strings are coerced and the result carries utterances', async () => {
    const form = new FormData();
    form.append('model', 'aai/slam-1');
    form.append('url', `${harness.files.url}/${dialogue.file}`);
    form.append('speaker_labels', 'true');
    form.append('speakers_expected', '2');
    const created = await postForm(`${harness.hark.url}/v1/stt/create`, form);
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const { generation } = await waitForGeneration(harness.hark.url, created.body.generation_id as string);
    const result = generation.result as { speaker_labels: boolean; utterances: { speaker: string }[] };
    assert.equal(result.speaker_labels, true);
    assert.deepEqual([...new Set(result.utterances.map((u) => u.speaker))].sort(), ['A', 'B']);
  });

  it('AI/ML API multipart: an invalid count is a 400 after coercion', async () => {
    const form = new FormData();
    form.append('model', 'aai/slam-1');
    form.append('url', 'http://127.0.0.1:9/a.wav');
    form.append('speakers_expected', '12');
    const refused = await postForm(`${harness.hark.url}/v1/stt/create`, form);
    assert.equal(refused.status, 400);
    assert.match(refused.body.message as string, /speakers_expected must be between 1 and 10/);
  });
});

const INVALID: [Record<string, unknown>, RegExp][] = [
  [{ speaker_labels: 'yes' }, /^speaker_labels must be a Boolean$/],
  [{ speakers_expected: 11 }, /^speakers_expected must be between 1 and 10$/],
  [{ speakers_expected: 2.5 }, /^speakers_expected must be an Integer$/],
  [{ speakers_expected: 'two' }, /^speakers_expected must be an Integer$/],
  [{ speaker_options: 3 }, /^speaker_options must be an Object$/],
  [{ speaker_options: { min_speakers_expected: 0 } }, /^speaker_options.min_speakers_expected must be between 1/],
  [{ speaker_options: { max_speakers_expected: 1.5 } }, /^speaker_options.max_speakers_expected must be an Integer$/],
  [{ speaker_options: { min_speakers_expected: 4, max_speakers_expected: 2 } }, /min_speakers_expected must not exceed max_speakers_expected/],
  [{ speaker_labels: true, speakers_expected: 2, speaker_options: { min_speakers_expected: 1 } }, /^Both speaker_options and speakers_expected can not be used in the same request\.$/],
  [{ multichannel: 'yes' }, /^multichannel must be a Boolean$/],
  [{ dual_channel: 1 }, /^dual_channel must be a Boolean$/],
];

describeInvalidOptions('invalid speaker options are a 400 on both surfaces', INVALID);
