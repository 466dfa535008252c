import type { TextFeatures } from '../text/index.js';

/** What a recognition run produces, independent of any API surface. Times are integer milliseconds. */
export interface Word {
  text: string;
  start: number;
  end: number;
  /** Posterior probability of the word in 0–1. */
  confidence: number;
  speaker: string | null;
  /** The audio channel ("1", "2", …) the word was heard on; multichannel transcripts only. */
  channel?: string;
}

/** AssemblyAI's utterance: consecutive words of one speaker, every word inside carrying that speaker. */
export interface Utterance {
  speaker: string;
  text: string;
  start: number;
  end: number;
  confidence: number;
  words: Word[];
  /** Multichannel transcripts only, as on the words. */
  channel?: string;
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
  /** With language_detection: the language detected and the share of the speech that agrees (0–1). */
  languageCode?: string;
  languageConfidence?: number;
  /**
   * The text features' results under AssemblyAI's field names (null: feature off). Absent from
   * results stored before the text stage existed and from deleted transcripts.
   */
  features?: TextFeatures;
  /** With speaker_labels or multichannel: the words grouped by speaker. */
  utterances?: Utterance[];
  /** With multichannel: how many channels were transcribed. */
  audioChannels?: number;
  /** File name of the PII-redacted audio (redact_pii_audio); the name is the capability token in its URL. */
  redactedAudio?: string;
}

/** What a deleted transcript keeps: its duration and what ran. Text, words, findings and the redacted audio go. */
export function wipeResult(result: TranscriptResult): TranscriptResult {
  const { audioDurationSeconds, speechModel, acousticModel, languageModel } = result;
  return { text: '', words: [], confidence: null, audioDurationSeconds, speechModel, acousticModel, languageModel };
}
