import type { BoostStrength, VocabularyBoost } from '../domain/vocabulary-boost.js';

/** A recognised word, with times relative to the start of the samples given to the engine. */
export interface EngineWord {
  text: string;
  startMs: number;
  endMs: number;
  /** Posterior probability in 0–1. */
  confidence: number;
  /**
   * The language the engine tagged the piece of audio this word was heard in (`en`, `zh`, …); only
   * models that identify languages (SenseVoice, multilingual Whisper) set it.
   */
  language?: string;
}

/** A stretch of audio, in ms relative to the start of the samples given to the engine. */
export interface SpeechStretch {
  startMs: number;
  endMs: number;
}

/** What an engine made of one segment. */
export interface Recognition {
  words: EngineWord[];
  /**
   * Where its speech detector heard speech (the stretches it decoded words from), so that later
   * stages need not run a detector of their own; null when the segment was decoded ungated.
   */
  speech: SpeechStretch[] | null;
}

/** What a model is reported as: the transcript's `speech_model`, `acoustic_model` and `language_model`. */
export interface EngineLabels {
  readonly speechModel: string;
  readonly acousticModel: string;
  readonly languageModel: string;
}

/** A job's vocabulary boost made ready for the decoders: the slow look-ups done once per job. */
export interface PreparedVocabulary {
  phrases: string[][];
  /** Pronunciations of the boosted words in the model's phone set; engines add those their dictionary lacks. */
  pronunciations: Record<string, string[]>;
  strength: BoostStrength;
}

export interface RecognizeOptions {
  signal?: AbortSignal;
  /** Terms to favour while decoding (from prepareVocabulary); none: the model as it is. */
  vocabulary?: PreparedVocabulary;
  /**
   * Names the recording (one channel of one job) a segment comes from, so an engine that adapts to
   * the speaker can carry what it learnt from earlier segments to later ones (it needs `piece` too).
   * None: each segment stands alone.
   */
  recording?: string;
  /** Where the segment stands among its recording's segments (with `recording`). */
  piece?: PiecePosition;
  /** The recording was heard as narrow-band (telephone) audio: see `wideBandOnly`. */
  narrowBand?: boolean;
}

/**
 * A segment's place in its recording: its index, and the index through which every segment of the
 * recording has been recognised when this one is sent (-1: none yet). What an engine carries from
 * segment to segment it takes only from those settled segments, never from ones still in flight, so
 * the words do not depend on which decoder happened to finish first.
 */
export interface PiecePosition {
  index: number;
  settledThrough: number;
}

/**
 * The recognition-engine port: turns one segment of 16-bit mono PCM at `sampleRate` into words.
 * Implementations keep their models loaded between calls and run off the event loop.
 */
export interface RecognitionEngine extends EngineLabels {
  readonly sampleRate: number;
  /**
   * Whether its acoustic model was trained on wide-band audio only, so that the pipeline tells it
   * which recordings are narrow-band (telephone) audio, whose features it then maps towards
   * wide-band ones (src/engines/pocketsphinx/narrow-band-map.ts).
   */
  readonly wideBandOnly: boolean;
  /**
   * The shortest piece the pipeline ends at a pause. An engine that adapts to the speaker within a
   * piece wants long ones; otherwise short pieces spread a short file over more decoders.
   */
  readonly minSegmentMs: number;
  /** How many segments the engine can decode at once (the pipeline keeps that many in flight). */
  readonly parallelism: number;
  /**
   * Makes a job's `word_boost`/`keyterms_prompt` ready for `recognize`. Throws OPTION_UNSUPPORTED for
   * a model that cannot favour words (requests for it are refused at submit time: ModelProfile).
   */
  prepareVocabulary(boost: VocabularyBoost): Promise<PreparedVocabulary>;
  recognize(samples: Int16Array, options?: RecognizeOptions): Promise<Recognition>;
  close(): Promise<void>;
}
