import nlp from 'compromise';
import type { Word } from '../domain/transcript.js';
import { indexText, type WordRange } from './words.js';

/** The part of compromise's `json({offset: true})` term output that is read here. */
interface TaggedTerm {
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * compromise's part-of-speech and named-entity tags for each word (the union over the terms a word
 * splits into, e.g. "uh-huh"). compromise is used because its lexicon and context rules tag names,
 * places and organisations in lower-case text, which recogniser output is (nlp-notes §2).
 * Tagging runs one sentence at a time so that a tag never depends on a neighbouring sentence.
 */
export function tagWords(words: readonly Word[], sentences: readonly WordRange[]): Set<string>[] {
  const tags = words.map(() => new Set<string>());
  for (const sentence of sentences) {
    const indexed = indexText(words, sentence);
    const parsed = nlp(indexed.text).json({ offset: true }) as { terms: TaggedTerm[] }[];
    // Terms come in text order, so one forward pointer maps each to the word holding it.
    let k = 0;
    for (const term of parsed.flatMap((s) => s.terms)) {
      if (term.offset.length === 0) continue; // an implicit term such as the "is" in "she's"
      while (k + 1 < indexed.offsets.length && (indexed.offsets[k + 1] ?? Infinity) <= term.offset.start) k++;
      for (const tag of term.tags) tags[indexed.from + k]?.add(tag);
    }
  }
  return tags;
}
