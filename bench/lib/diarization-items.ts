/**
 * The eval set's who-spoke-when items: every `diarization` item and any item with an `.rttm` beside
 * it, with its audio decoded to 16 kHz and its timed reference.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { LabelledSegment } from '../../src/diarize/der.js';
import type { SpeakerTurn } from '../../src/diarize/diarize.js';
import { frameFeatures } from '../../src/diarize/features.js';
import { parseRttm, parseSegmentsTsv } from '../../src/diarize/reference-files.js';
import { detectSpeech, type TimeSpan } from '../../src/diarize/speech-regions.js';
import type { EvalItem } from '../../test/helpers/eval-set.js';

export const RATE = 16_000;

/** 16 kHz mono PCM of a file: all channels mixed, or one channel (0-based) only. */
export function decode(path: string, channel?: number): Int16Array {
  const mix = channel === undefined ? ['-ac', '1'] : ['-af', `pan=mono|c0=c${channel}`];
  const bytes = execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-i', path, ...mix, '-ar', String(RATE), '-f', 's16le', '-'], { maxBuffer: 1 << 30 });
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

function channelCount(path: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=channels', '-of', 'csv=p=0', path], { encoding: 'utf8' }).trim());
}

/** The energy speech detector (the diarizer's fallback below 16 kHz), for references made from clean single-talker audio. */
export const speechOf = (samples: Int16Array): TimeSpan[] => detectSpeech(frameFeatures(samples, RATE, 40).logPower);

/** How many speakers the diarizer found. */
export const speakerCount = (turns: readonly SpeakerTurn[]): number => new Set(turns.map((turn) => turn.speaker)).size;

/**
 * The item's reference: its RTTM, else its segment table, else, for a recording with one talker per
 * channel (the stereo clip), each channel's speech regions. Null when no timed reference exists.
 */
export function referenceOf(item: EvalItem): LabelledSegment[] | null {
  const base = item.path.replace(/\.[^.]+$/, '');
  if (existsSync(`${base}.rttm`)) return parseRttm(readFileSync(`${base}.rttm`, 'utf8'));
  if (existsSync(`${base}.segments.tsv`)) return parseSegmentsTsv(readFileSync(`${base}.segments.tsv`, 'utf8'));
  const channels = channelCount(item.path);
  if (channels < 2 || channels !== item.speakers) return null;
  return Array.from({ length: channels }, (_, c) => speechOf(decode(item.path, c)).map((span) => ({ ...span, speaker: `channel ${c + 1}` }))).flat();
}

export const isDiarizationItem = (item: EvalItem): boolean =>
  item.category === 'diarization' || existsSync(item.path.replace(/\.[^.]+$/, '.rttm'));
