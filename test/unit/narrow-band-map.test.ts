import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cepstralMeans, NarrowBandMap, type NarrowBandMapWeights } from '../../src/engines/pocketsphinx/narrow-band-map.js';
import { NARROW_BAND_MAP } from '../../src/engines/pocketsphinx/narrow-band-map-weights.js';
import { PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR, SAMPLE_RATE } from '../../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { scratchDir } from '../helpers/audio-fixtures.js';
import { decodedSamples } from '../helpers/decoded-audio.js';
import { evalItem } from '../helpers/eval-set.js';
import { NARROW_BAND_COPIES } from '../helpers/narrow-band-copies.js';

const HMM_DIR = join(POCKETSPHINX_MODEL_DIR, 'en-us');
const DIM = 13;
const CONTEXT = 2;

/** A map whose output coefficient i is input coefficient i of the frame `offset` frames away. */
function shiftMap(offset: number): NarrowBandMapWeights {
  const weights = new Array<number>((2 * CONTEXT + 1) * DIM * DIM).fill(0);
  for (let i = 0; i < DIM; i++) weights[((offset + CONTEXT) * DIM + i) * DIM + i] = 1;
  return { frontEnd: {}, context: CONTEXT, dim: DIM, weights, meanTransform: [] };
}

/** Mean squared distance per frame between two runs of cepstra, each without its own mean (as decoding normalises them). */
function normalisedDistance(a: Float32Array, b: Float32Array): number {
  const frames = Math.min(a.length, b.length) / DIM;
  const meansA = cepstralMeans(a.subarray(0, frames * DIM), DIM);
  const meansB = cepstralMeans(b.subarray(0, frames * DIM), DIM);
  let sum = 0;
  for (let t = 0; t < frames; t++) {
    for (let i = 0; i < DIM; i++) sum += ((a[t * DIM + i] as number) - (meansA[i] as number) - ((b[t * DIM + i] as number) - (meansB[i] as number))) ** 2;
  }
  return sum / frames;
}

describe('narrow-band map', () => {
  const dir = scratchDir();
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Deterministic, full-rank stand-in for cepstra.
  const cepstra = Float32Array.from({ length: 40 * DIM }, (_, i) => ((i * 2_654_435_761) % 1009) / 100 - 5);

  it("applies its weights to each frame's deviation from the mean, reading neighbours with the edge frames repeated", () => {
    const same = new NarrowBandMap(shiftMap(0)).apply(cepstra);
    same.forEach((value, i) => assert.ok(Math.abs(value - (cepstra[i] as number)) < 1e-4, `coefficient ${i}`));
    const previous = new NarrowBandMap(shiftMap(-1)).apply(cepstra);
    const frames = cepstra.length / DIM;
    for (let t = 0; t < frames; t++) {
      const source = Math.max(0, t - 1);
      for (let i = 0; i < DIM; i++) assert.ok(Math.abs((previous[t * DIM + i] as number) - (cepstra[source * DIM + i] as number)) < 1e-4, `frame ${t}`);
    }
  });

  it("is kept for the en-us model's front end and dropped for a model whose cepstra are made differently", () => {
    assert.ok(NarrowBandMap.forModel(HMM_DIR, DIM));
    assert.equal(NarrowBandMap.forModel(HMM_DIR, DIM + 1), null, 'another cepstrum length');
    const other = mkdtempSync(join(tmpdir(), 'hark-model-'));
    try {
      copyFileSync(join(HMM_DIR, 'feat.params'), join(other, 'feat.params'));
      assert.ok(NarrowBandMap.forModel(other, DIM));
      writeFileSync(join(other, 'feat.params'), '-lowerf 200\n-upperf 3500\n-nfilt 31\n-transform dct\n-lifter 22\n');
      assert.equal(NarrowBandMap.forModel(other, DIM), null, 'an 8 kHz model');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("brings a telephone copy's cepstra closer to the wide-band recording's", async () => {
    // Fitted weights took the distance to 0.66 of the unmapped one when written; no map leaves it at 1.
    // Read speech the map never saw (it was fitted on synthetic voices), as a telephone line carries it.
    const wide = evalItem('lj_LJ001-0003').path;
    const telephone = join(dir, 'telephone.wav');
    NARROW_BAND_COPIES.gentleTelephone(wide, telephone);
    const decoder = new PocketSphinxDecoder({ modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: 0 });
    try {
      const target = await decoder.frontEndCepstra(await decodedSamples(wide, SAMPLE_RATE));
      const narrow = await decoder.frontEndCepstra(await decodedSamples(telephone, SAMPLE_RATE));
      const mapped = new NarrowBandMap(NARROW_BAND_MAP).apply(narrow);
      const before = normalisedDistance(narrow, target);
      const afterMap = normalisedDistance(mapped, target);
      assert.ok(afterMap < 0.8 * before, `distance ${afterMap.toFixed(1)} after the map against ${before.toFixed(1)} before`);
    } finally {
      decoder.free();
    }
  });
});
