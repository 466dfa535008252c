import type { Word } from '../domain/transcript.js';
import type { TimedWord } from './recognize-stream.js';

/**
 * Stage 5: turns engine words into transcript words — integer ms on the original file's timeline
 * (`offsetMs` is where decoding started, for `audio_start_from`), clamped to the audio's end.
 */
export function assembleWords(words: readonly TimedWord[], offsetMs: number, endMs: number): Word[] {
  return words
    .map((word) => {
      const start = Math.min(Math.round(word.startMs + offsetMs), endMs);
      return {
        text: word.text,
        start,
        end: Math.max(start, Math.min(Math.round(word.endMs + offsetMs), endMs)),
        confidence: Math.round(word.confidence * 1e6) / 1e6,
        speaker: null,
      };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Mean word confidence, or null for an empty transcript. */
export function meanConfidence(words: readonly Word[]): number | null {
  if (words.length === 0) return null;
  const total = words.reduce((sum, word) => sum + word.confidence, 0);
  return Math.round((total / words.length) * 1e6) / 1e6;
}
