import { cosine, type AnalysedText } from './content-words.js';
import { autoHighlights } from './highlights.js';
import type { WordRange } from './words.js';

export type SummaryType = 'bullets' | 'bullets_verbose' | 'gist' | 'headline' | 'paragraph';

const DAMPING = 0.85;
const ITERATIONS = 30;
/** Sentences with fewer content words are pleasantries ("Thank you so much.") and never summarise. */
const MIN_CONTENT_TERMS = 3;
const HEADLINE_MAX_WORDS = 16;

/**
 * TextRank over the sentences `[range.from, range.to)` (sentence indexes): each sentence's score is
 * its PageRank in the graph whose edge weights are content-word cosine similarities, so sentences
 * that share the most vocabulary with the rest come first (extractive: nlp-notes §3.10).
 */
export function rankSentences(text: AnalysedText, range: WordRange): number[] {
  const indexes = Array.from({ length: range.to - range.from }, (_, k) => range.from + k)
    .filter((index) => [...(text.vectors[index]?.values() ?? [])].reduce((a, b) => a + b, 0) >= MIN_CONTENT_TERMS);
  if (indexes.length <= 1) return indexes.length === 1 ? indexes : Array.from({ length: range.to - range.from }, (_, k) => range.from + k);
  const weights = indexes.map((i) => indexes.map((j) => (i === j ? 0 : cosine(text.vectors[i] ?? new Map(), text.vectors[j] ?? new Map()))));
  const outTotals = weights.map((row) => row.reduce((a, b) => a + b, 0));
  let scores = indexes.map(() => 1);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    scores = indexes.map((_, j) => (1 - DAMPING) + DAMPING * weights.reduce(
      (sum, row, i) => sum + ((outTotals[i] ?? 0) === 0 ? 0 : ((row[j] ?? 0) / (outTotals[i] ?? 1)) * (scores[i] ?? 0)), 0));
  }
  return indexes.map((index, k) => ({ index, score: scores[k] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.index);
}

/** The `count` best sentences of the range, back in spoken order. */
function topSentences(text: AnalysedText, range: WordRange, count: number): string[] {
  return rankSentences(text, range).slice(0, count).sort((a, b) => a - b)
    .map((index) => text.sentences[index]?.text ?? '');
}

/** A one-sentence headline: the best-ranked sentence short enough to read as one. */
export function headline(text: AnalysedText, range: WordRange): string {
  const ranked = rankSentences(text, range).map((index) => text.sentences[index]?.text ?? '');
  return ranked.find((sentence) => sentence.split(' ').length <= HEADLINE_MAX_WORDS) ?? ranked[0] ?? '';
}

/** A gist of a few words: the range's top key phrase, capitalised ("New graphics chips"). */
export function gist(text: AnalysedText, range: WordRange): string {
  const sentences = text.sentences.slice(range.from, range.to);
  const phrase = autoHighlights(text.words, text.tags, sentences).results[0]?.text ?? headline(text, range).split(' ').slice(0, 6).join(' ');
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/**
 * `summary` for a summary_type. Bullets are "- " lines joined by "\n" as AssemblyAI writes them.
 * The summary_model (informative, conversational, catchy) cannot change an extractive summary
 * beyond its type, so it is not a parameter here.
 */
export function summarize(text: AnalysedText, type: SummaryType, range: WordRange = { from: 0, to: text.sentences.length }): string {
  const sentences = range.to - range.from;
  const bullets = Math.min(5, Math.max(1, Math.round(sentences / 10)));
  switch (type) {
    case 'headline':
      return headline(text, range);
    case 'gist':
      return gist(text, range);
    case 'paragraph':
      return topSentences(text, range, bullets).join(' ');
    case 'bullets':
      return topSentences(text, range, bullets).map((sentence) => `- ${sentence}`).join('\n');
    case 'bullets_verbose':
      return topSentences(text, range, Math.min(10, bullets * 2)).map((sentence) => `- ${sentence}`).join('\n');
  }
}
