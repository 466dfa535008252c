import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SilenceSegmenter, type AudioSegment, type SegmenterOptions } from '../../src/segment/silence-segmenter.js';

const RATE = 16_000;

/** Samples: `pattern` is a list of [seconds, amplitude] pieces (amplitude 0 = silence, else a 300 Hz tone). */
function pcm(pattern: [number, number][]): Int16Array {
  const samples: number[] = [];
  for (const [seconds, amplitude] of pattern) {
    for (let i = 0; i < Math.round(seconds * RATE); i++) {
      samples.push(Math.round(amplitude * Math.sin((2 * Math.PI * 300 * samples.length) / RATE)));
    }
  }
  return Int16Array.from(samples);
}

function segmentAll(samples: Int16Array, chunkSamples: number, options: Omit<SegmenterOptions, 'sampleRate'> = { minSegmentMs: 2000, maxSegmentMs: 25_000, minSilenceMs: 300 }): AudioSegment[] {
  const segmenter = new SilenceSegmenter({ sampleRate: RATE, ...options });
  const out: AudioSegment[] = [];
  for (let i = 0; i < samples.length; i += chunkSamples) out.push(...segmenter.push(samples.subarray(i, i + chunkSamples)));
  out.push(...segmenter.finish());
  return out;
}

const seconds = (samples: number): number => samples / RATE;

describe('SilenceSegmenter', () => {
  it('cuts inside pauses, keeping offsets on the stream timeline', () => {
    const samples = pcm([[0.5, 0], [3, 8000], [1, 0], [3, 8000], [0.5, 0]]);
    const segments = segmentAll(samples, 1667); // odd chunk size: frames straddle chunks
    assert.equal(segments.length, 2);
    const [first, second] = segments as [AudioSegment, AudioSegment];
    assert.equal(first.offsetSamples, 0);
    const cut = seconds(second.offsetSamples);
    assert.ok(cut > 3.5 && cut < 4.5, `cut at ${cut}s should fall in the 3.5–4.5 s pause`);
    assert.equal(first.offsetSamples + first.samples.length, second.offsetSamples, 'segments are contiguous');
  });

  it('returns the audio sample-exact (apart from padding the final frame)', () => {
    const samples = pcm([[2.5, 5000], [0.6, 0], [2.5, 5000]]);
    const segments = segmentAll(samples, 2048);
    const joined = Int16Array.from(segments.flatMap((segment) => [...segment.samples]));
    assert.deepEqual(joined.subarray(0, samples.length), samples);
  });

  it('does not cut at pauses before the minimum segment length', () => {
    const samples = pcm([[0.8, 8000], [0.5, 0], [0.8, 8000]]);
    assert.equal(segmentAll(samples, 4000).length, 1);
  });

  it('forces a cut at the quietest point when nobody pauses', () => {
    const pieces: [number, number][] = [];
    for (let i = 0; i < 12; i++) pieces.push([0.9, 9000], [0.1, 3000]); // no 300 ms pause anywhere
    const segments = segmentAll(pcm(pieces), 8000, { minSegmentMs: 2000, maxSegmentMs: 5000, minSilenceMs: 300 });
    assert.ok(segments.length >= 3);
    for (const segment of segments) assert.ok(seconds(segment.samples.length) <= 5.0001);
  });

  it('drops stretches without any sound', () => {
    assert.equal(segmentAll(pcm([[5, 0]]), 8000).length, 0);
  });

  describe('with the stream\'s length known', () => {
    /** Speech without a 300 ms pause anywhere, as adapted pieces are cut (shortest = longest = 25 s). */
    const unbroken = (seconds: number): Int16Array => pcm(Array.from({ length: seconds }, (): [number, number][] => [[0.9, 9000], [0.1, 3000]]).flat());
    const ADAPTED = { minSegmentMs: 25_000, maxSegmentMs: 25_000, minSilenceMs: 300 };
    const lengths = (segments: AudioSegment[]): number[] => segments.map((segment) => seconds(segment.samples.length));

    it('cuts the last stretch of a long stream shorter, each segment at most a third of what is left for two decoders', () => {
      const samples = unbroken(300);
      const plain = segmentAll(samples, 16_000, ADAPTED);
      const balanced = segmentAll(samples, 16_000, { ...ADAPTED, streamEnd: { samples: samples.length, decoders: 2 } });
      const tailStart = 300 - 2 * 25;
      const before = (segment: AudioSegment): boolean => seconds(segment.offsetSamples) < tailStart;
      assert.deepEqual(lengths(balanced.filter(before)), lengths(plain.filter(before)), 'the same segments before the last 50 s');
      const tail = balanced.filter((segment) => !before(segment));
      assert.ok(tail.length > plain.filter((segment) => !before(segment)).length + 1, `more, shorter segments at the end: ${lengths(tail).join(', ')}`);
      for (const segment of tail) {
        const left = 300 - seconds(segment.offsetSamples);
        assert.ok(seconds(segment.samples.length) <= Math.max(5, left / 3) + 0.01, `${seconds(segment.samples.length)} s with ${left} s left`);
      }
      const joined = balanced.reduce((sum, segment) => sum + segment.samples.length, 0);
      assert.ok(joined >= samples.length && joined < samples.length + 160, 'nothing lost or repeated');
    });

    it('leaves a stream alone when its end is close to its first segments, which start speaker adaptation', () => {
      const samples = unbroken(120);
      const plain = segmentAll(samples, 16_000, ADAPTED);
      const balanced = segmentAll(samples, 16_000, { ...ADAPTED, streamEnd: { samples: samples.length, decoders: 2 } });
      assert.deepEqual(lengths(balanced), lengths(plain));
    });
  });
});
