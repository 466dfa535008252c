/**
 * From speaker turns to AssemblyAI's word-level speakers and utterances. Words get the speaker they
 * overlap most (or the nearest turn when they fall in a gap), letters "A", "B", … in order of first
 * appearance, and consecutive words of one speaker form an utterance.
 */
import type { Utterance, Word } from '../domain/transcript.js';
import type { SpeakerTurn } from './diarize.js';

/** 0 → "A" … 25 → "Z", 26 → "AA", …: spreadsheet-style, so any count has a label. */
export function speakerLetter(index: number): string {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
}

/** First index whose turn ends after `time` (turns are sorted and do not overlap). */
function firstEndingAfter(turns: readonly SpeakerTurn[], time: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((turns[mid] as SpeakerTurn).end <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The turn sharing most time with [start, end]; for a word in a pause, the nearer neighbouring turn. */
function turnFor(turns: readonly SpeakerTurn[], start: number, end: number): SpeakerTurn | undefined {
  const first = firstEndingAfter(turns, start);
  let best: SpeakerTurn | undefined;
  let bestOverlap = -Infinity;
  // From `first` on every turn ends after `start`; it overlaps the word if it starts before its end
  // (or, for a zero-length word, at or before its instant).
  for (let i = first; i < turns.length; i++) {
    const turn = turns[i] as SpeakerTurn;
    if (!(turn.start < end || turn.start <= start)) break;
    const overlap = Math.min(end, turn.end) - Math.max(start, turn.start);
    if (overlap > bestOverlap) {
      best = turn;
      bestOverlap = overlap;
    }
  }
  if (best) return best;
  const [before, after] = [turns[first - 1], turns[first]];
  if (!before || !after) return before ?? after;
  return start - before.end <= after.start - end ? before : after;
}

/**
 * Copies of `words` with `speaker` set from the diarizer's turns (sorted, non-overlapping, as
 * `diarize` returns them). With no turns at all every word is "A": one voice, nobody to tell apart.
 */
export function labelWords(words: readonly Word[], turns: readonly SpeakerTurn[]): Word[] {
  const letters = new Map<number, string>();
  return words.map((word) => {
    const turn = turnFor(turns, word.start, word.end);
    const id = turn?.speaker ?? 0;
    if (!letters.has(id)) letters.set(id, speakerLetter(letters.size));
    return { ...word, speaker: letters.get(id) as string };
  });
}

/** Consecutive words of one speaker become one utterance; words must already carry speakers. */
export function buildUtterances(words: readonly Word[]): Utterance[] {
  const utterances: Utterance[] = [];
  let group: Word[] = [];
  const flush = (): void => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return;
    utterances.push({
      speaker: first.speaker as string,
      text: group.map((w) => w.text).join(' '),
      start: first.start,
      end: last.end,
      confidence: group.reduce((sum, w) => sum + w.confidence, 0) / group.length,
      words: group,
    });
    group = [];
  };
  for (const word of words) {
    if (word.speaker === null) throw new TypeError(`word '${word.text}' at ${word.start} ms has no speaker; label words first`);
    if (group.length > 0 && group[0]?.speaker !== word.speaker) flush();
    group.push({ ...word });
  }
  flush();
  return utterances;
}
