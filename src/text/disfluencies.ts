import type { Word } from '../domain/transcript.js';
import { bare } from './words.js';

/** The fillers AssemblyAI drops unless `disfluencies` is true (its documented list). */
export const FILLER_WORDS: readonly string[] = ['um', 'uh', 'hmm', 'mhm', 'uh-huh', 'ah', 'huh', 'hm', 'm'];

const FILLERS = new Set(FILLER_WORDS);

export function removeFillers(words: readonly Word[]): Word[] {
  return words.filter((word) => !FILLERS.has(bare(word.text)));
}
