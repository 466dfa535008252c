/** What a recognition run produces, independent of any API surface. Times are integer milliseconds. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** Posterior probability of the word in 0–1. */
  confidence: number;
  speaker: string | null;
}

export interface TranscriptResult {
  text: string;
  words: Word[];
  /** Mean word confidence in 0–1, or null when no word was recognised. */
  confidence: number | null;
  /** Duration of the whole source file, in seconds (not rounded). */
  audioDurationSeconds: number;
  /** Names of what actually ran, reported as `speech_model`, `acoustic_model`, `language_model`. */
  speechModel: string;
  acousticModel: string;
  languageModel: string;
}
