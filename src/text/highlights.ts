import type { Word } from '../domain/transcript.js';
import { isContentWord, stem } from './content-words.js';
import { bare, type WordRange } from './words.js';

/** AssemblyAI's `auto_highlights_result`. */
export interface AutoHighlightsResult {
  status: 'success' | 'unavailable';
  results: { count: number; rank: number; text: string; timestamps: { start: number; end: number }[] }[];
}

const MAX_PHRASE_WORDS = 4;
const MAX_RESULTS = 15;
/** Set phrases of talk that are noun phrases but never what a conversation is about. */
const STOP_PHRASES = new Set(['good morning', 'good afternoon', 'good evening', 'great day', 'nice day', 'good question', 'good news', 'last name', 'first name', 'phone number']);

interface Phrase {
  text: string;
  key: string;
  occurrences: WordRange[];
}

/**
 * Candidate key phrases: runs of up to four adjective/noun words inside a clause (punctuation ends
 * a run), ending on a noun — "new graphics chips", "air quality alerts". No npm library does
 * this well on speech (nlp-notes §3.9), so the noun-phrase shape comes from compromise's tags.
 */
function candidates(words: readonly Word[], tags: readonly Set<string>[], sentences: readonly WordRange[]): Map<string, Phrase> {
  const phrases = new Map<string, Phrase>();
  const isPhraseWord = (index: number): boolean => {
    const wordTags = tags[index] ?? new Set<string>();
    return isContentWord(words[index]?.text ?? '', wordTags) && (wordTags.has('Noun') || wordTags.has('Adjective')) && !wordTags.has('Verb');
  };
  for (const sentence of sentences) {
    for (let from = sentence.from; from < sentence.to; from++) {
      if (!isPhraseWord(from)) continue;
      for (let to = from + 1; to <= Math.min(sentence.to, from + MAX_PHRASE_WORDS); to++) {
        if (!isPhraseWord(to - 1)) break;
        const last = tags[to - 1] ?? new Set<string>();
        if (last.has('Noun')) {
          const text = words.slice(from, to).map((word) => bare(word.text)).join(' ');
          const key = text.split(' ').map(stem).join(' ');
          if (!STOP_PHRASES.has(text)) {
            const phrase = phrases.get(key) ?? { text, key, occurrences: [] };
            phrase.occurrences.push({ from, to });
            phrases.set(key, phrase);
          }
        }
        if (/[.,?!;:]$/.test(words[to - 1]?.text ?? '')) break;
      }
    }
  }
  return phrases;
}

/**
 * Key phrases with their count, rank and every occurrence's time. A phrase scores the summed
 * frequency of its words times its own count, so phrases built from the transcript's recurring
 * words rank first; phrases contained in a better one are dropped; ranks are normalised to sum 1
 * over the results, which puts them in the 0.05–0.1 band AssemblyAI's samples show.
 */
export function autoHighlights(words: readonly Word[], tags: readonly Set<string>[], sentences: readonly WordRange[]): AutoHighlightsResult {
  const phrases = [...candidates(words, tags, sentences).values()];
  const wordFrequency = new Map<string, number>();
  for (const phrase of phrases) {
    for (const part of phrase.key.split(' ')) wordFrequency.set(part, (wordFrequency.get(part) ?? 0) + phrase.occurrences.length);
  }
  const scored = phrases.map((phrase) => {
    const parts = phrase.key.split(' ');
    const frequency = parts.reduce((sum, part) => sum + (wordFrequency.get(part) ?? 0), 0) / parts.length;
    return { phrase, score: frequency * Math.sqrt(phrase.occurrences.length) * (1 + 0.5 * (parts.length - 1)) };
  }).sort((a, b) => b.score - a.score);
  const kept: typeof scored = [];
  for (const entry of scored) {
    if (kept.length === MAX_RESULTS) break;
    if (kept.some((better) => ` ${better.phrase.key} `.includes(` ${entry.phrase.key} `))) continue;
    kept.push(entry);
  }
  const total = kept.reduce((sum, entry) => sum + entry.score, 0);
  return {
    status: 'success',
    results: kept.map(({ phrase, score }) => ({
      count: phrase.occurrences.length,
      rank: Math.round((score / total) * 100) / 100,
      text: phrase.text,
      timestamps: phrase.occurrences.map((range) => ({ start: words[range.from]?.start ?? 0, end: words[range.to - 1]?.end ?? 0 })),
    })),
  };
}
