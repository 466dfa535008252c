import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import type { Sentence } from '../../../src/text/sentences.js';
import { analyseSentiment } from '../../../src/text/sentiment.js';
import { HELD_OUT, TUNE, type Label } from '../../fixtures/text/sentiment.js';

const sentence = (text: string, index: number): Sentence => ({ text, from: index, to: index + 1, start: index * 1000, end: index * 1000 + 900, speaker: 'A' });

function accuracy(cases: readonly [string, Label][]): { right: number; wrong: string[] } {
  const results = analyseSentiment(cases.map(([text], index) => sentence(text, index)));
  const wrong = results.filter((result, index) => result.sentiment !== cases[index]?.[1]).map((result) => `${result.text} → ${result.sentiment}`);
  return { right: cases.length - wrong.length, wrong };
}

describe('sentiment per sentence (VADER)', () => {
  it('returns AssemblyAI-shaped results with times and speaker', () => {
    const [result] = analyseSentiment([sentence('I love it.', 2)]);
    assert.deepEqual(Object.keys(result ?? {}).sort(), ['confidence', 'end', 'sentiment', 'speaker', 'start', 'text']);
    assert.equal(result?.sentiment, 'POSITIVE');
    assert.deepEqual([result?.start, result?.end, result?.speaker], [2000, 2900, 'A']);
    assert.ok((result?.confidence ?? 0) > 0.5 && (result?.confidence ?? 0) <= 1);
  });

  it('3-class accuracy: tune ≥ 95%, held-out ≥ 80%', (t: TestContext) => {
    const tune = accuracy(TUNE);
    const heldOut = accuracy(HELD_OUT);
    t.diagnostic(`sentiment accuracy: tune ${tune.right}/${TUNE.length}, held-out ${heldOut.right}/${HELD_OUT.length}`);
    t.diagnostic(`  wrong: ${[...tune.wrong, ...heldOut.wrong].join('; ')}`);
    assert.ok(tune.right / TUNE.length >= 0.95);
    assert.ok(heldOut.right / HELD_OUT.length >= 0.8);
  });
});
