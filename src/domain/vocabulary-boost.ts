import type { CustomSpelling } from './options.js';

/**
 * The terms a request asks the recognizer to favour: AssemblyAI's `word_boost` (weighted by
 * `boost_param`) and Slam-1's `keyterms_prompt`. Both become one list of phrases, each spelled as the
 * words a recognizer emits.
 */

export type BoostStrength = 'low' | 'default' | 'high';

export interface VocabularyBoost {
  /** Each term as lower-case words of letters, digits and apostrophes (`"GPT-4o"` → `["gpt", "4o"]`). */
  phrases: string[][];
  strength: BoostStrength;
}

/** Slam-1's limits (api-spec §3): at most 1000 terms, each at most six words. */
const MAX_TERMS = 1000;
const MAX_WORDS_PER_TERM = 6;

/** A term with accents folded away (`café` → `cafe`), as AssemblyAI normalises before its ASCII check. */
function foldAccents(term: string): string {
  return term.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The words of a term as a recognizer spells them; hyphens and other punctuation separate words. */
export function termWords(term: string): string[] {
  return foldAccents(term)
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

function checkTerms(option: string, terms: readonly string[], countWords: boolean): string | null {
  let total = 0;
  for (const term of terms) {
    const words = termWords(term);
    if (words.length === 0) return `${option} contains '${term}', which has no letters or digits`;
    if (words.length > MAX_WORDS_PER_TERM) return `${option} phrases can have at most ${MAX_WORDS_PER_TERM} words; '${term}' has ${words.length}`;
    total += countWords ? words.length : 1;
  }
  return total > MAX_TERMS
    ? `${option} can have at most ${MAX_TERMS} ${countWords ? 'words (each word of a phrase counts)' : 'terms'}; it has ${total}`
    : null;
}

/** `word_boost`: AssemblyAI accepts ASCII only once accents are folded, and says so in these words. */
export function checkWordBoost(terms: readonly string[]): string | null {
  const unsupported = terms.find((term) => !/^[\x20-\x7e]*$/.test(foldAccents(term)));
  if (unsupported !== undefined) return `'${unsupported}' was included in the word boost list but contains unsupported characters`;
  return checkTerms('word_boost', terms, false);
}

/** `keyterms_prompt`: Slam-1 counts every word of every phrase toward its limit. */
export function checkKeyterms(terms: readonly string[]): string | null {
  return checkTerms('keyterms_prompt', terms, true);
}

interface BoostOptions {
  word_boost: string[] | null;
  keyterms_prompt: string[] | null;
}

/** Both lists' terms, as the request wrote them. */
const boostTerms = (options: BoostOptions): string[] => [...(options.word_boost ?? []), ...(options.keyterms_prompt ?? [])];

/** The request's boost, or null when it asks for none. Options are already validated. */
export function vocabularyBoostOf(options: BoostOptions & { boost_param: string | null }): VocabularyBoost | null {
  const terms = boostTerms(options);
  if (terms.length === 0) return null;
  const seen = new Set<string>();
  const phrases: string[][] = [];
  for (const words of terms.map(termWords)) {
    const key = words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    phrases.push(words);
  }
  return { phrases, strength: (options.boost_param ?? 'default') as BoostStrength };
}

/**
 * How the request writes its boost terms, as custom spellings for the text stage, so that a boosted
 * "Kubernetes" or "GPT" reads as written rather than as the recognizer's lower case. Only formatted
 * text gets them, and only words written with a capital letter.
 */
export function boostSpellings(options: BoostOptions & { format_text: boolean | null }): CustomSpelling[] {
  if (options.format_text === false) return [];
  const tokens = boostTerms(options).flatMap((term) => term.split(/\s+/));
  const spellings = new Map<string, string>();
  for (const token of tokens) {
    const words = termWords(token);
    const written = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (words.length !== 1 || written === written.toLowerCase() || spellings.has(words[0] as string)) continue;
    spellings.set(words[0] as string, written);
  }
  return [...spellings].map(([word, written]) => ({ from: [word], to: written }));
}
