import { fileURLToPath } from 'node:url';
import { HarkError } from '../../domain/errors.js';
import { PoolStartError, ProcessExitedError, ProcessPool } from '../../lib/process-pool.js';
import type { EngineWord, RecognitionEngine } from '../engine.js';
import { POCKETSPHINX_MODEL_DIR, type DecoderSettings } from './pocketsphinx-decoder.js';

export interface PocketSphinxEngineOptions {
  processes: number;
  modelDir?: string;
  extraArgs?: string[];
}

/** The embedded engine: PocketSphinx with Debian's en-us model, in a pool of recognizer processes. */
export class PocketSphinxEngine implements RecognitionEngine {
  readonly speechModel = 'slam-1';
  readonly acousticModel = 'pocketsphinx-en-us';
  readonly languageModel = 'pocketsphinx-en-us-3gram';
  readonly sampleRate = 16_000;
  readonly #pool: ProcessPool<Int16Array, EngineWord[]>;

  constructor(options: PocketSphinxEngineOptions) {
    const settings: DecoderSettings = {
      modelDir: options.modelDir ?? POCKETSPHINX_MODEL_DIR,
      extraArgs: options.extraArgs ?? [],
    };
    this.#pool = new ProcessPool({
      modulePath: fileURLToPath(new URL('./pocketsphinx-child.js', import.meta.url)),
      size: options.processes,
      env: { HARK_POCKETSPHINX_SETTINGS: JSON.stringify(settings) },
    });
  }

  get parallelism(): number {
    return this.#pool.size;
  }

  async recognize(samples: Int16Array, signal?: AbortSignal): Promise<EngineWord[]> {
    try {
      return await this.#pool.run(samples, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof ProcessExitedError) {
        throw new HarkError('ENGINE_FAILED', `Speech recognition failed: ${error.message}`, { cause: error, retryable: true });
      }
      if (error instanceof PoolStartError) {
        throw new HarkError('ENGINE_FAILED', `Speech recognition is unavailable: ${error.message}`, { cause: error, retryable: false });
      }
      throw new HarkError('ENGINE_FAILED', `Speech recognition failed: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
