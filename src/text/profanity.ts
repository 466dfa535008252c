import { createRequire } from 'node:module';
import type { RegExpMatcher } from 'obscenity';
import type { Word } from '../domain/transcript.js';

let matcher: RegExpMatcher | undefined;

/**
 * obscenity's English list with its transformers (leetspeak, repeated letters; Scunthorpe-safe
 * whitelist), loaded on first use: the library costs the text stage 7 MB that jobs without
 * profanity filtering or content safety never need.
 */
function profanityMatcher(): RegExpMatcher {
  if (matcher === undefined) {
    const obscenity = createRequire(import.meta.url)('obscenity') as typeof import('obscenity');
    matcher = new obscenity.RegExpMatcher({ ...obscenity.englishDataset.build(), ...obscenity.englishRecommendedTransformers });
  }
  return matcher;
}

/**
 * AssemblyAI masks the whole profane word, keeping its first letter and any clitic:
 * "shit" → "s***", "shit's" → "s***'s", "fucking," → "f******,". obscenity's own censor would mask
 * only the matched letters ("bulls***"), hence the word-level mask here.
 */
export function maskProfanity(word: string): string {
  return word.replace(/^([^\p{L}]*)(\p{L})([\p{L}-]*)/u, (_, prefix: string, first: string, rest: string) =>
    prefix + first + '*'.repeat(rest.length));
}

export function isProfane(word: string): boolean {
  return profanityMatcher().hasMatch(word);
}

export function filterProfanity(words: readonly Word[]): Word[] {
  return words.map((word) => (isProfane(word.text) ? { ...word, text: maskProfanity(word.text) } : word));
}
