import type { Word } from '../domain/transcript.js';
import { pauseBefore } from './sentences.js';
import { bare, type WordRange } from './words.js';

const WH_WORDS = new Set(['what', "what's", 'where', "where's", 'when', 'why', 'who', "who's", 'how', "how's", 'which']);
const AUXILIARIES = new Set([
  'do', 'does', 'did', 'can', 'could', 'would', 'will', 'should', 'shall', 'is', 'are', 'was', 'were', 'have',
  'has', 'may', 'might', "don't", "doesn't", "didn't", "can't", "won't", "isn't", "aren't", "haven't",
]);
const SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'there', 'that', 'this', 'anyone', 'somebody', 'someone', 'your', 'my', 'the']);
/** Words that start a sentence and are then followed by a comma in written English ("Okay, let me see."). */
const INTERJECTIONS = new Set(['okay', 'ok', 'yes', 'yeah', 'well', 'hi', 'hello', 'oh', 'sure', 'alright', 'right', 'so', 'now', 'actually', 'anyway']);
/** A mid-sentence pause before these is most likely a clause break. */
const CLAUSE_OPENERS = new Set(['but', 'and', 'so', 'because', 'which', 'or', 'although', 'though', 'unless', 'while', 'if']);
const COMMA_PAUSE_MS = 170;

/** Direct questions with standard word order: a wh-word, or an auxiliary before its subject. */
function isQuestion(words: readonly Word[], range: WordRange): boolean {
  const first = bare(words[range.from]?.text ?? '');
  const second = bare(words[range.from + 1]?.text ?? '');
  if (WH_WORDS.has(first)) return range.to - range.from > 1;
  return AUXILIARIES.has(first) && SUBJECTS.has(second);
}

function withMark(word: Word, mark: string): Word {
  return /[.,?!]$/.test(word.text) ? word : { ...word, text: word.text + mark };
}

/**
 * Attaches punctuation to words as AssemblyAI does ("you," "you."): a full stop or question mark on
 * each sentence's last word, and commas after opening interjections and before pause-marked clauses.
 * Commas are kept conservative: pauses alone are noisy commas (nlp-notes §3.1).
 */
export function punctuate(words: readonly Word[], sentences: readonly WordRange[]): Word[] {
  const out = [...words];
  for (const sentence of sentences) {
    const length = sentence.to - sentence.from;
    for (let i = sentence.from; i < sentence.to - 1; i++) {
      const word = out[i];
      if (word === undefined) continue;
      const opening = i === sentence.from && length > 2 && INTERJECTIONS.has(bare(word.text));
      const next = bare(out[i + 1]?.text ?? '');
      const clauseBreak = i > sentence.from && CLAUSE_OPENERS.has(next) && pauseBefore(words, i + 1) >= COMMA_PAUSE_MS;
      if (opening || clauseBreak) out[i] = withMark(word, ',');
    }
    const last = out[sentence.to - 1];
    if (last !== undefined) out[sentence.to - 1] = withMark(last, isQuestion(words, sentence) ? '?' : '.');
  }
  return out;
}
