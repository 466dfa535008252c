import { cosine, type AnalysedText } from './content-words.js';
import { gist, headline, summarize } from './summarize.js';
import type { WordRange } from './words.js';

/** AssemblyAI's `chapters[]` item. */
export interface Chapter {
  gist: string;
  headline: string;
  summary: string;
  start: number;
  end: number;
}

const WINDOW = 4;
const MIN_CHAPTER_SENTENCES = 6;
/** A silence this long between sentences is itself evidence of a new topic. */
const TOPIC_PAUSE_MS = 2000;

function windowVector(text: AnalysedText, from: number, to: number): Map<string, number> {
  const sum = new Map<string, number>();
  for (let index = Math.max(0, from); index < Math.min(text.sentences.length, to); index++) {
    for (const [term, count] of text.vectors[index] ?? []) sum.set(term, (sum.get(term) ?? 0) + count);
  }
  return sum;
}

/**
 * Topic segments as sentence-index ranges, TextTiling-style: the lexical similarity of the
 * windows either side of each sentence gap, cut where its depth (how far it dips below the peaks
 * around it) is more than one deviation above the mean depth, or where a long pause coincides with
 * an above-average depth. No chapter is shorter than MIN_CHAPTER_SENTENCES.
 */
export function segmentTopics(text: AnalysedText): WordRange[] {
  const count = text.sentences.length;
  if (count < MIN_CHAPTER_SENTENCES * 2) return count === 0 ? [] : [{ from: 0, to: count }];
  const similarity = Array.from({ length: count - 1 }, (_, gap) =>
    cosine(windowVector(text, gap + 1 - WINDOW, gap + 1), windowVector(text, gap + 1, gap + 1 + WINDOW)));
  const depth = similarity.map((value, gap) => {
    const left = Math.max(...similarity.slice(Math.max(0, gap - WINDOW), gap + 1));
    const right = Math.max(...similarity.slice(gap, gap + WINDOW + 1));
    return left - value + (right - value);
  });
  const mean = depth.reduce((a, b) => a + b, 0) / depth.length;
  const deviation = Math.sqrt(depth.reduce((sum, value) => sum + (value - mean) ** 2, 0) / depth.length);
  const pauseAt = (gap: number): number => (text.sentences[gap + 1]?.start ?? 0) - (text.sentences[gap]?.end ?? 0);
  const candidates = depth
    .map((value, gap) => ({ gap, value, strong: value > mean + deviation || (value > mean && pauseAt(gap) >= TOPIC_PAUSE_MS) }))
    .filter((candidate) => candidate.strong)
    .sort((a, b) => b.value - a.value);
  const cuts: number[] = [];
  for (const { gap } of candidates) {
    const at = gap + 1;
    const edges = [0, ...cuts, count];
    if (edges.every((edge) => Math.abs(edge - at) >= MIN_CHAPTER_SENTENCES)) cuts.push(at);
  }
  const edges = [0, ...cuts.sort((a, b) => a - b), count];
  return edges.slice(1).map((to, k) => ({ from: edges[k] ?? 0, to }));
}

export function autoChapters(text: AnalysedText): Chapter[] {
  return segmentTopics(text).map((range) => ({
    gist: gist(text, range),
    headline: headline(text, range),
    summary: summarize(text, 'paragraph', range),
    start: text.sentences[range.from]?.start ?? 0,
    end: text.sentences[range.to - 1]?.end ?? 0,
  }));
}
