import { HarkError } from '../domain/errors.js';
import { WorkerExitedError, WorkerStartError, TaskWorker } from '../lib/task-worker.js';
import type { VocabularyBoost } from '../domain/vocabulary-boost.js';
import type { PreparedVocabulary, Recognition, RecognitionEngine, RecognizeOptions } from './engine.js';
import { DEFAULT_SEGMENTER_OPTIONS } from '../segment/silence-segmenter.js';
import { SPEECH_THRESHOLD_ENV, type SegmentContext } from './speech-gated-decoder.js';

export interface PooledEngineOptions {
  speechModel: string;
  acousticModel: string;
  languageModel: string;
  sampleRate: number;
  wideBandOnly: boolean;
  /** See RecognitionEngine; default DEFAULT_SEGMENTER_OPTIONS.minSegmentMs. */
  minSegmentMs?: number;
  /** Absolute path of the compiled child module (it calls `serveTasks` with its decoder). */
  childModule: string;
  /** Decoders loaded in the recognizer process: segments decoded at once. */
  decoders: number;
  /** The speech gate's threshold in the children (0: decode every segment). */
  speechThreshold: number;
  /** Tells the children what to load. */
  env: Record<string, string>;
  /** For models that can favour words: finds what the children need (e.g. pronunciations). Absent: they cannot. */
  prepareVocabulary?: (boost: VocabularyBoost) => Promise<PreparedVocabulary>;
}

/** What the recognizer process is sent for each segment. */
export interface RecognitionTask extends SegmentContext {
  samples: Int16Array;
}

/**
 * A recognition engine whose pool of decoders lives in one recognizer process: each decoder loads the
 * model once and decodes on a thread of its own, so a long file's segments are decoded on every core,
 * and a native crash costs the segments in flight, not the server. One process rather than one per
 * decoder, so Node, ONNX Runtime and the speech detector are loaded once. Failures become the error
 * catalog's ENGINE_FAILED: a crashed process is retryable, a model that cannot load is not.
 */
export class PooledEngine implements RecognitionEngine {
  readonly speechModel: string;
  readonly acousticModel: string;
  readonly languageModel: string;
  readonly sampleRate: number;
  readonly wideBandOnly: boolean;
  readonly minSegmentMs: number;
  readonly #process: TaskWorker<RecognitionTask, Recognition>;
  readonly #prepareVocabulary: PooledEngineOptions['prepareVocabulary'];

  constructor(options: PooledEngineOptions) {
    this.speechModel = options.speechModel;
    this.acousticModel = options.acousticModel;
    this.languageModel = options.languageModel;
    this.sampleRate = options.sampleRate;
    this.wideBandOnly = options.wideBandOnly;
    this.minSegmentMs = options.minSegmentMs ?? DEFAULT_SEGMENTER_OPTIONS.minSegmentMs;
    this.#prepareVocabulary = options.prepareVocabulary;
    this.#process = new TaskWorker({
      modulePath: options.childModule,
      concurrency: options.decoders,
      env: {
        ...options.env,
        [SPEECH_THRESHOLD_ENV]: String(options.speechThreshold),
        // The decoders' calls run on libuv's thread pool, 4 threads unless told otherwise: one per
        // decoder, plus one for the process's own file reads.
        UV_THREADPOOL_SIZE: String(Math.max(4, options.decoders + 1)),
      },
    });
  }

  get parallelism(): number {
    return this.#process.concurrency;
  }

  prepareVocabulary(boost: VocabularyBoost): Promise<PreparedVocabulary> {
    if (this.#prepareVocabulary === undefined) {
      return Promise.reject(new HarkError('OPTION_UNSUPPORTED', `${this.speechModel} cannot favour words: word_boost and keyterms_prompt need the embedded model`));
    }
    return this.#prepareVocabulary(boost);
  }

  async recognize(samples: Int16Array, options: RecognizeOptions = {}): Promise<Recognition> {
    const { signal, vocabulary, recording, piece, narrowBand } = options;
    const task: RecognitionTask = { samples };
    if (vocabulary !== undefined) task.vocabulary = vocabulary;
    if (recording !== undefined) task.recording = recording;
    if (piece !== undefined) task.piece = piece;
    if (narrowBand === true) task.narrowBand = true;
    try {
      return await this.#process.run(task, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof WorkerExitedError) {
        throw new HarkError('ENGINE_FAILED', `Speech recognition failed: ${error.message}`, { cause: error, retryable: true });
      }
      if (error instanceof WorkerStartError) {
        throw new HarkError('ENGINE_FAILED', `Speech recognition is unavailable: ${error.message}`, { cause: error, retryable: false });
      }
      throw new HarkError('ENGINE_FAILED', `Speech recognition failed: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.#process.close();
  }
}
