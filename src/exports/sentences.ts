import type { Word } from '../domain/transcript.js';

/** A run of words shown together: a sentence, a paragraph, a caption. Times in ms. */
export interface WordGroup {
  text: string;
  start: number;
  end: number;
  confidence: number;
  words: Word[];
  speaker: string | null;
}

/** A pause this long ends a sentence when the text has no punctuation to say so. */
const SENTENCE_PAUSE_MS = 600;
/** Unpunctuated speech without pauses still gets cut into readable sentences. */
const MAX_SENTENCE_WORDS = 40;
/** A pause this long between sentences starts a new paragraph. */
const PARAGRAPH_PAUSE_MS = 2_000;
const MAX_PARAGRAPH_WORDS = 120;

export function groupOf(words: Word[]): WordGroup {
  const first = words[0];
  const last = words.at(-1);
  if (first === undefined || last === undefined) throw new Error('a word group needs words');
  return {
    text: words.map((word) => word.text).join(' '),
    start: first.start,
    end: last.end,
    confidence: Math.round((words.reduce((sum, word) => sum + word.confidence, 0) / words.length) * 1e6) / 1e6,
    words,
    speaker: first.speaker,
  };
}

/**
 * Splits `items` into runs: a new run starts before item i when `breaksBefore(previous, item, run)` —
 * the one loop sentences, paragraphs and captions share.
 */
export function splitRuns<T>(items: readonly T[], breaksBefore: (previous: T, item: T, run: readonly T[]) => boolean): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    const previous = run.at(-1);
    if (previous !== undefined && breaksBefore(previous, item, run)) {
      runs.push(run);
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const endsSentence = (word: Word): boolean => /[.?!]["')\]]*$/.test(word.text);

/**
 * Sentences: ended by sentence punctuation when the transcript has it, otherwise by pauses; a change
 * of speaker always ends one.
 */
export function sentencesOf(words: readonly Word[]): WordGroup[] {
  const punctuated = words.some(endsSentence);
  return splitRuns(words, (previous, word, run) => {
    if (previous.speaker !== word.speaker) return true;
    if (punctuated) return endsSentence(previous);
    return word.start - previous.end >= SENTENCE_PAUSE_MS || run.length >= MAX_SENTENCE_WORDS;
  }).map(groupOf);
}

/** Paragraphs: sentences joined until a long pause, a speaker change or a length limit. */
export function paragraphsOf(words: readonly Word[]): WordGroup[] {
  return splitRuns(sentencesOf(words), (previous, sentence, run) => {
    const wordCount = run.reduce((sum, item) => sum + item.words.length, 0);
    return (
      previous.speaker !== sentence.speaker ||
      sentence.start - previous.end >= PARAGRAPH_PAUSE_MS ||
      wordCount + sentence.words.length > MAX_PARAGRAPH_WORDS
    );
  }).map((sentences) => groupOf(sentences.flatMap((sentence) => sentence.words)));
}
