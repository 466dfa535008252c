import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { punctuate } from '../../../src/text/punctuate.js';
import { segmentSentences } from '../../../src/text/sentences.js';
import { truecase } from '../../../src/text/truecase.js';
import type { WordRange } from '../../../src/text/words.js';
import { HELD_OUT, TUNE } from '../../fixtures/text/sentences.js';
import { speak, type SpokenText } from '../../fixtures/text/synthetic-speech.js';

/** Several timing draws per set, so one lucky seed cannot carry a score. */
const SEEDS = [1, 2, 3];

function goldRanges(spoken: SpokenText): WordRange[] {
  const ranges: WordRange[] = [];
  let from = 0;
  for (const end of [...spoken.sentenceEnds].sort((a, b) => a - b)) {
    ranges.push({ from, to: end + 1 });
    from = end + 1;
  }
  return ranges;
}

function boundaryF1(sentences: readonly string[]): { precision: number; recall: number; f1: number } {
  let truePositives = 0;
  let predicted = 0;
  let gold = 0;
  for (const seed of SEEDS) {
    const spoken = speak(sentences, seed);
    const last = spoken.words.length - 1;
    const ends = new Set(segmentSentences(spoken.words).map((range) => range.to - 1).filter((end) => end !== last));
    const goldEnds = [...spoken.sentenceEnds].filter((end) => end !== last);
    truePositives += goldEnds.filter((end) => ends.has(end)).length;
    predicted += ends.size;
    gold += goldEnds.length;
  }
  const precision = truePositives / predicted;
  const recall = truePositives / gold;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const strip = (text: string): string => text.replace(/[.,?!;:"]/g, '');

/** Share of words whose letters and case match the written form. */
function casingAccuracy(sentences: readonly string[], segmentation: 'gold' | 'predicted'): number {
  const spoken = speak(sentences, 1);
  const ranges = segmentation === 'gold' ? goldRanges(spoken) : segmentSentences(spoken.words);
  const cased = truecase(spoken.words, ranges);
  const right = cased.filter((word, index) => word.text === strip(spoken.written[index] ?? '')).length;
  return right / cased.length;
}

/** Share of sentences (gold boundaries) ending in the right mark, '?' or '.'. */
function endMarkAccuracy(sentences: readonly string[]): number {
  const spoken = speak(sentences, 1);
  const ranges = goldRanges(spoken);
  const punctuated = punctuate(spoken.words, ranges);
  const right = ranges.filter((range) => punctuated[range.to - 1]?.text.slice(-1) === spoken.written[range.to - 1]?.slice(-1)).length;
  return right / ranges.length;
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

describe('sentence boundaries from pauses and word cues (synthetic timings)', () => {
  it('tune set: F1 at least 0.85', (t: TestContext) => {
    const score = boundaryF1(TUNE);
    t.diagnostic(`tune boundary P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)} F1 ${score.f1.toFixed(3)}`);
    assert.ok(score.f1 >= 0.85, `F1 ${score.f1}`);
  });

  it('held-out set: F1 at least 0.8', (t: TestContext) => {
    const score = boundaryF1(HELD_OUT);
    t.diagnostic(`held-out boundary P ${score.precision.toFixed(3)} R ${score.recall.toFixed(3)} F1 ${score.f1.toFixed(3)}`);
    assert.ok(score.f1 >= 0.8, `F1 ${score.f1}`);
  });

  it('ends a sentence at a speaker change even without a pause', () => {
    const words = [
      { text: 'hello', start: 0, end: 300, confidence: 1, speaker: 'A' },
      { text: 'there', start: 310, end: 600, confidence: 1, speaker: 'A' },
      { text: 'hi', start: 610, end: 800, confidence: 1, speaker: 'B' },
    ];
    assert.deepEqual(segmentSentences(words), [{ from: 0, to: 2 }, { from: 2, to: 3 }]);
  });
});

describe('punctuation attached to words', () => {
  it('puts "?" on questions and "." elsewhere (tune ≥ 0.9, held-out ≥ 0.85)', (t: TestContext) => {
    const tune = endMarkAccuracy(TUNE);
    const heldOut = endMarkAccuracy(HELD_OUT);
    t.diagnostic(`end mark accuracy: tune ${percent(tune)}, held-out ${percent(heldOut)}`);
    assert.ok(tune >= 0.9, `tune ${tune}`);
    assert.ok(heldOut >= 0.85, `held-out ${heldOut}`);
  });

  it('attaches marks to the word as AssemblyAI does', () => {
    const words = ['okay', 'let', 'me', 'check'].map((text, i) => ({ text, start: i * 300, end: i * 300 + 250, confidence: 1, speaker: null }));
    assert.deepEqual(punctuate(words, [{ from: 0, to: 4 }]).map((word) => word.text), ['okay,', 'let', 'me', 'check.']);
  });
});

describe('casing', () => {
  it('restores capitals with gold sentences: tune ≥ 97%, held-out ≥ 95%', (t: TestContext) => {
    const tune = casingAccuracy(TUNE, 'gold');
    const heldOut = casingAccuracy(HELD_OUT, 'gold');
    t.diagnostic(`casing accuracy (gold sentences): tune ${percent(tune)}, held-out ${percent(heldOut)}`);
    assert.ok(tune >= 0.97, `tune ${tune}`);
    assert.ok(heldOut >= 0.95, `held-out ${heldOut}`);
  });

  it('restores capitals with predicted sentences: tune ≥ 95%, held-out ≥ 93%', (t: TestContext) => {
    const tune = casingAccuracy(TUNE, 'predicted');
    const heldOut = casingAccuracy(HELD_OUT, 'predicted');
    t.diagnostic(`casing accuracy (predicted sentences): tune ${percent(tune)}, held-out ${percent(heldOut)}`);
    assert.ok(tune >= 0.95, `tune ${tune}`);
    assert.ok(heldOut >= 0.93, `held-out ${heldOut}`);
  });

  it('never lowers case that is already there', () => {
    const words = [{ text: 'iPhone', start: 0, end: 1, confidence: 1, speaker: null }, { text: 'rocks', start: 2, end: 3, confidence: 1, speaker: null }];
    assert.deepEqual(truecase(words, [{ from: 0, to: 2 }]).map((word) => word.text), ['IPhone', 'rocks']);
  });
});
