import type { Word } from '../domain/transcript.js';
import {
  formatNumber, isNumberWord, ordinalSuffix, readDigitRun, readNumber, readTwoDigits, readYear, type SpokenNumber,
} from './number-words.js';
import { bare, replaceRanges, type Replacement } from './words.js';

/**
 * Inverse text normalisation: spoken numbers, money, percentages, dates, times and spoken
 * addresses become their written form ("twenty five dollars" → "$25"). Each rule replaces a run of
 * words by one word whose start is the first's and end the last's. Runs before punctuation (a comma
 * inside "june fifth, nineteen eighty seven" would break the year rule: nlp-notes §4).
 */

interface Match {
  replacements: Replacement[];
  /** First token after the match. */
  end: number;
}
type Rule = (tokens: readonly string[], index: number) => Match | null;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const CURRENCIES: Record<string, string> = { dollar: '$', dollars: '$', bucks: '$', euro: '€', euros: '€', pound: '£', pounds: '£' };
const TIME_PREPOSITIONS = new Set(['at', 'by', 'until', 'till', 'around', 'before', 'after', 'from']);
const TOP_LEVEL_DOMAINS = new Set(['com', 'org', 'net', 'io', 'edu', 'gov', 'co', 'uk', 'us', 'ca', 'de', 'ai', 'app', 'dev', 'info', 'biz']);
const FILE_EXTENSIONS = new Set(['pdf', 'doc', 'docx', 'txt', 'csv', 'xls', 'xlsx', 'ppt', 'pptx', 'jpg', 'jpeg', 'png', 'gif', 'mp3', 'mp4', 'wav', 'zip', 'json', 'html']);
/** Below ten a lone cardinal stays a word ("one of them", "five to seven days"), as edited English writes it. */
const SMALLEST_AS_DIGITS = 10;

const one = (start: number, end: number, text: string): Match => ({ replacements: [{ from: start, to: end, text }], end });

/** "sarah dot johnson at example dot com", "www dot example dot org", "report dot pdf". */
const spokenAddress: Rule = (tokens, index) => {
  const chain = (start: number): { parts: string[]; end: number } => {
    const parts = [tokens[start] ?? ''];
    let end = start + 1;
    while (tokens[end] === 'dot' && /^[a-z0-9]+$/.test(tokens[end + 1] ?? '')) {
      parts.push(tokens[end + 1] ?? '');
      end += 2;
    }
    return { parts, end };
  };
  if (!/^[a-z0-9]+$/.test(tokens[index] ?? '') || isNumberWord(tokens[index])) return null;
  const local = chain(index);
  if (tokens[local.end] === 'at') {
    const domain = chain(local.end + 1);
    if (domain.parts.length >= 2 && TOP_LEVEL_DOMAINS.has(domain.parts.at(-1) ?? '')) {
      return one(index, domain.end, `${local.parts.join('.')}@${domain.parts.join('.')}`);
    }
  }
  const last = local.parts.at(-1) ?? '';
  if (local.parts.length >= 2 && (TOP_LEVEL_DOMAINS.has(last) || FILE_EXTENSIONS.has(last))) {
    return one(index, local.end, local.parts.join('.'));
  }
  return null;
};

/** "seven thirty pm" → "7:30 PM", "at ten fifteen" → "10:15", "nine o'clock" → "9 o'clock". */
const clockTime: Rule = (tokens, index) => {
  const hour = readNumber(tokens, index);
  if (hour === null || hour.ordinal || hour.value < 1 || hour.value > 12 || hour.end !== index + 1) return null;
  const minutes = readTwoDigits(tokens, hour.end);
  const afterMinutes = minutes !== null && minutes.value < 60 ? minutes.end : hour.end;
  const clock = afterMinutes > hour.end ? `${hour.value}:${String(minutes?.value ?? 0).padStart(2, '0')}` : String(hour.value);
  const next = tokens[afterMinutes] ?? '';
  const meridiem = /^[ap]m$/.test(next) ? next : /^[ap]$/.test(next) && tokens[afterMinutes + 1] === 'm' ? `${next}m` : null;
  if (meridiem !== null) {
    return one(index, afterMinutes + (next.length === 1 ? 2 : 1), `${clock} ${meridiem.toUpperCase()}`);
  }
  if (next === "o'clock" && afterMinutes === hour.end) return one(index, hour.end, clock);
  if (afterMinutes > hour.end && TIME_PREPOSITIONS.has(tokens[index - 1] ?? '')) return one(index, afterMinutes, clock);
  return null;
};

/** "june fifth nineteen eighty seven" → "june 5, 1987" (words stay separate; casing comes later). */
const calendarDate: Rule = (tokens, index) => {
  if (!MONTHS.includes(tokens[index] ?? '')) return null;
  const monthYear = readYear(tokens, index + 1); // "march twenty twenty six" is March 2026, not March 20
  if (monthYear !== null) return one(index + 1, monthYear.end, String(monthYear.value));
  const day = readNumber(tokens, index + 1);
  if (day === null || day.value < 1 || day.value > 31 || day.decimals > 0 || day.scale !== null) return null;
  if (tokens[index] === 'may' && !day.ordinal) return null; // "may two people" is the verb
  const year = readYear(tokens, day.end) ?? readFourDigitYear(tokens, day.end);
  const replacements: Replacement[] = [{ from: day.start, to: day.end, text: `${day.value}${year === null ? '' : ','}` }];
  if (year !== null) replacements.push({ from: year.start, to: year.end, text: String(year.value) });
  return { replacements, end: year?.end ?? day.end };
};

/** "two thousand and five" as a year after a date: a plain number in 1000–2099. */
function readFourDigitYear(tokens: readonly string[], start: number): SpokenNumber | null {
  const number = readNumber(tokens, start);
  return number !== null && !number.ordinal && number.value >= 1000 && number.value < 2100 ? number : null;
}

const year: Rule = (tokens, index) => {
  const found = readYear(tokens, index);
  return found === null ? null : one(index, found.end, String(found.value));
};

/** "four one five five five five two six seven one" → "415-555-2671". */
const digitString: Rule = (tokens, index) => {
  const run = readDigitRun(tokens, index);
  if (run.digits.length < 3) return null;
  const { digits } = run;
  const text = digits.length === 10 ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
    : digits.length === 7 ? `${digits.slice(0, 3)}-${digits.slice(3)}` : digits;
  return one(index, run.end, text);
};

/** "one nine two dot one six eight dot one dot ten" → "192.168.1.10". */
const ipAddress: Rule = (tokens, index) => {
  const parts: string[] = [];
  let end = index;
  while (parts.length < 4) {
    const run = readDigitRun(tokens, end);
    const number = run.digits.length > 1 ? null : readNumber(tokens, end);
    const text = run.digits.length > 1 ? run.digits : number !== null && !number.ordinal && number.decimals === 0 ? String(number.value) : null;
    if (text === null || Number(text) > 255) return null;
    parts.push(text);
    end = run.digits.length > 1 ? run.end : (number?.end ?? end);
    if (parts.length < 4 && tokens[end] !== 'dot') return null;
    if (parts.length < 4) end++;
  }
  return one(index, end, parts.join('.'));
};

/** A number with what it counts: money, percent, or a bare cardinal/ordinal. */
const quantity: Rule = (tokens, index) => {
  const number = readNumber(tokens, index);
  if (number === null) return null;
  const next = tokens[number.end] ?? '';
  const symbol = number.ordinal ? undefined : CURRENCIES[next];
  if (symbol !== undefined) {
    const cents = tokens[number.end + 1] === 'and' ? readNumber(tokens, number.end + 2) : null;
    if (cents !== null && tokens[cents.end] === 'cents' && cents.value < 100 && number.scale === null) {
      return one(index, cents.end + 1, `${symbol}${number.value}.${String(cents.value).padStart(2, '0')}`);
    }
    return one(index, number.end + 1, `${symbol}${formatNumber(number)}`);
  }
  if (next === 'percent' && !number.ordinal) return one(index, number.end + 1, `${formatNumber(number)}%`);
  const single = number.end - number.start === 1 && number.decimals === 0;
  if (single && number.value < SMALLEST_AS_DIGITS) return null;
  if (number.ordinal && single && number.value <= 10) return null; // "first", "tenth" read better as words
  return one(index, number.end, number.ordinal ? ordinalSuffix(number.value) : formatNumber(number));
};

/** Most specific first: a time or date claims its numbers before the generic rules do. */
const RULES: Rule[] = [spokenAddress, ipAddress, clockTime, calendarDate, year, digitString, quantity];

export function inverseNormalize(words: readonly Word[]): Word[] {
  const tokens = words.map((word) => bare(word.text));
  const replacements: Replacement[] = [];
  for (let index = 0; index < tokens.length;) {
    const match = RULES.reduce<Match | null>((found, rule) => found ?? rule(tokens, index), null);
    if (match === null) {
      index++;
      continue;
    }
    replacements.push(...match.replacements);
    index = match.end;
  }
  return replaceRanges(words, replacements);
}
