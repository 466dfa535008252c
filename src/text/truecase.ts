import type { Word } from '../domain/transcript.js';
import { tagWords } from './tagger.js';
import { bare, type WordRange } from './words.js';

/** compromise tags that mark a word written with a capital whatever its context. */
const ALWAYS_PROPER = ['Person', 'FirstName', 'LastName', 'Country', 'City', 'Region', 'Organization', 'Demonym', 'WeekDay', 'Month', 'SportsTeam'];
/** Tags that compromise also gives common words ("library", "high"): capitalised only when compromise calls the word a proper noun. */
const PROPER_IN_CONTEXT = ['Place', 'Holiday'];

const ACRONYMS = new Map(
  ['usa', 'uk', 'eu', 'un', 'tv', 'ceo', 'cfo', 'cto', 'fbi', 'cia', 'nasa', 'nba', 'nfl', 'ai', 'api', 'pdf', 'gps', 'atm', 'faq', 'nyc', 'dna', 'hr', 'it']
    .map((word) => [word, word.toUpperCase()]),
);
/** "it" is an acronym only in these contexts ("the IT department"); elsewhere it is the pronoun. */
const IT_CONTEXT = new Set(['department', 'team', 'support', 'manager', 'staff']);

function capitalise(text: string): string {
  return text.replace(/^([^\p{L}]*)(\p{Ll})/u, (_, prefix: string, letter: string) => prefix + letter.toUpperCase());
}

function acronym(words: readonly Word[], index: number): string | null {
  const word = bare(words[index]?.text ?? '');
  const upper = ACRONYMS.get(word);
  if (upper === undefined) return null;
  if (word === 'it' && !IT_CONTEXT.has(bare(words[index + 1]?.text ?? ''))) return null;
  return upper;
}

/** "may" is a month only next to a day or year ("May 5", "in May 2020"), otherwise the modal verb. */
function isMonthMay(words: readonly Word[], index: number): boolean {
  return /^\d/.test(words[index + 1]?.text ?? '') || bare(words[index - 1]?.text ?? '') === 'in';
}

function isProper(tags: Set<string>, words: readonly Word[], index: number): boolean {
  if (bare(words[index]?.text ?? '') === 'may') return isMonthMay(words, index);
  if (ALWAYS_PROPER.some((tag) => tags.has(tag))) return true;
  return tags.has('ProperNoun') && PROPER_IN_CONTEXT.some((tag) => tags.has(tag));
}

/**
 * Restores capitals on lower-case recogniser words: sentence starts, "I" and its contractions,
 * proper nouns from compromise's tagger, and a few acronyms. It only ever raises case, so text
 * that is already cased (custom spelling, "$25") is left as it is.
 */
export function truecase(words: readonly Word[], sentences: readonly WordRange[]): Word[] {
  const tags = tagWords(words, sentences);
  const starts = new Set(sentences.map((sentence) => sentence.from));
  return words.map((word, index) => {
    const lower = bare(word.text);
    const upper = acronym(words, index);
    let text = word.text;
    if (upper !== null) text = text.replace(new RegExp(lower, 'i'), upper);
    else if (/^i('|$)/.test(lower) || starts.has(index) || isProper(tags[index] ?? new Set(), words, index)) text = capitalise(text);
    return text === word.text ? word : { ...word, text };
  });
}
