import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maximumAssignment } from '../../../src/diarize/assignment.js';
import { diarizationErrorRate, type LabelledSegment } from '../../../src/diarize/der.js';
import { parseRttm, parseSegmentsTsv } from '../../../src/diarize/reference-files.js';

const seg = (start: number, end: number, speaker: string | number): LabelledSegment => ({ start, end, speaker });
const near = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('diarizationErrorRate', () => {
  const reference = [seg(0, 10_000, 'alice'), seg(10_000, 20_000, 'bob')];

  it('is zero for a perfect hypothesis, whatever its labels are called', () => {
    const result = diarizationErrorRate(reference, [seg(0, 10_000, 1), seg(10_000, 20_000, 0)]);
    assert.deepEqual(result, { scored: 19_000, missed: 0, falseAlarm: 0, confusion: 0, der: 0 });
  });

  it('is one when everything is missed', () => {
    const result = diarizationErrorRate(reference, []);
    near(result.der, 1);
    assert.equal(result.missed, result.scored);
  });

  it('counts speaker confusion under the best one-to-one mapping', () => {
    // One label for both talkers: it maps to one of them, the other's time is confusion.
    const result = diarizationErrorRate(reference, [seg(0, 20_000, 'x')], 0);
    assert.equal(result.scored, 20_000);
    assert.equal(result.confusion, 10_000);
    near(result.der, 0.5);
  });

  it('prefers the mapping with most shared time', () => {
    const hypothesis = [seg(0, 9_000, 'p'), seg(9_000, 20_000, 'q')];
    const result = diarizationErrorRate(reference, hypothesis, 0);
    assert.equal(result.confusion, 1_000);
  });

  it('counts false alarm outside reference speech and scores overlapping talkers twice', () => {
    const overlapped = [seg(0, 10_000, 'a'), seg(5_000, 10_000, 'b')];
    const result = diarizationErrorRate(overlapped, [seg(0, 12_000, 'a')], 0);
    assert.equal(result.scored, 15_000);
    assert.equal(result.missed, 5_000); // b while a also talks: one hypothesis speaker for two
    assert.equal(result.falseAlarm, 2_000);
  });

  it('ignores errors within the collar around reference boundaries', () => {
    const late = [seg(200, 10_200, 'a'), seg(10_200, 20_000, 'b')];
    assert.equal(diarizationErrorRate(reference, late).der, 0);
    assert.ok(diarizationErrorRate(reference, late, 0).der > 0);
    // Collars take 250 ms inside each end and 500 ms around the change of speaker: 19 s are scored.
    assert.equal(diarizationErrorRate(reference, late).scored, 19_000);
  });

  it('is zero when nothing is scored and nothing is said', () => {
    assert.equal(diarizationErrorRate([], []).der, 0);
    assert.equal(diarizationErrorRate([], [seg(0, 1_000, 0)]).der, Infinity);
  });
});

describe('maximumAssignment', () => {
  it('finds the assignment with the largest total', () => {
    assert.deepEqual(maximumAssignment([[3, 2], [3, 1]]), [1, 0]);
    assert.deepEqual(maximumAssignment([[1, 5, 0], [4, 6, 0]]), [1, 0]);
  });

  it('leaves rows unmatched when there are fewer columns or nothing is shared', () => {
    assert.deepEqual(maximumAssignment([[5], [7], [0]]), [-1, 0, -1]);
    assert.deepEqual(maximumAssignment([[0, 0]]), [-1]);
  });
});

describe('reference files', () => {
  it('reads RTTM speaker records in ms and skips other records', () => {
    const text = 'SPKR-INFO x 1 <NA> <NA> <NA> unknown A <NA>\nSPEAKER x 1 1.440 11.872 <NA> <NA> MEE009 <NA> <NA>\n';
    assert.deepEqual(parseRttm(text), [seg(1_440, 13_312, 'MEE009')]);
  });

  it('reads the eval set segment tables by column name', () => {
    const text = 'speaker\tvoice\tstart_s\tend_s\ttext\nspkA\ten-us\t0.500\t4.313\tHello.\n';
    assert.deepEqual(parseSegmentsTsv(text), [seg(500, 4_313, 'spkA')]);
    assert.throws(() => parseSegmentsTsv('utt_id\tstart_s\tend_s\n'), /speaker/);
  });
});
