import { deflateSync } from 'node:zlib';
import { baseLanguage } from '../../domain/languages.js';
import type { TranscriptResult } from '../../domain/transcript.js';
import { sentencesOf } from '../../exports/sentences.js';
import { renderSubtitles } from '../../exports/subtitles.js';

export const RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'] as const;
export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];
export type Granularity = 'word' | 'segment';

export interface FormattedResponse {
  contentType: string;
  body: string | Record<string, unknown>;
}

const seconds = (ms: number): number => ms / 1000;

/** OpenAI bills by duration: `{type: "duration", seconds}` rounded up. */
const usage = (result: TranscriptResult) => ({ type: 'duration', seconds: Math.ceil(result.audioDurationSeconds) });

/** Whisper's compression ratio: text bytes over zlib-compressed bytes (high means repetitive). */
function compressionRatio(text: string): number {
  const bytes = Buffer.from(text);
  return bytes.length === 0 ? 0 : bytes.length / deflateSync(bytes).length;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

/** OpenAI names the language in full and in lower case, as Whisper does: `en_us` → `english`, `zh` → `chinese`. */
function languageName(code: string): string {
  const base = baseLanguage(code);
  try {
    return (LANGUAGE_NAMES.of(base) ?? base).toLowerCase();
  } catch {
    // Not a well-formed language tag (language_code accepts any string): say it as given.
    return base;
  }
}

function verboseJson(result: TranscriptResult, language: string, granularities: readonly Granularity[]): Record<string, unknown> {
  const body: Record<string, unknown> = {
    task: 'transcribe',
    language: languageName(language),
    duration: result.audioDurationSeconds,
    text: result.text,
  };
  if (granularities.includes('segment')) {
    body.segments = sentencesOf(result.words).map((sentence, id) => ({
      id,
      seek: 0,
      start: seconds(sentence.start),
      end: seconds(sentence.end),
      text: ` ${sentence.text}`,
      tokens: [],
      temperature: 0,
      // The decoder's word posteriors stand in for Whisper's token log-probabilities.
      avg_logprob: sentence.words.reduce((sum, word) => sum + Math.log(Math.max(word.confidence, 1e-6)), 0) / sentence.words.length,
      compression_ratio: compressionRatio(sentence.text),
      // Segments exist only where words were recognised.
      no_speech_prob: 0,
    }));
  }
  if (granularities.includes('word')) {
    body.words = result.words.map((word) => ({ word: word.text, start: seconds(word.start), end: seconds(word.end) }));
  }
  body.usage = usage(result);
  return body;
}

/** The transcript in the requested OpenAI response format, with the content type OpenAI uses. `language`: the code it is in. */
export function formatTranscription(
  result: TranscriptResult,
  language: string,
  format: ResponseFormat,
  granularities: readonly Granularity[],
): FormattedResponse {
  switch (format) {
    case 'json':
      return { contentType: 'application/json', body: { text: result.text, usage: usage(result) } };
    case 'text':
      return { contentType: 'text/plain; charset=utf-8', body: `${result.text}\n` };
    case 'srt':
    case 'vtt':
      return { contentType: 'text/plain; charset=utf-8', body: renderSubtitles(result.words, format) };
    case 'verbose_json':
      return { contentType: 'application/json', body: verboseJson(result, language, granularities) };
  }
}
