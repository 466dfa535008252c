/**
 * Spoken English numbers: the grammar that finds where a number starts and ends in a word stream.
 * compromise and words-to-numbers parse a number once its span is known, but both mis-find spans
 * in speech ("twenty twenty four" becomes "20 24", every "one" becomes "1": nlp-notes §3.3), and
 * finding the span is the whole job here, so the value falls out of the same small state machine.
 */

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNIT_ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth',
  'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth'];
const TENS_ORDINALS = ['', '', 'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const SCALE_ORDINALS: Record<string, number> = { hundredth: 100, thousandth: 1e3, millionth: 1e6, billionth: 1e9 };

type Kind = 'unit' | 'tens' | 'hundred' | 'scale';
interface Lexeme {
  kind: Kind;
  value: number;
  ordinal: boolean;
}

const LEXICON = new Map<string, Lexeme>();
UNITS.forEach((word, value) => LEXICON.set(word, { kind: 'unit', value, ordinal: false }));
UNIT_ORDINALS.forEach((word, value) => LEXICON.set(word, { kind: 'unit', value, ordinal: true }));
TENS.forEach((word, index) => word !== '' && LEXICON.set(word, { kind: 'tens', value: index * 10, ordinal: false }));
TENS_ORDINALS.forEach((word, index) => word !== '' && LEXICON.set(word, { kind: 'tens', value: index * 10, ordinal: true }));
LEXICON.set('hundred', { kind: 'hundred', value: 100, ordinal: false });
for (const [word, value] of Object.entries(SCALES)) LEXICON.set(word, { kind: 'scale', value, ordinal: false });
for (const [word, value] of Object.entries(SCALE_ORDINALS)) {
  LEXICON.set(word, { kind: value === 100 ? 'hundred' : 'scale', value, ordinal: true });
}

/** A number read from `tokens[start..end)`. */
export interface SpokenNumber {
  start: number;
  end: number;
  value: number;
  ordinal: boolean;
  /** Written with a fraction ("one point five"): how many decimals to print. */
  decimals: number;
  /** The last word was a scale word ("three million"), so "3 million" reads better than digits. */
  scale: string | null;
}

/** The digit a single-digit word names; "oh" counts as zero inside digit strings and years. */
export function digitOf(token: string | undefined): number | null {
  if (token === 'oh') return 0;
  const lexeme = token === undefined ? undefined : LEXICON.get(token);
  return lexeme !== undefined && lexeme.kind === 'unit' && !lexeme.ordinal && lexeme.value < 10 ? lexeme.value : null;
}

export function isNumberWord(token: string | undefined): boolean {
  return token !== undefined && LEXICON.has(token);
}

/** Two-digit part of a year or clock time: "eighty seven", "oh five", "twelve", "forty". */
export function readTwoDigits(tokens: readonly string[], start: number): { value: number; end: number } | null {
  const first = LEXICON.get(tokens[start] ?? '');
  if (tokens[start] === 'oh') {
    const digit = digitOf(tokens[start + 1]);
    return digit !== null && digit > 0 ? { value: digit, end: start + 2 } : null;
  }
  if (first === undefined || first.ordinal) return null;
  if (first.kind === 'unit' && first.value >= 10) return { value: first.value, end: start + 1 };
  if (first.kind !== 'tens') return null;
  const unit = digitOf(tokens[start + 1]);
  return unit !== null && unit > 0 && tokens[start + 1] !== 'oh'
    ? { value: first.value + unit, end: start + 2 }
    : { value: first.value, end: start + 1 };
}

/** "nineteen eighty seven", "twenty twenty one", "nineteen oh five", "nineteen hundred". */
export function readYear(tokens: readonly string[], start: number): SpokenNumber | null {
  const century = LEXICON.get(tokens[start] ?? '');
  const isCentury = century !== undefined && !century.ordinal &&
    ((century.kind === 'unit' && century.value >= 15) || (century.kind === 'tens' && century.value === 20));
  if (!isCentury) return null;
  if (tokens[start + 1] === 'hundred') {
    return { start, end: start + 2, value: century.value * 100, ordinal: false, decimals: 0, scale: null };
  }
  const rest = readTwoDigits(tokens, start + 1);
  if (rest === null || (rest.value < 10 && tokens[start + 1] !== 'oh')) return null;
  return { start, end: rest.end, value: century.value * 100 + rest.value, ordinal: false, decimals: 0, scale: null };
}

/** A run of single-digit words ("four one five"), as a digit string. */
export function readDigitRun(tokens: readonly string[], start: number): { digits: string; end: number } {
  let end = start;
  let digits = '';
  for (let digit = digitOf(tokens[end]); digit !== null; digit = digitOf(tokens[++end])) digits += String(digit);
  return { digits, end };
}

/**
 * A cardinal or ordinal: "twenty five", "a hundred and five", "three point five million",
 * "twenty first". Stops where the grammar breaks, so "five six" is read as 5 then 6.
 */
export function readNumber(tokens: readonly string[], start: number): SpokenNumber | null {
  let total = 0;
  let current = 0;
  let last: Kind | 'start' | 'small' = 'start';
  let end = start;
  let ordinal = false;
  let scale: string | null = null;
  let scaleWords = 0;
  if (tokens[start] === 'a' && ['hundred', 'thousand', 'million', 'billion'].includes(tokens[start + 1] ?? '')) {
    current = 1;
    last = 'small';
    end = start + 1;
  }
  for (; end < tokens.length && !ordinal; end++) {
    const token = tokens[end] ?? '';
    if (token === 'and' && (last === 'hundred' || last === 'scale') && LEXICON.get(tokens[end + 1] ?? '')?.kind !== 'scale' && isNumberWord(tokens[end + 1])) continue;
    const lexeme = LEXICON.get(token);
    if (lexeme === undefined) break;
    if (lexeme.kind === 'unit') {
      if (last === 'small' || (last === 'unit') || (last === 'tens' && lexeme.value >= 10)) break;
      if (last === 'tens' && lexeme.value === 0) break;
      current += lexeme.value;
    } else if (lexeme.kind === 'tens') {
      if (last === 'small' || last === 'unit' || last === 'tens') break;
      current += lexeme.value;
    } else if (lexeme.kind === 'hundred') {
      if (current === 0 || current >= 100 || last === 'hundred') break;
      current *= 100;
    } else {
      if (current === 0) break;
      total += current * lexeme.value;
      current = 0;
      scaleWords++;
      // "3 million" only for a single million-or-more group; "sixty thousand" and
      // "three million five hundred thousand" are digits.
      scale = lexeme.ordinal || scaleWords > 1 || lexeme.value < 1e6 ? null : token;
    }
    last = lexeme.kind === 'unit' && lexeme.value >= 10 ? 'small' : lexeme.kind;
    if (lexeme.kind !== 'scale') scale = null;
    ordinal = lexeme.ordinal;
  }
  if (end === start || (tokens[start] === 'a' && end === start + 1)) return null;
  let value = total + current;
  let decimals = 0;
  if (!ordinal && tokens[end] === 'point' && digitOf(tokens[end + 1]) !== null) {
    const fraction = readDigitRun(tokens, end + 1);
    decimals = fraction.digits.length;
    value += Number(`0.${fraction.digits}`);
    end = fraction.end;
    const after = tokens[end] ?? '';
    if (SCALES[after] !== undefined && scaleWords === 0) {
      scale = after;
      value *= SCALES[after];
      end++;
    }
  }
  return { start, end, value, ordinal, decimals, scale };
}

/** "21st", "2nd", "11th". */
export function ordinalSuffix(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${value}th`;
  return `${value}${['th', 'st', 'nd', 'rd'][value % 10] ?? 'th'}`;
}

/**
 * Digits as an English transcript writes them: "1,250,000" (grouping only from five digits, so
 * years and "1500" stay plain), "3.5 million" when the speaker said a scale word.
 */
export function formatNumber(number: SpokenNumber): string {
  if (number.ordinal) return ordinalSuffix(number.value);
  if (number.scale !== null) {
    const scaled = number.value / (SCALES[number.scale] ?? 1);
    return `${trimmed(scaled, number.decimals)} ${number.scale}`;
  }
  const text = trimmed(number.value, number.decimals);
  return number.value >= 10000 ? Number(text).toLocaleString('en-US', { maximumFractionDigits: number.decimals }) : text;
}

function trimmed(value: number, decimals: number): string {
  return decimals === 0 ? String(Math.round(value)) : value.toFixed(decimals);
}
