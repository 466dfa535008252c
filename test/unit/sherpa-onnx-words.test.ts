import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineWord } from '../../src/engines/engine.js';
import type { OfflineResult } from '../../src/engines/sherpa-onnx/sherpa-onnx-binding.js';
import { languageOf, wordsFromResult } from '../../src/engines/sherpa-onnx/sherpa-onnx-words.js';

/** Words with times in whole ms and confidences to 3 places, to compare without float noise. */
function rounded(words: EngineWord[]): EngineWord[] {
  const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;
  return words.map((w) => ({ ...w, startMs: round(w.startMs, 0), endMs: round(w.endMs, 0), confidence: round(w.confidence, 3) }));
}

function result(fields: Partial<OfflineResult>): OfflineResult {
  return { text: '', tokens: [], timestamps: [], durations: [], ys_log_probs: [], ...fields };
}

describe('sherpa-onnx tokens → words', () => {
  it('joins word pieces, times words from their first token to the last one’s duration (TDT), scores them', () => {
    const words = wordsFromResult(
      result({
        tokens: [' he', 'llo', ' world', '.'],
        timestamps: [0.2, 0.36, 0.8, 1.1],
        durations: [0.16, 0.12, 0.3, 0.04],
        ys_log_probs: [Math.log(0.9), Math.log(0.4), Math.log(0.8), Math.log(0.5)],
      }),
      2,
    );
    assert.deepEqual(
      rounded(words),
      [
        { text: 'hello', startMs: 200, endMs: 480, confidence: 0.6 },
        { text: 'world.', startMs: 800, endMs: 1140, confidence: 0.632 },
      ],
    );
  });

  it('without durations or scores (CTC): ends a word a token later, never past the next word, confidence 1', () => {
    const words = wordsFromResult(result({ tokens: [' a', ' b', 's', ' c'], timestamps: [0.1, 0.5, 0.52, 0.55] }), 0.6);
    assert.deepEqual(rounded(words), [
      { text: 'a', startMs: 100, endMs: 180, confidence: 1 },
      { text: 'bs', startMs: 500, endMs: 550, confidence: 1 },
      { text: 'c', startMs: 550, endMs: 600, confidence: 1 },
    ]);
  });

  it('drops markers such as <unk> and SenseVoice tags; each CJK character is a word', () => {
    const words = wordsFromResult(result({ tokens: ['<|zh|>', '你', '好', '<unk>', ' ok'], timestamps: [0, 0.1, 0.3, 0.4, 0.6] }), 1);
    assert.deepEqual(words.map((w) => w.text), ['你', '好', 'ok']);
  });

  it('spreads the segment over the words by length when the family reports no token times (Whisper)', () => {
    const words = wordsFromResult(result({ text: ' Hi there, you', tokens: [' Hi', ' there', ',', ' you'] }), 1.1);
    assert.deepEqual(rounded(words).map((w) => [w.text, w.startMs, w.endMs]), [
      ['Hi', 0, 200],
      ['there,', 200, 800],
      ['you', 800, 1100],
    ]);
  });

  it('uses the text when a family reports no tokens, and returns nothing for silence', () => {
    assert.deepEqual(wordsFromResult(result({ text: ' two words' }), 1).map((w) => w.text), ['two', 'words']);
    assert.deepEqual(wordsFromResult(result({}), 1), []);
  });

  it("tags every word with the segment's language where the model names one (SenseVoice, Whisper)", () => {
    const tagged = wordsFromResult(result({ tokens: [' ni', ' hao'], timestamps: [0.1, 0.4], lang: '<|zh|>' }), 1);
    assert.deepEqual(tagged.map((w) => [w.text, w.language]), [['ni', 'zh'], ['hao', 'zh']]);
    assert.equal(languageOf(result({ lang: 'de' })), 'de');
    // No tag, an empty one (transducers, CTC) or SenseVoice's "no speech": words without a language.
    for (const lang of [undefined, '', '<|nospeech|>']) {
      const words = wordsFromResult(result({ tokens: [' a'], timestamps: [0], ...(lang === undefined ? {} : { lang }) }), 1);
      assert.equal('language' in (words[0] as object), false, String(lang));
    }
  });
});
