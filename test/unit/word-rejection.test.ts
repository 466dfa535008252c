import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.js';
import { PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { werCounts } from '../../src/lib/word-error-rate.js';
import { evalItem } from '../helpers/eval-set.js';
import { decodePcm16 } from '../helpers/pcm.js';

/** Real PocketSphinx on read speech under babble, where the decoder hears words in the other voices. */
describe('rejection of unlikely words', () => {
  const { minWordConfidence } = loadConfig({});
  const settings = { modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false };
  const everyWord = new PocketSphinxDecoder({ ...settings, minWordConfidence: 0 });
  const likelyWords = new PocketSphinxDecoder({ ...settings, minWordConfidence });
  after(() => {
    everyWord.free();
    likelyWords.free();
  });

  it('leaves out exactly the words below the minimum confidence, and fewer words are wrong', async () => {
    let errorsWithEvery = 0;
    let errorsWithLikely = 0;
    for (const id of ['noisy_lj_LJ001-0005__babble_5dB', 'noisy_lj_LJ001-0014__babble_5dB']) {
      const item = evalItem(id);
      const samples = decodePcm16(item.path);
      const all = await everyWord.recognize(samples);
      const kept = await likelyWords.recognize(samples);
      assert.deepEqual(
        kept,
        all.filter((word) => word.confidence >= minWordConfidence),
        id,
      );
      const text = (words: typeof all): string => words.map((word) => word.text).join(' ');
      errorsWithEvery += werCounts(item.reference, text(all)).errors;
      errorsWithLikely += werCounts(item.reference, text(kept)).errors;
    }
    assert.ok(minWordConfidence > 0, 'the service rejects unlikely words by default');
    assert.ok(errorsWithLikely < errorsWithEvery, `errors: ${errorsWithLikely} with rejection, ${errorsWithEvery} without`);
  });
});
