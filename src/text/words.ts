import type { Word } from '../domain/transcript.js';

/** A run of words `[from, to)` in a Word[]; `to` is exclusive. */
export interface WordRange {
  from: number;
  to: number;
}

/** A range to be replaced by one word with the given text (timings merged from the range). */
export interface Replacement extends WordRange {
  text: string;
}

/** The transcript text AssemblyAI serves: the words' texts joined by single spaces. */
export function joinWords(words: readonly Word[]): string {
  return words.map((word) => word.text).join(' ');
}

const EDGE_PUNCTUATION = /^[^\p{L}\p{N}$£€#[]+|[^\p{L}\p{N}%\]]+$/gu;

/** The word without sentence punctuation around it, lower-cased: what matching rules compare. */
export function bare(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '').toLowerCase();
}

/** Punctuation that trails the word's core (", " "." "?"), so a rewrite of the core can keep it. */
export function trailingPunctuation(text: string): string {
  return /[.,?!;:]+$/.exec(text)?.[0] ?? '';
}

/**
 * One word standing for `words[from..to)`: it starts with the first and ends with the last, so
 * timings survive a merge (ITN, custom spelling, redaction). Confidence is the weakest part's,
 * because the merged token is only as sure as its least sure word.
 */
export function mergeRange(words: readonly Word[], range: Replacement): Word {
  const first = words[range.from];
  const last = words[range.to - 1];
  if (first === undefined || last === undefined) throw new RangeError('empty or out-of-bounds word range');
  let confidence = first.confidence;
  for (let i = range.from + 1; i < range.to; i++) confidence = Math.min(confidence, words[i]?.confidence ?? 1);
  return { text: range.text, start: first.start, end: last.end, confidence, speaker: first.speaker };
}

/** Applies non-overlapping replacements (any order) and returns a new Word[]. */
export function replaceRanges(words: readonly Word[], replacements: readonly Replacement[]): Word[] {
  const sorted = [...replacements].sort((a, b) => a.from - b.from);
  const out: Word[] = [];
  let next = 0;
  for (const replacement of sorted) {
    if (replacement.from < next) continue; // overlaps an earlier replacement, which wins
    out.push(...words.slice(next, replacement.from), mergeRange(words, replacement));
    next = replacement.to;
  }
  out.push(...words.slice(next));
  return out;
}

/** Text of a word range plus each word's character offset in it, to map library spans back to words. */
export interface IndexedText {
  text: string;
  /** offsets[k] is where words[range.from + k] starts in `text`. */
  offsets: number[];
  from: number;
}

export function indexText(words: readonly Word[], range: WordRange): IndexedText {
  const offsets: number[] = [];
  let text = '';
  for (let i = range.from; i < range.to; i++) {
    if (i > range.from) text += ' ';
    offsets.push(text.length);
    text += words[i]?.text ?? '';
  }
  return { text, offsets, from: range.from };
}

/** The word range covering characters `[start, end)` of an IndexedText. */
export function wordsAt(indexed: IndexedText, start: number, end: number): WordRange {
  let first = 0;
  let last = 0;
  indexed.offsets.forEach((offset, k) => {
    if (offset <= start) first = k;
    if (offset < end) last = k;
  });
  return { from: indexed.from + first, to: indexed.from + last + 1 };
}
