import type { Word } from '../domain/transcript.js';
// Types only: the server must not load the text libraries (compromise & co., ~40 MB); the child does.
import type { TextFeatureOptions, TextFeatureResult } from '../text/index.js';
import { StageProcess } from './stage-process.js';

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
 * The text stage in its own process: it is CPU-bound (with every feature on, about 0.2 s for the
 * 1,500 words of ten minutes and 1.1 s for the 9,000 of an hour, npm run bench) and loads its own
 * libraries (compromise & co.; the process is ~95 MB), engine-independent, so it gets a process of
 * its own rather than a slot in the recognizer process.
 */
export class TextStagePool implements TextStage {
  readonly #process = new StageProcess<TextStageTask, TextFeatureResult>(new URL('./text-stage-child.js', import.meta.url), {
    code: 'TEXT_STAGE_FAILED',
    message: 'Text processing failed',
  });

  run(words: Word[], options: TextFeatureOptions, signal?: AbortSignal): Promise<TextFeatureResult> {
    return this.#process.run({ words, options }, signal);
  }

  close(): Promise<void> {
    return this.#process.close();
  }
}
