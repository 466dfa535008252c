import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SilenceSegmenter, type AudioSegment } from '../../src/segment/silence-segmenter.js';

const RATE = 16_000;

/** PCM bytes: `pattern` is a list of [seconds, amplitude] pieces (amplitude 0 = silence, else a 300 Hz tone). */
function pcm(pattern: [number, number][]): Buffer {
  const samples: number[] = [];
  for (const [seconds, amplitude] of pattern) {
    for (let i = 0; i < Math.round(seconds * RATE); i++) {
      samples.push(Math.round(amplitude * Math.sin((2 * Math.PI * 300 * samples.length) / RATE)));
    }
  }
  const buffer = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => buffer.writeInt16LE(sample, i * 2));
  return buffer;
}

function segmentAll(bytes: Buffer, chunkBytes: number, options = { minSegmentMs: 2000, maxSegmentMs: 25_000, minSilenceMs: 300 }): AudioSegment[] {
  const segmenter = new SilenceSegmenter({ sampleRate: RATE, ...options });
  const out: AudioSegment[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) out.push(...segmenter.push(bytes.subarray(i, i + chunkBytes)));
  out.push(...segmenter.finish());
  return out;
}

const seconds = (samples: number): number => samples / RATE;

describe('SilenceSegmenter', () => {
  it('cuts inside pauses, keeping offsets on the stream timeline', () => {
    const bytes = pcm([[0.5, 0], [3, 8000], [1, 0], [3, 8000], [0.5, 0]]);
    const segments = segmentAll(bytes, 3333); // odd chunk size: frames and samples straddle chunks
    assert.equal(segments.length, 2);
    const [first, second] = segments as [AudioSegment, AudioSegment];
    assert.equal(first.offsetSamples, 0);
    const cut = seconds(second.offsetSamples);
    assert.ok(cut > 3.5 && cut < 4.5, `cut at ${cut}s should fall in the 3.5–4.5 s pause`);
    assert.equal(first.offsetSamples + first.samples.length, second.offsetSamples, 'segments are contiguous');
  });

  it('returns the audio sample-exact (apart from padding the final frame)', () => {
    const bytes = pcm([[2.5, 5000], [0.6, 0], [2.5, 5000]]);
    const segments = segmentAll(bytes, 4096);
    const joined = Buffer.concat(segments.map((s) => Buffer.from(s.samples.buffer, s.samples.byteOffset, s.samples.byteLength)));
    assert.ok(joined.subarray(0, bytes.length).equals(bytes));
  });

  it('does not cut at pauses before the minimum segment length', () => {
    const bytes = pcm([[0.8, 8000], [0.5, 0], [0.8, 8000]]);
    assert.equal(segmentAll(bytes, 8000).length, 1);
  });

  it('forces a cut at the quietest point when nobody pauses', () => {
    const pieces: [number, number][] = [];
    for (let i = 0; i < 12; i++) pieces.push([0.9, 9000], [0.1, 3000]); // no 300 ms pause anywhere
    const segments = segmentAll(pcm(pieces), 16_000, { minSegmentMs: 2000, maxSegmentMs: 5000, minSilenceMs: 300 });
    assert.ok(segments.length >= 3);
    for (const segment of segments) assert.ok(seconds(segment.samples.length) <= 5.0001);
  });

  it('drops stretches without any sound', () => {
    assert.equal(segmentAll(pcm([[5, 0]]), 16_000).length, 0);
  });
});
