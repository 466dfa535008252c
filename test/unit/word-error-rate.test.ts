import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForWer, pooledWer, werCounts } from '../../src/lib/word-error-rate.js';

describe('word error rate', () => {
  it('normalises case, punctuation and hyphens the same way on both sides', () => {
    assert.deepEqual(normalizeForWer("He doesn't belong to you, and I—well, forty-two!"), ['he', "doesn't", 'belong', 'to', 'you', 'and', 'i', 'well', 'forty', 'two']);
  });

  it('counts substitutions, deletions and insertions', () => {
    assert.deepEqual(werCounts('the cat sat on the mat', 'the cat sat on the mat'), { errors: 0, referenceWords: 6 });
    assert.deepEqual(werCounts('the cat sat on the mat', 'a cat sat the mat too'), { errors: 3, referenceWords: 6 });
    assert.deepEqual(werCounts('', 'noise'), { errors: 1, referenceWords: 0 });
  });

  it('pools over utterances by reference words', () => {
    assert.equal(pooledWer([{ errors: 1, referenceWords: 4 }, { errors: 3, referenceWords: 6 }]), 0.4);
  });
});
