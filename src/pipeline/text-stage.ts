import { fileURLToPath } from 'node:url';
import { HarkError } from '../domain/errors.js';
import type { Word } from '../domain/transcript.js';
import { ProcessExitedError, ProcessPool } from '../lib/process-pool.js';
import { ALL_TEXT_FEATURES, type TextFeatureOptions, type TextFeatureResult } from '../text/index.js';

/** One text-stage run, as it crosses to the text-stage process. */
export interface TextStageTask {
  words: Word[];
  options: TextFeatureOptions;
}

/** Stage 6: formatting, redaction and the analysis features over the assembled words (src/text). */
export interface TextStage {
  run(words: Word[], options: TextFeatureOptions, signal?: AbortSignal): Promise<TextFeatureResult>;
}

/**
 * The text stage in its own process. It is CPU-bound (about 0.4 s per 2,000 words, more on the
 * first call) and would stall every HTTP request for that long on the main thread. It gets a pool
 * of its own rather than a slot in the recognizer processes because it is engine-independent and
 * loads its own libraries (compromise, ~100 MB): one process serves all jobs, since a job spends
 * well under a tenth of its time here, while every recognizer process would carry the libraries.
 */
export class TextStagePool implements TextStage {
  readonly #pool = new ProcessPool<TextStageTask, TextFeatureResult>({
    modulePath: fileURLToPath(new URL('./text-stage-child.js', import.meta.url)),
    size: 1,
  });

  async run(words: Word[], options: TextFeatureOptions, signal?: AbortSignal): Promise<TextFeatureResult> {
    try {
      return await this.#pool.run({ words, options }, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      // A process that died (out of memory, killed) may well survive the next attempt; an exception is a bug.
      throw new HarkError('TEXT_STAGE_FAILED', `Text processing failed: ${(error as Error).message}`, {
        cause: error,
        retryable: error instanceof ProcessExitedError,
      });
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/**
 * For `npm run bench`: milliseconds the text stage takes on `words` with every feature on, run the
 * way jobs run it (in a warm text-stage process, words and results crossing the process boundary).
 */
export async function measureTextStage(words: Word[]): Promise<number> {
  const stage = new TextStagePool();
  try {
    await stage.run(words, ALL_TEXT_FEATURES);
    const started = performance.now();
    await stage.run(words, ALL_TEXT_FEATURES);
    return performance.now() - started;
  } finally {
    await stage.close();
  }
}
