import { maximumAssignment } from '../../src/diarize/assignment.js';
import type { LabelledSegment } from '../../src/diarize/der.js';
import type { Word } from '../../src/domain/transcript.js';

export interface WordSpeakerAccuracy {
  /** Words whose middle falls in exactly one reference talker's speech. */
  scored: number;
  /** Share of those labelled with the talker's speaker, under the one-to-one mapping that fits best. */
  accuracy: number | null;
}

/**
 * How often a transcript's words name the right talker, judged by time against a who-spoke-when
 * reference: the measure users see (`words[].speaker`), recognition errors included. Words in
 * overlapping speech or outside the reference's speech say nothing and are left out.
 */
export function wordSpeakerAccuracy(reference: readonly LabelledSegment[], words: readonly Word[]): WordSpeakerAccuracy {
  const referenceIds = new Map<string | number, number>();
  const hypothesisIds = new Map<string, number>();
  const pairs: [number, number][] = [];
  for (const word of words) {
    if (word.speaker === null) continue;
    const middle = (word.start + word.end) / 2;
    const talkers = new Set(reference.filter((s) => s.start <= middle && middle < s.end).map((s) => s.speaker));
    const [talker] = talkers;
    if (talkers.size !== 1 || talker === undefined) continue;
    if (!referenceIds.has(talker)) referenceIds.set(talker, referenceIds.size);
    if (!hypothesisIds.has(word.speaker)) hypothesisIds.set(word.speaker, hypothesisIds.size);
    pairs.push([referenceIds.get(talker) as number, hypothesisIds.get(word.speaker) as number]);
  }
  const counts = Array.from({ length: referenceIds.size }, () => new Array<number>(hypothesisIds.size).fill(0));
  for (const [r, h] of pairs) (counts[r] as number[])[h] = ((counts[r] as number[])[h] as number) + 1;
  const mapping = maximumAssignment(counts);
  const right = pairs.filter(([r, h]) => mapping[r] === h).length;
  return { scored: pairs.length, accuracy: pairs.length === 0 ? null : right / pairs.length };
}
