import type { Word } from '../domain/transcript.js';
import { tagWords } from './tagger.js';
import { bare, type WordRange } from './words.js';

/**
 * Sentence boundaries for unpunctuated recogniser output. The recogniser gives no punctuation, so
 * the cues are the pause before each word and a few words that open or cannot end a sentence.
 * Thresholds come from nlp-notes §3.1 (a sentence pause is ~300 ms and up, a comma pause ~200 ms)
 * and were tuned on the in-sample part of test/fixtures/text/sentences.json.
 */
const PAUSE_MS = 300;
/** A shorter pause is enough when the next word typically opens a sentence. */
const OPENER_PAUSE_MS = 220;
/** A pause this long ends the sentence even after a word that cannot end one. */
const LONG_PAUSE_MS = 900;
/** A conjugated verb after the pause needs this much more to start a sentence. */
const CONTINUATION_PAUSE_MS = 600;
const TAGGING_CHUNK_WORDS = 60;
/** Longer sentences are split at their largest pause: real speech rarely runs that long. */
const MAX_SENTENCE_WORDS = 40;

const OPENERS = new Set([
  'but', 'i', "i'm", "i've", "i'll", "i'd", 'we', "we're", "we'll", 'thank', 'thanks', 'okay', 'ok',
  'yes', 'yeah', 'no', 'well', 'what', 'how', 'why', 'when', 'where', 'who', 'please', 'let', "let's", 'now',
  'then', 'also', 'actually', 'anyway', 'hi', 'hello', 'sure', 'alright', 'great', 'oh', "it's", "that's",
  "there's", 'they', "they're", "you're", 'he', 'she', 'if',
]);

/** Words after which a sentence almost never ends: determiners, prepositions, conjunctions, auxiliaries, subjects. */
const CANNOT_END = new Set([
  'the', 'a', 'an', 'of', 'to', 'and', 'or', 'but', 'my', 'your', 'his', 'her', 'their', 'our', 'its', 'in',
  'on', 'at', 'for', 'with', 'from', 'by', 'is', 'are', 'was', 'were', 'be', 'been', 'am', 'if', 'because',
  'than', 'as', 'into', 'about', 'these', 'those', 'very', 'some', 'every', 'each', 'would', 'could', 'should',
  "i'm", 'i', 'we', 'they', 'he', 'she', 'whose',
]);

/** Words that continue a sentence rather than open one. */
const CANNOT_START = new Set([
  'to', 'of', 'for', 'with', 'was', 'were', 'has', 'had', 'than', 'as', 'by', 'from', 'into', 'about', 'be',
  'been', 'being', 'and', 'or', 'nor', 'after', 'before', 'until', 'while', 'because', 'since', 'whether',
]);
/** compromise tags of a conjugated verb, which rarely opens a spoken sentence ("…the doctor | told me…"). */
const FINITE_VERB = ['PastTense', 'PresentTense'];
/** Auxiliaries that open questions ("Do you…", "Have you…"), so they are not continuations. */
const QUESTION_OPENERS = new Set(['do', 'does', 'did', 'have', 'has', 'can', 'could', 'would', 'will', 'is', 'are', 'should', 'may']);

export function pauseBefore(words: readonly Word[], index: number): number {
  const previous = words[index - 1];
  const word = words[index];
  return previous === undefined || word === undefined ? 0 : word.start - previous.end;
}

function endsHere(words: readonly Word[], tags: readonly Set<string>[], index: number): boolean {
  const word = words[index];
  const next = words[index + 1];
  if (word === undefined || next === undefined) return true;
  if (word.speaker !== next.speaker) return true;
  const pause = pauseBefore(words, index + 1);
  if (pause >= LONG_PAUSE_MS) return true;
  const nextWord = bare(next.text);
  if (CANNOT_END.has(bare(word.text)) || CANNOT_START.has(nextWord)) return false;
  if (OPENERS.has(nextWord)) return pause >= OPENER_PAUSE_MS;
  const nextTags = tags[index + 1] ?? new Set<string>();
  const continues = FINITE_VERB.some((tag) => nextTags.has(tag)) && !QUESTION_OPENERS.has(nextWord);
  return pause >= (continues ? CONTINUATION_PAUSE_MS : PAUSE_MS);
}

/** Splits an over-long range at its largest pause after a word that can end a sentence. */
function splitLong(words: readonly Word[], range: WordRange): WordRange[] {
  if (range.to - range.from <= MAX_SENTENCE_WORDS) return [range];
  let cut = -1;
  let widest = -1;
  for (let i = range.from + 3; i < range.to - 3; i++) {
    const pause = pauseBefore(words, i);
    if (pause > widest && !CANNOT_END.has(bare(words[i - 1]?.text ?? ''))) {
      widest = pause;
      cut = i;
    }
  }
  if (cut < 0) return [range];
  return [...splitLong(words, { from: range.from, to: cut }), ...splitLong(words, { from: cut, to: range.to })];
}

/** Sentence ranges covering every word, in order. */
export function segmentSentences(words: readonly Word[]): WordRange[] {
  // Only the next word's verb tag is read, which needs local context only; compromise slows down
  // superlinearly on one long unpunctuated "sentence", so it tags fixed-size chunks.
  const chunks: WordRange[] = [];
  for (let from = 0; from < words.length; from += TAGGING_CHUNK_WORDS) chunks.push({ from, to: Math.min(words.length, from + TAGGING_CHUNK_WORDS) });
  const tags = tagWords(words, chunks);
  const sentences: WordRange[] = [];
  let from = 0;
  for (let i = 0; i < words.length; i++) {
    if (!endsHere(words, tags, i)) continue;
    sentences.push(...splitLong(words, { from, to: i + 1 }));
    from = i + 1;
  }
  return sentences;
}

const ENDS_SENTENCE = /[.?!]["')\]]*$/;

/** Whether a recogniser already wrote sentence punctuation (Whisper and Parakeet do; PocketSphinx does not). */
export function isPunctuated(words: readonly Word[]): boolean {
  return words.some((word) => ENDS_SENTENCE.test(word.text));
}

/** Sentence ranges of text a recogniser already punctuated: ended by its marks and by speaker changes. */
export function sentencesAtMarks(words: readonly Word[]): WordRange[] {
  const sentences: WordRange[] = [];
  let from = 0;
  words.forEach((word, i) => {
    const next = words[i + 1];
    if (next !== undefined && !ENDS_SENTENCE.test(word.text) && next.speaker === word.speaker) return;
    sentences.push({ from, to: i + 1 });
    from = i + 1;
  });
  return sentences;
}

/** A sentence as the text features read it: its words' text, times and speaker. */
export interface Sentence extends WordRange {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
}

export function describeSentences(words: readonly Word[], ranges: readonly WordRange[]): Sentence[] {
  return ranges.map((range) => {
    const first = words[range.from];
    const last = words[range.to - 1];
    return {
      ...range,
      text: words.slice(range.from, range.to).map((word) => word.text).join(' '),
      start: first?.start ?? 0,
      end: last?.end ?? 0,
      speaker: first?.speaker ?? null,
    };
  });
}
