import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CarriedTransforms } from '../../src/engines/pocketsphinx/carried-transforms.js';

const transform = (value: number): Float64Array => new Float64Array(13 * 14).fill(value);

describe('carried speaker transforms', () => {
  it("starts a piece from the latest settled piece's transform, never from one still in flight", () => {
    const carried = new CarriedTransforms();
    assert.equal(carried.startOf('a', { index: 0, settledThrough: -1 }), null, 'nothing settled yet');
    carried.remember('a', { index: 1, settledThrough: -1 }, transform(1));
    // Piece 2 went out with nothing settled; piece 1 finishing first must not change what it starts from.
    assert.equal(carried.startOf('a', { index: 2, settledThrough: 0 }), null);
    assert.equal(carried.startOf('a', { index: 3, settledThrough: 1 })?.[0], 1);
    carried.remember('a', { index: 3, settledThrough: 1 }, transform(3));
    // Piece 2 (no speech, say) left none: piece 4 starts from piece 1's.
    assert.equal(carried.startOf('a', { index: 4, settledThrough: 2 })?.[0], 1);
    assert.equal(carried.startOf('a', { index: 5, settledThrough: 3 })?.[0], 3);
    assert.equal(carried.startOf('b', { index: 5, settledThrough: 3 }), null, 'recordings are kept apart');
  });

  it('forgets the recordings used least recently', () => {
    const carried = new CarriedTransforms();
    carried.remember('first', { index: 0, settledThrough: -1 }, transform(7));
    for (let other = 0; other < 15; other++) carried.remember(`other ${other}`, { index: 0, settledThrough: -1 }, transform(0));
    assert.equal(carried.startOf('first', { index: 1, settledThrough: 0 })?.[0], 7, 'sixteen are kept');
    carried.remember('one too many', { index: 0, settledThrough: -1 }, transform(0));
    assert.equal(carried.startOf('first', { index: 1, settledThrough: 0 }), null);
  });
});
