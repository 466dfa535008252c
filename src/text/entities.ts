import type { Word } from '../domain/transcript.js';
import {
  ENTITY_PATTERNS, NOT_OCCUPATIONS, OCCUPATIONS, ORGANIZATION_SUFFIXES, type EntityType,
} from './entity-patterns.js';
import { tagWords } from './tagger.js';
import { bare, indexText, wordsAt, type WordRange } from './words.js';

export type { EntityType } from './entity-patterns.js';

/** An entity as AssemblyAI's `entities[]` serves it. */
export interface Entity {
  entity_type: EntityType;
  text: string;
  start: number;
  end: number;
}

/** A detected entity as a word range, which redaction works on. */
export interface EntitySpan extends WordRange {
  type: EntityType;
}

interface Candidate extends EntitySpan {
  /** Lower wins an overlap: patterns in their listed order, then tagger-based types, then number_sequence. */
  priority: number;
}

/** compromise tags → entity type, in precedence order when a word carries several. */
const TAG_TYPES: readonly [EntityType, (tags: Set<string>, word: string) => boolean][] = [
  ['organization', (tags) => ['Organization', 'Company', 'SportsTeam', 'School'].some((tag) => tags.has(tag))],
  ['person_name', (tags) => !tags.has('Pronoun') && ['Person', 'FirstName', 'LastName'].some((tag) => tags.has(tag))],
  ['location', (tags) => ['Country', 'City', 'Region'].some((tag) => tags.has(tag)) || (tags.has('Place') && tags.has('ProperNoun'))],
  ['nationality', (tags) => tags.has('Demonym')],
  ['occupation', (tags, word) => OCCUPATIONS.has(word) ||
    (tags.has('Actor') && !tags.has('Pronoun') && !tags.has('Possessive') && !NOT_OCCUPATIONS.has(word))],
];
const TAG_PRIORITY = ENTITY_PATTERNS.length;
const BIRTH_CUE = /\b(?:born|birth|birthday|dob)\b/i;
/** "my name is X", "last name is X": the next one or two words are a name even if no lexicon knows it. */
const NAME_CUE = /\b(?:my name is|my name's|(?:first|last|full) name is|speaking with|talking to)\s+([a-z'-]+)(?:\s+([a-z'-]+))?/dgi;
const NOT_NAMES = new Set(['a', 'an', 'the', 'my', 'your', 'not', 'just', 'really', 'very', 'so', 'about', 'and', 'is', 'it', 'that', 'what', 'how', 'going', 'to', 'for', 'on', 'in', 'at', 'of', 'with', 'from', 'calling', 'here', 'great', 'i', "i'm", 'but', 'speaking', 'please', 'sir', "ma'am"]);

/** The patterns with match indices ("d"), so a capture group maps straight to its characters. */
const INDEXED_PATTERNS = ENTITY_PATTERNS.map((entry) => ({ ...entry, pattern: new RegExp(entry.pattern.source, `${entry.pattern.flags}d`) }));

function patternCandidates(words: readonly Word[], sentence: WordRange): Candidate[] {
  const indexed = indexText(words, sentence);
  const found: Candidate[] = [];
  INDEXED_PATTERNS.forEach(({ type, pattern, group }, priority) => {
    for (const match of indexed.text.matchAll(pattern)) {
      const span = match.indices?.[group ?? 0];
      if (span !== undefined) found.push({ type, priority, ...wordsAt(indexed, span[0], span[1]) });
    }
  });
  for (const match of indexed.text.matchAll(NAME_CUE)) {
    const first = match.indices?.[1];
    if (first === undefined || NOT_NAMES.has(match[1]?.toLowerCase() ?? '')) continue;
    const second = NOT_NAMES.has(match[2]?.toLowerCase() ?? '') ? undefined : match.indices?.[2];
    found.push({ type: 'person_name', priority: TAG_PRIORITY, ...wordsAt(indexed, first[0], (second ?? first)[1]) });
  }
  return found;
}

/** Runs of words that compromise tags as the same entity type ("sarah johnson", "austin texas"). */
function taggedCandidates(words: readonly Word[], tags: readonly Set<string>[], sentence: WordRange): Candidate[] {
  const found: Candidate[] = [];
  const typeAt = (index: number): EntityType | null =>
    TAG_TYPES.find(([, test]) => test(tags[index] ?? new Set(), bare(words[index]?.text ?? '')))?.[0] ?? null;
  for (let index = sentence.from; index < sentence.to;) {
    const type = typeAt(index);
    let to = index + 1;
    while (type !== null && to < sentence.to && typeAt(to) === type && !/[.,?!]$/.test(words[to - 1]?.text ?? '')) to++;
    if (type !== null) found.push({ type, from: index, to, priority: TAG_PRIORITY + 1 });
    if (ORGANIZATION_SUFFIXES.has(bare(words[index]?.text ?? '')) && index > sentence.from) {
      const name = tags[index - 1] ?? new Set();
      if (name.has('ProperNoun') || (!['Determiner', 'Possessive', 'Adjective', 'Pronoun', 'Preposition'].some((tag) => name.has(tag)))) {
        found.push({ type: 'organization', from: index - 1, to: index + 1, priority: TAG_PRIORITY });
      }
    }
    index = to;
  }
  return found;
}

/** Digit runs of two or more that no other type claimed: AssemblyAI's "lazy" number_sequence rule. */
function numberSequences(words: readonly Word[], sentence: WordRange): Candidate[] {
  const found: Candidate[] = [];
  for (let index = sentence.from; index < sentence.to; index++) {
    if (/\d.*\d/.test(words[index]?.text ?? '')) found.push({ type: 'number_sequence', from: index, to: index + 1, priority: TAG_PRIORITY + 2 });
  }
  return found;
}

/** Keeps the best candidate of every overlap: lowest priority, then the longest span. */
function resolveOverlaps(candidates: Candidate[]): EntitySpan[] {
  const sorted = [...candidates].sort((a, b) => a.priority - b.priority || (b.to - b.from) - (a.to - a.from));
  const taken = new Set<number>();
  const kept: EntitySpan[] = [];
  for (const candidate of sorted) {
    const indexes = Array.from({ length: candidate.to - candidate.from }, (_, k) => candidate.from + k);
    if (indexes.some((index) => taken.has(index))) continue;
    indexes.forEach((index) => taken.add(index));
    kept.push({ type: candidate.type, from: candidate.from, to: candidate.to });
  }
  return kept.sort((a, b) => a.from - b.from);
}

/**
 * Entities in formatted words (run after ITN and casing: phones, cards and dates only have a shape
 * once written as digits, nlp-notes §3.7). Each sentence is matched on its own; a date becomes a
 * date_of_birth when this or the previous sentence speaks of birth ("Date of birth? June 5, 1987.").
 */
export function detectEntities(
  words: readonly Word[],
  sentences: readonly WordRange[],
  tags: readonly Set<string>[] = tagWords(words, sentences),
): EntitySpan[] {
  const candidates: Candidate[] = [];
  sentences.forEach((sentence, k) => {
    const previous = sentences[k - 1];
    const context = [previous, sentence].filter((range): range is WordRange => range !== undefined)
      .map((range) => indexText(words, range).text).join(' ');
    const birth = BIRTH_CUE.test(context);
    for (const candidate of [...patternCandidates(words, sentence), ...taggedCandidates(words, tags, sentence), ...numberSequences(words, sentence)]) {
      candidates.push(birth && candidate.type === 'date' ? { ...candidate, type: 'date_of_birth' } : candidate);
    }
  });
  return resolveOverlaps(candidates);
}

/** AssemblyAI's `entities[]` from spans: text without the sentence punctuation the last word carries. */
export function toEntities(words: readonly Word[], spans: readonly EntitySpan[]): Entity[] {
  return spans.map((span) => {
    const text = words.slice(span.from, span.to).map((word) => word.text).join(' ').replace(/[.,?!;:]+$/, '').replace(/^["'(]+/, '');
    return { entity_type: span.type, text, start: words[span.from]?.start ?? 0, end: words[span.to - 1]?.end ?? 0 };
  });
}
