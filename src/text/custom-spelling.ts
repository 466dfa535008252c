import type { CustomSpelling } from '../domain/options.js';
import type { Word } from '../domain/transcript.js';
import { bare, replaceRanges, trailingPunctuation, type Replacement } from './words.js';

/**
 * AssemblyAI's `custom_spelling`: each `from` phrase (case-insensitive, possibly several words) is
 * replaced by `to` verbatim. It runs on the formatted words, so `to` keeps its own casing and the
 * punctuation the last matched word carried ("dicarlo." → "Decarlo.").
 */
export function applyCustomSpelling(words: readonly Word[], spellings: readonly CustomSpelling[]): Word[] {
  const phrases = spellings.flatMap((spelling) =>
    spelling.from.map((from) => ({ tokens: from.toLowerCase().split(/\s+/).filter(Boolean), to: spelling.to })),
  ).filter((phrase) => phrase.tokens.length > 0)
    // Longest phrase first, so "new york city" wins over "new york".
    .sort((a, b) => b.tokens.length - a.tokens.length);
  const tokens = words.map((word) => bare(word.text));
  const replacements: Replacement[] = [];
  for (let index = 0; index < tokens.length;) {
    const phrase = phrases.find((candidate) => candidate.tokens.every((token, k) => tokens[index + k] === token));
    if (phrase === undefined) {
      index++;
      continue;
    }
    const to = index + phrase.tokens.length;
    replacements.push({ from: index, to, text: phrase.to + trailingPunctuation(words[to - 1]?.text ?? '') });
    index = to;
  }
  return replaceRanges(words, replacements);
}
