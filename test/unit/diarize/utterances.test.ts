import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Word } from '../../../src/domain/transcript.js';
import { buildUtterances, labelWords, speakerLetter } from '../../../src/diarize/utterances.js';

const word = (text: string, start: number, end: number, confidence = 0.9): Word => ({ text, start, end, confidence, speaker: null });

describe('labelWords', () => {
  const turns = [
    { start: 0, end: 1_000, speaker: 1 },
    { start: 1_000, end: 2_000, speaker: 0 },
    { start: 3_000, end: 4_000, speaker: 1 },
  ];

  it('gives each word the turn it overlaps most, lettered in order of first appearance', () => {
    const labelled = labelWords([word('hi', 100, 400), word('there', 900, 1_300), word('you', 1_400, 1_800)], turns);
    assert.deepEqual(labelled.map((w) => w.speaker), ['A', 'B', 'B']);
  });

  it('puts a word in a pause with the nearer turn, and leaves the input untouched', () => {
    const words = [word('um', 2_100, 2_300), word('so', 2_700, 2_900)];
    assert.deepEqual(labelWords(words, turns).map((w) => w.speaker), ['A', 'B']);
    assert.equal(words[0]?.speaker, null);
  });

  it('handles zero-length words and words beyond the last turn', () => {
    assert.deepEqual(labelWords([word('a', 1_500, 1_500), word('b', 9_000, 9_100)], turns).map((w) => w.speaker), ['A', 'B']);
  });

  it('labels everything "A" when the diarizer found no speech', () => {
    assert.deepEqual(labelWords([word('a', 0, 10), word('b', 20, 30)], []).map((w) => w.speaker), ['A', 'A']);
  });
});

describe('speakerLetter', () => {
  it('counts A…Z, then AA, AB, …', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 701, 702].map(speakerLetter), ['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('buildUtterances', () => {
  it('has AssemblyAI’s shape: one utterance per run of a speaker, mean confidence, the words inside', () => {
    const words: Word[] = [
      { ...word('Hello', 0, 300, 0.8), speaker: 'A' },
      { ...word('there.', 350, 700, 0.6), speaker: 'A' },
      { ...word('Hi!', 900, 1_100, 1), speaker: 'B' },
      { ...word('Bye.', 1_300, 1_500, 0.5), speaker: 'A' },
    ];
    const utterances = buildUtterances(words);
    assert.equal(utterances.length, 3);
    const [first] = utterances;
    assert.deepEqual(Object.keys(first ?? {}).sort(), ['confidence', 'end', 'speaker', 'start', 'text', 'words']);
    assert.equal(first?.speaker, 'A');
    assert.equal(first?.text, 'Hello there.');
    assert.equal(first?.start, 0);
    assert.equal(first?.end, 700);
    assert.ok(Math.abs((first?.confidence ?? 0) - 0.7) < 1e-12);
    assert.deepEqual(first?.words, words.slice(0, 2));
    assert.deepEqual(utterances.map((u) => u.speaker), ['A', 'B', 'A']);
    for (const utterance of utterances) for (const w of utterance.words) assert.equal(w.speaker, utterance.speaker);
  });

  it('returns nothing for no words and refuses unlabelled words', () => {
    assert.deepEqual(buildUtterances([]), []);
    assert.throws(() => buildUtterances([word('x', 0, 1)]), /no speaker/);
  });
});
