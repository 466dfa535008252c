import { HarkError } from '../domain/errors.js';
import type { EngineWord } from '../engines/engine.js';

export interface DetectedLanguage {
  /** The language the engine tagged most of the speech with (`en`, `zh`, …). */
  code: string;
  /** The share of the recognised speech tagged with it, 0–1, to 4 places. */
  confidence: number;
}

/**
 * `language_detection` over a whole file. Models that identify languages (SenseVoice, multilingual
 * Whisper in sherpa-onnx 1.13) name one language per pause-cut piece of audio but give no
 * probability for it, so the confidence is how much of the speech agrees: each word's duration
 * counts for its piece's language, the language with the most speech wins, and its share is the
 * confidence. One piece, or pieces that all agree, give 1; a file whose pieces split 2:1 gives 0.6667.
 * Null when no word carries a language (no speech, or a model that names none).
 */
export function detectLanguage(words: readonly EngineWord[]): DetectedLanguage | null {
  const speech = new Map<string, number>();
  let total = 0;
  for (const word of words) {
    if (word.language === undefined) continue;
    // A word the engine gave no length still counts, as a millisecond of speech.
    const ms = Math.max(1, word.endMs - word.startMs);
    speech.set(word.language, (speech.get(word.language) ?? 0) + ms);
    total += ms;
  }
  let best: [string, number] | null = null;
  for (const entry of speech) if (best === null || entry[1] > best[1]) best = entry;
  return best === null ? null : { code: best[0], confidence: Math.round((best[1] / total) * 1e4) / 1e4 };
}

/**
 * Detects the language and fails the job as AssemblyAI does when detection is less sure than
 * `language_confidence_threshold`, in its words (`detected language 'bg', confidence 0.2949, is below
 * the requested confidence threshold value of '0.4'`). No language detected counts as confidence 0.
 */
export function identifyLanguage(words: readonly EngineWord[], threshold: number | null): DetectedLanguage | null {
  const detected = detectLanguage(words);
  const confidence = detected?.confidence ?? 0;
  if (threshold === null || confidence >= threshold) return detected;
  throw new HarkError(
    'LANGUAGE_CONFIDENCE_LOW',
    `detected language '${detected?.code ?? 'none'}', confidence ${confidence.toFixed(4)}, is below the requested confidence threshold value of '${threshold}'`,
  );
}
