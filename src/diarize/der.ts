/**
 * Diarization error rate as NIST md-eval scores it: missed speech + false alarm + speaker confusion,
 * over the reference speech time, with overlapping speech scored, a no-score collar around every
 * reference segment boundary, and the one-to-one speaker mapping that maximises shared time.
 */
import { maximumAssignment } from './assignment.js';

/** A stretch of one speaker's speech; times in ms. Speaker labels only need to be consistent per side. */
export interface LabelledSegment {
  start: number;
  end: number;
  speaker: string | number;
}

export interface DerResult {
  /** Reference speech time scored (speaker-weighted: two overlapping talkers count twice), in ms. */
  scored: number;
  missed: number;
  falseAlarm: number;
  confusion: number;
  /** (missed + falseAlarm + confusion) / scored; 0 when nothing is scored and nothing is wrong. */
  der: number;
}

/** The usual collar: boundaries in human references are only this precise. */
export const DEFAULT_COLLAR_MS = 250;

interface Slice {
  duration: number;
  reference: number[];
  hypothesis: number[];
}

/** Speaker labels → dense indices, so a slice can list its active talkers as small integers. */
function indexSpeakers(segments: readonly LabelledSegment[]): Map<string | number, number> {
  const index = new Map<string | number, number>();
  for (const segment of segments) if (!index.has(segment.speaker)) index.set(segment.speaker, index.size);
  return index;
}

/**
 * Cuts the timeline at every boundary and lists, for each scored piece, who is talking on each side.
 * One sweep over sorted boundary events, so cost is O(n log n) in the number of segments.
 */
function slices(reference: readonly LabelledSegment[], hypothesis: readonly LabelledSegment[], collarMs: number): Slice[] {
  const referenceIds = indexSpeakers(reference);
  const hypothesisIds = indexSpeakers(hypothesis);
  type Event = { time: number; side: 'reference' | 'hypothesis' | 'collar'; id: number; delta: 1 | -1 };
  const events: Event[] = [];
  const add = (start: number, end: number, side: Event['side'], id: number): void => {
    if (end <= start) return;
    events.push({ time: start, side, id, delta: 1 }, { time: end, side, id, delta: -1 });
  };
  for (const s of reference) {
    add(s.start, s.end, 'reference', referenceIds.get(s.speaker) as number);
    if (collarMs > 0) {
      add(s.start - collarMs, s.start + collarMs, 'collar', 0);
      add(s.end - collarMs, s.end + collarMs, 'collar', 0);
    }
  }
  for (const s of hypothesis) add(s.start, s.end, 'hypothesis', hypothesisIds.get(s.speaker) as number);
  events.sort((a, b) => a.time - b.time);

  const referenceActive = new Int32Array(referenceIds.size);
  const hypothesisActive = new Int32Array(hypothesisIds.size);
  let collarDepth = 0;
  const out: Slice[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Event;
    if (event.side === 'collar') collarDepth += event.delta;
    else if (event.side === 'reference') referenceActive[event.id] = (referenceActive[event.id] as number) + event.delta;
    else hypothesisActive[event.id] = (hypothesisActive[event.id] as number) + event.delta;
    const next = events[i + 1];
    const duration = next === undefined ? 0 : next.time - event.time;
    if (duration <= 0 || collarDepth > 0) continue;
    const active = (counts: Int32Array): number[] => [...counts.keys()].filter((id) => (counts[id] as number) > 0);
    const slice = { duration, reference: active(referenceActive), hypothesis: active(hypothesisActive) };
    if (slice.reference.length > 0 || slice.hypothesis.length > 0) out.push(slice);
  }
  return out;
}

export function diarizationErrorRate(
  reference: readonly LabelledSegment[],
  hypothesis: readonly LabelledSegment[],
  collarMs = DEFAULT_COLLAR_MS,
): DerResult {
  const pieces = slices(reference, hypothesis, collarMs);
  const referenceCount = indexSpeakers(reference).size;
  const hypothesisCount = indexSpeakers(hypothesis).size;
  const shared = Array.from({ length: referenceCount }, () => new Array<number>(hypothesisCount).fill(0));
  for (const piece of pieces) {
    for (const r of piece.reference) {
      const row = shared[r] as number[];
      for (const h of piece.hypothesis) row[h] = (row[h] as number) + piece.duration;
    }
  }
  const mapping = maximumAssignment(shared);

  let scored = 0;
  let missed = 0;
  let falseAlarm = 0;
  let confusion = 0;
  for (const { duration, reference: refs, hypothesis: hyps } of pieces) {
    const correct = refs.filter((r) => hyps.includes(mapping[r] as number)).length;
    scored += duration * refs.length;
    missed += duration * Math.max(0, refs.length - hyps.length);
    falseAlarm += duration * Math.max(0, hyps.length - refs.length);
    confusion += duration * (Math.min(refs.length, hyps.length) - correct);
  }
  const errors = missed + falseAlarm + confusion;
  const der = scored > 0 ? errors / scored : errors > 0 ? Infinity : 0;
  return { scored, missed, falseAlarm, confusion, der };
}
