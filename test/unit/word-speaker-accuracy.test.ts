import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Word } from '../../src/domain/transcript.js';
import { wordSpeakerAccuracy } from '../../bench/lib/word-speaker-accuracy.js';

const word = (start: number, end: number, speaker: string | null): Word => ({ text: 'w', start, end, confidence: 1, speaker });
const reference = [
  { start: 0, end: 5_000, speaker: 'alice' },
  { start: 5_000, end: 10_000, speaker: 'bob' },
  { start: 9_000, end: 10_000, speaker: 'carol' },
];

describe('word speaker accuracy', () => {
  it('maps letters to talkers one to one, whatever the letters are', () => {
    const words = [word(0, 400, 'B'), word(1_000, 1_400, 'B'), word(6_000, 6_400, 'A'), word(7_000, 7_400, 'B')];
    assert.deepEqual(wordSpeakerAccuracy(reference, words), { scored: 4, accuracy: 0.75 });
  });

  it('leaves out words in overlapping speech, outside speech, or without a speaker', () => {
    const words = [word(9_200, 9_400, 'A'), word(12_000, 12_200, 'A'), word(100, 200, null)];
    assert.deepEqual(wordSpeakerAccuracy(reference, words), { scored: 0, accuracy: null });
  });
});
