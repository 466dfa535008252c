import type { Word } from '../domain/transcript.js';
// Types only: the server's main thread must not load the text libraries (compromise & co.); the stage's thread does.
import type { TextFeatureOptions, TextFeatureResult } from '../text/index.js';
import { StageWorker } from './stage-worker.js';

/** One text-stage run, as it crosses to the text stage's thread. */
export interface TextStageTask {
  words: Word[];
  options: TextFeatureOptions;
}

/** Stage 6: formatting, redaction and the analysis features over the assembled words (src/text). */
export interface TextStage {
  run(words: Word[], options: TextFeatureOptions, signal?: AbortSignal): Promise<TextFeatureResult>;
}

/**
 * The text stage in a thread of the server's process: it is CPU-bound (with every feature on, about
 * 0.2 s for the 1,500 words of ten minutes and 1.1 s for the 9,000 of an hour, npm run bench), so it
 * stays off the event loop, and it is pure JavaScript (compromise & co.), so it cannot crash the
 * process and needs no copy of Node of its own: as a process it held ~64 MB resident, of which
 * ~42 MB were Node's own pages that the server already has.
 */
export class TextStagePool implements TextStage {
  readonly #worker = new StageWorker<TextStageTask, TextFeatureResult>(
    new URL('./text-stage-child.js', import.meta.url),
    { code: 'TEXT_STAGE_FAILED', message: 'Text processing failed' },
    { isolation: 'thread' },
  );

  run(words: Word[], options: TextFeatureOptions, signal?: AbortSignal): Promise<TextFeatureResult> {
    return this.#worker.run({ words, options }, signal);
  }

  close(): Promise<void> {
    return this.#worker.close();
  }
}
