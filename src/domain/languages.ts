/**
 * Language codes as the APIs use them, and whether a model recognises one. Models list bare codes
 * (`en`, `zh`); requests may name a regional variant AssemblyAI accepts (`en_us`, `de_ch`).
 */

/** AssemblyAI's language codes (api-spec §2.14, without the regional variants): the languages multilingual Whisper is offered for. */
export const ASSEMBLYAI_LANGUAGE_CODES: readonly string[] = [
  'en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'af', 'sq', 'am', 'ar', 'hy', 'as', 'az', 'ba', 'eu', 'be', 'bn', 'bs',
  'br', 'bg', 'my', 'ca', 'zh', 'hr', 'cs', 'da', 'et', 'fo', 'fi', 'gl', 'ka', 'el', 'gu', 'ht', 'ha', 'haw', 'he',
  'hi', 'hu', 'is', 'id', 'ja', 'jw', 'kn', 'kk', 'km', 'ko', 'lo', 'la', 'lv', 'ln', 'lt', 'lb', 'mk', 'mg', 'ms',
  'ml', 'mt', 'mi', 'mr', 'mn', 'ne', 'no', 'nn', 'oc', 'pa', 'ps', 'fa', 'pl', 'ro', 'ru', 'sa', 'sr', 'sn', 'sd',
  'si', 'sk', 'sl', 'so', 'su', 'sw', 'sv', 'tl', 'tg', 'ta', 'tt', 'te', 'th', 'bo', 'tr', 'tk', 'uk', 'ur', 'uz',
  'vi', 'cy', 'yi', 'yo',
];

/** Regional codes AssemblyAI accepts, and the language each is. */
const REGIONAL: Readonly<Record<string, string>> = { en_us: 'en', en_uk: 'en', en_au: 'en', de_ch: 'de' };

/** The bare language of a requested code, in lower case: `en_US` → `en`. */
export function baseLanguage(code: string): string {
  const lower = code.trim().toLowerCase();
  return REGIONAL[lower] ?? lower;
}

/** What a model recognises: bare codes, or `any` for multilingual Whisper (the 99 languages it was trained on). */
export type ModelLanguages = readonly string[] | 'any';

export function recognises(languages: ModelLanguages, code: string): boolean {
  const base = baseLanguage(code);
  return languages === 'any' ? ASSEMBLYAI_LANGUAGE_CODES.includes(base) : languages.includes(base);
}

/** For messages: `en`, or `en, zh`, or `99 languages`. */
export function describeLanguages(languages: ModelLanguages): string {
  return languages === 'any' ? `${ASSEMBLYAI_LANGUAGE_CODES.length} languages` : languages.join(', ');
}
