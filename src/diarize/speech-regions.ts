/**
 * Where someone is talking, from frame energies alone: thresholds placed between the file's
 * background level and its speech level, pauses shorter than a turn gap bridged, blips shorter than
 * a word dropped. The diarizer's fallback where Silero VAD (silero-speech.ts) cannot run: it takes
 * loud noise, music and cross-talk for speech.
 */
import { FRAME_MS } from './features.js';

/** A time span in ms. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** Background and speech levels: low and high percentiles of the frame energies. */
const BACKGROUND_PERCENTILE = 0.1;
const SPEECH_PERCENTILE = 0.95;
/**
 * Hysteresis between those levels (0 = background, 1 = speech): a region needs one frame above ONSET
 * and extends over its neighbours above OFFSET, which keeps quiet word ends without letting faint
 * background sounds start regions of their own.
 */
const ONSET = 0.5;
const OFFSET = 0.3;
/** Shorter pauses stay inside a region: references count them as speech, and turn changes mostly leave longer gaps. */
export const BRIDGE_MS = 300;
/** Shorter regions are clicks and breaths. */
const MIN_REGION_MS = 200;
/** Steady sound (hum, a tone) is not speech: levels closer than this (≈ 10 dB) mean nobody talks. */
const MIN_DYNAMIC_RANGE = Math.log(10);
/** Frames below -60 dBFS are silence whatever the file. */
const ABSOLUTE_SILENCE = Math.log(1e-6);

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

/** Speech regions (ms) from per-frame natural-log mean power, as `frameFeatures` computes it. */
export function detectSpeech(logPower: Float64Array): TimeSpan[] {
  if (logPower.length === 0) return [];
  const sorted = Float64Array.from(logPower).sort();
  const background = percentile(sorted, BACKGROUND_PERCENTILE);
  const speech = percentile(sorted, SPEECH_PERCENTILE);
  if (speech - background < MIN_DYNAMIC_RANGE) return [];
  const level = (share: number): number => Math.max(ABSOLUTE_SILENCE, background + share * (speech - background));
  const [onset, offset] = [level(ONSET), level(OFFSET)];

  const raw: TimeSpan[] = [];
  let open = -1;
  let confirmed = false;
  for (let f = 0; f <= logPower.length; f++) {
    const power = f < logPower.length ? (logPower[f] as number) : -Infinity;
    if (power > offset) {
      if (open < 0) open = f;
      confirmed ||= power > onset;
    } else if (open >= 0) {
      if (confirmed) raw.push({ start: open * FRAME_MS, end: f * FRAME_MS });
      open = -1;
      confirmed = false;
    }
  }
  return bridgePauses(raw).filter((span) => span.end - span.start >= MIN_REGION_MS);
}

/** Time-ordered spans with the pauses between them shorter than BRIDGE_MS closed. */
export function bridgePauses(spans: readonly TimeSpan[]): TimeSpan[] {
  const bridged: TimeSpan[] = [];
  for (const span of spans) {
    const last = bridged[bridged.length - 1];
    if (last && span.start - last.end < BRIDGE_MS) last.end = Math.max(last.end, span.end);
    else bridged.push({ ...span });
  }
  return bridged;
}
