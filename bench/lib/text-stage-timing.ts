import type { Word } from '../../src/domain/transcript.js';
import { TextStagePool } from '../../src/pipeline/text-stage.js';
import { ALL_TEXT_FEATURES } from '../../src/text/index.js';

/**
 * Milliseconds the text stage takes on `words` with every feature on, run the way jobs run it (warm,
 * words and results crossing to the stage and back).
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
