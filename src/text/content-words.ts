import type { Word } from '../domain/transcript.js';
import type { Sentence } from './sentences.js';
import { bare, type WordRange } from './words.js';

/** Tags of words that carry no topic: pronouns, auxiliaries, function words, numbers. */
const FUNCTION_TAGS = ['Pronoun', 'Copula', 'Auxiliary', 'Modal', 'Determiner', 'Preposition', 'Conjunction', 'Negative', 'QuestionWord', 'Expression', 'Value'];
const CONTENT_TAGS = ['Noun', 'Adjective', 'Verb', 'ProperNoun'];
/** Verbs and nouns so common in talk that they say nothing about the topic. */
const GENERIC = new Set(['be', 'have', 'do', 'get', 'go', 'going', 'know', 'think', 'say', 'said', 'like', 'want', 'make', 'thing', 'things', 'lot', 'way', 'yeah', 'okay', 'right', 'really', 'just', 'well', 'kind', 'sort', 'mean', 'see', 'let', 'thank', 'thanks', 'good', 'great', 'today', 'time']);

/** Words ending in "s" that are not plurals. */
const NOT_PLURAL = new Set(['news', 'series', 'species', 'always', 'perhaps', 'thus', 'has', 'was', 'does', 'its', 'this', 'gas', 'yes', 'sometimes', 'politics', 'economics', 'physics', 'mathematics', 'athletics', 'gymnastics']);

/** Crude plural folding ("cards" → "card") so term counts and label keywords meet. */
export function stem(word: string): string {
  if (NOT_PLURAL.has(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export function isContentWord(text: string, tags: Set<string>): boolean {
  const word = bare(text);
  return word.length > 2 && /^\p{L}/u.test(word) && !GENERIC.has(word) &&
    CONTENT_TAGS.some((tag) => tags.has(tag)) && !FUNCTION_TAGS.some((tag) => tags.has(tag));
}

/** The stemmed content words of a word range (from compromise tags computed once per transcript). */
export function contentTerms(words: readonly Word[], tags: readonly Set<string>[], range: WordRange): string[] {
  const terms: string[] = [];
  for (let index = range.from; index < range.to; index++) {
    const word = words[index];
    if (word !== undefined && isContentWord(word.text, tags[index] ?? new Set())) terms.push(stem(bare(word.text)));
  }
  return terms;
}

export function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [term, count] of a) dot += count * (b.get(term) ?? 0);
  if (dot === 0) return 0;
  const norm = (vector: ReadonlyMap<string, number>): number => Math.sqrt([...vector.values()].reduce((sum, n) => sum + n * n, 0));
  return dot / (norm(a) * norm(b));
}

/** A transcript ready for the content features: formatted words, their tags, sentences and term vectors. */
export interface AnalysedText {
  words: readonly Word[];
  tags: readonly Set<string>[];
  sentences: readonly Sentence[];
  /** Content-term counts per sentence, parallel to `sentences`. */
  vectors: readonly Map<string, number>[];
}

export function analyse(words: readonly Word[], tags: readonly Set<string>[], sentences: readonly Sentence[]): AnalysedText {
  return { words, tags, sentences, vectors: sentences.map((sentence) => termCounts(contentTerms(words, tags, sentence))) };
}
