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

/** What a model is reported as: the transcript's `speech_model`, `acoustic_model` and `language_model`. */
export interface EngineLabels {
  readonly speechModel: string;
  readonly acousticModel: string;
  readonly languageModel: string;
}

/**
 * The recognition-engine port: turns one segment of 16-bit mono PCM at `sampleRate` into words.
 * Implementations keep their models loaded between calls and run off the event loop.
 */
export interface RecognitionEngine extends EngineLabels {
  readonly sampleRate: number;
  /**
   * Whether its acoustic model was trained on wide-band audio only, so that narrow-band (telephone)
   * input needs its empty high band filled before decoding (src/audio/band-fill.ts).
   */
  readonly wideBandOnly: boolean;
  /** How many segments the engine can decode at once (the pipeline keeps that many in flight). */
  readonly parallelism: number;
  recognize(samples: Int16Array, signal?: AbortSignal): Promise<EngineWord[]>;
  close(): Promise<void>;
}
