import type { Word } from '../domain/transcript.js';

export interface WordSearchMatch {
  text: string;
  count: number;
  timestamps: [number, number][];
  indexes: number[];
}

const normalize = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '');

/**
 * Finds each search term (a word, a number or a phrase of several words) in the transcript's words,
 * ignoring case and punctuation. Each match reports its time span and the index of its first word.
 */
export function searchWords(words: readonly Word[], terms: readonly string[]): WordSearchMatch[] {
  const normalized = words.map((word) => normalize(word.text));
  return terms.map((term) => {
    const parts = term.split(/\s+/).map(normalize).filter((part) => part !== '');
    const match: WordSearchMatch = { text: term.toLowerCase(), count: 0, timestamps: [], indexes: [] };
    if (parts.length === 0) return match;
    for (let i = 0; i + parts.length <= normalized.length; i++) {
      if (parts.every((part, offset) => normalized[i + offset] === part)) {
        match.count++;
        match.timestamps.push([(words[i] as Word).start, (words[i + parts.length - 1] as Word).end]);
        match.indexes.push(i);
      }
    }
    return match;
  });
}
