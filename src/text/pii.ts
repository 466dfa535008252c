import { PII_POLICIES } from '../domain/options.js';
import type { Word } from '../domain/transcript.js';
import type { EntitySpan, EntityType } from './entities.js';
import { replaceRanges, trailingPunctuation } from './words.js';

/**
 * Policies no offline rule finds at all. Every other policy has a detector in entities.ts, from
 * solid (e-mail, phone, money: written shapes after ITN) to weak (word lists, cue phrases such as
 * "my passport number is …"); test/unit/text/pii.test.ts measures each.
 */
export const UNDETECTABLE_PII_POLICIES: readonly EntityType[] = [];

export const DETECTABLE_PII_POLICIES: readonly EntityType[] = PII_POLICIES.filter(
  (policy) => !UNDETECTABLE_PII_POLICIES.includes(policy),
);

export type PiiSubstitution = 'hash' | 'entity_name';

/** `hash`: every letter and digit becomes '#', separators stay ("415-555-2671" → "###-###-####"). */
function hashed(text: string): string {
  return text.replace(/[\p{L}\p{N}]/gu, '#');
}

/**
 * Redacts the spans whose type is in `policies` from the words. With `hash` each word keeps its
 * timing and its punctuation ("####,"); with `entity_name` the span becomes one word
 * "[PERSON_NAME]" (plus the last word's punctuation), as AssemblyAI writes "my name is [PERSON_NAME]!".
 */
export function redactPii(
  words: readonly Word[],
  spans: readonly EntitySpan[],
  policies: readonly EntityType[],
  substitution: PiiSubstitution,
): Word[] {
  const redacted = spans.filter((span) => policies.includes(span.type));
  if (substitution === 'entity_name') {
    return replaceRanges(words, redacted.map((span) => ({
      from: span.from,
      to: span.to,
      text: `[${span.type.toUpperCase()}]${trailingPunctuation(words[span.to - 1]?.text ?? '')}`,
    })));
  }
  const out = [...words];
  for (const span of redacted) {
    for (let index = span.from; index < span.to; index++) {
      const word = out[index];
      if (word === undefined) continue;
      const punctuation = trailingPunctuation(word.text);
      out[index] = { ...word, text: hashed(word.text.slice(0, word.text.length - punctuation.length)) + punctuation };
    }
  }
  return out;
}
