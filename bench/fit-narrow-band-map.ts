/**
 * `node dist/bench/fit-narrow-band-map.js`: fits the narrow-band map (src/engines/pocketsphinx/
 * narrow-band-map.ts) and rewrites src/engines/pocketsphinx/narrow-band-map-weights.ts.
 *
 * Training speech: every sentence of six licence texts in /usr/share/common-licenses (base-files;
 * none of it eval-set text) spoken by seven synthetic voices built from recordings of five people —
 * flite's kal16, awb, rms and slt and festival's kal and ked diphone voices and its slt HTS voice —
 * so the wide-band side is real-voice spectra rather than eval-set audio. Each utterance is paired
 * frame by frame with a narrow-band copy, in turn the three kinds the service meets: a telephone
 * line (300–3400 Hz μ-law at 8 kHz) through ffmpeg's gentle filters, the same through sox's sharp
 * ones, and plain 8 kHz PCM. Both sides go through the pipeline's own decoding to 16 kHz and the
 * decoder's own front end; both tools keep the frames aligned (within a millisecond or two). Least
 * squares then fits the map from the narrow-band side to the wide-band side, with a small ridge
 * (N/1000 on the diagonal) so that neighbouring frames, which are nearly collinear, do not trade
 * huge opposite weights. Last, the model's means get a transform fitted on the same pairs, the
 * narrow-band side mapped (bench/lib/mean-transform-fit.ts).
 *
 * Needs: apt-get install flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox
 * (about 20 minutes, on one core; the mean transform takes half). Fitted 2026-12-07; context 2 (measured against 1 and 4 on
 * telephone copies of read speech: README, Narrow-band audio).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveLinear } from '../src/lib/linear-solve.js';
import { readPhoneCodebooks } from '../src/engines/pocketsphinx/acoustic-model-gaussians.js';
import { cepstralMeans, featParams, NarrowBandMap, stackedDeviations, type NarrowBandMapWeights } from '../src/engines/pocketsphinx/narrow-band-map.js';
import { PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR, SAMPLE_RATE } from '../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { decodedSamples } from '../test/helpers/decoded-audio.js';
import { NARROW_BAND_COPIES, type MakeNarrowBandCopy } from '../test/helpers/narrow-band-copies.js';
import { MeanTransformFit } from './lib/mean-transform-fit.js';

const CONTEXT = 2;
const LICENCES = ['GPL-3', 'GFDL-1.3', 'Apache-2.0', 'MPL-2.0', 'Artistic', 'LGPL-2.1'];
/** How each voice is asked to speak `text` into `out`. */
const VOICES: Record<string, (text: string, out: string) => void> = Object.fromEntries([
  ...['kal16', 'awb', 'rms', 'slt'].map((voice) => [`flite ${voice}`, (text: string, out: string) => execFileSync('flite', ['-voice', voice, '-t', text, '-o', out])]),
  ...['voice_kal_diphone', 'voice_ked_diphone', 'voice_cmu_us_slt_arctic_hts'].map((voice) => [
    `festival ${voice}`,
    (text: string, out: string) => execFileSync('text2wave', ['-eval', `(${voice})`, '-o', out], { input: text, stdio: ['pipe', 'ignore', 'ignore'] }),
  ]),
]);
/** The kinds of narrow-band copy an utterance is paired with, in turn. */
const COPY_KINDS = Object.values(NARROW_BAND_COPIES);
/** The feat.params settings that shape the cepstra: the map is kept only for a model that has the same. */
const FRONT_END_SETTINGS = ['lowerf', 'upperf', 'nfilt', 'transform', 'lifter'];
const WEIGHTS_FILE = new URL('../../src/engines/pocketsphinx/narrow-band-map-weights.ts', import.meta.url);

/** Plain sentences of the licence texts: 6–24 words, no digits or markup. */
function sentences(): string[] {
  const text = LICENCES.map((name) => readFileSync(join('/usr/share/common-licenses', name), 'utf8')).join(' ').replace(/\s+/g, ' ');
  const all = text.split(/(?<=[.!?;]) /).filter((sentence) => {
    const words = sentence.split(' ').length;
    return words >= 6 && words <= 24 && !/[0-9/_:@<>=*#|"(){}[\]]/.test(sentence);
  });
  return [...new Set(all)].sort();
}

function frontEndSettings(): Record<string, string> {
  const settings = featParams(join(POCKETSPHINX_MODEL_DIR, 'en-us'));
  return Object.fromEntries(FRONT_END_SETTINGS.flatMap((name) => (settings.has(name) ? [[name, settings.get(name) as string]] : [])));
}

for (const tool of ['flite', 'text2wave', 'sox']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} not found: apt-get install flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox`);
  }
}
const decoder = new PocketSphinxDecoder({ modelDir: POCKETSPHINX_MODEL_DIR, extraArgs: [], speakerAdaptation: false, minWordConfidence: 0 });
const scratch = mkdtempSync(join(tmpdir(), 'hark-narrow-band-map-'));
try {
  const texts = sentences();
  const dim = decoder.cepstralDim;
  const inputs = (2 * CONTEXT + 1) * dim;
  const xx = new Float64Array(inputs * inputs);
  const xy = new Float64Array(inputs * dim);
  let pairs = 0;
  let utterances = 0;
  /** Every utterance's cepstra, both sides, for the mean transform once the map is known. */
  const utterancePairs: { wide: Float32Array; narrow: Float32Array }[] = [];
  for (const [voice, speak] of Object.entries(VOICES)) {
    for (const text of texts) {
      const wide = join(scratch, 'wide.wav');
      const narrow = join(scratch, 'narrow.wav');
      speak(text, wide);
      (COPY_KINDS[utterances % COPY_KINDS.length] as MakeNarrowBandCopy)(wide, narrow);
      const target = await decoder.frontEndCepstra(await decodedSamples(wide, SAMPLE_RATE));
      const source = await decoder.frontEndCepstra(await decodedSamples(narrow, SAMPLE_RATE));
      const sourceMeans = cepstralMeans(source, dim);
      const targetMeans = cepstralMeans(target, dim);
      const frames = Math.min(source.length, target.length) / dim;
      utterancePairs.push({ wide: target.subarray(0, frames * dim), narrow: source.subarray(0, frames * dim) });
      const x = new Float64Array(inputs);
      for (let t = 0; t < frames; t++) {
        stackedDeviations(source, dim, sourceMeans, t, CONTEXT, x);
        for (let r = 0; r < inputs; r++) {
          const xr = x[r] as number;
          for (let c = 0; c < inputs; c++) xx[r * inputs + c] = (xx[r * inputs + c] as number) + xr * (x[c] as number);
          for (let i = 0; i < dim; i++) xy[r * dim + i] = (xy[r * dim + i] as number) + xr * ((target[t * dim + i] as number) - (targetMeans[i] as number));
        }
      }
      pairs += frames;
      utterances++;
    }
    console.log(`${voice}: ${texts.length} sentences, ${pairs} frame pairs so far`);
  }
  for (let r = 0; r < inputs; r++) xx[r * inputs + r] = (xx[r * inputs + r] as number) + pairs / 1000;
  const weights = new Array<number>(inputs * dim);
  for (let i = 0; i < dim; i++) {
    const column = solveLinear(xx, Float64Array.from({ length: inputs }, (_, r) => xy[r * dim + i] as number));
    if (column === null) throw new Error('the normal equations are singular');
    for (let r = 0; r < inputs; r++) weights[r * dim + i] = Number((column[r] as number).toPrecision(6));
  }
  // The means' transform is fitted on the frames as the map makes them: the map needs none of it.
  const mapped = new NarrowBandMap({ frontEnd: {}, context: CONTEXT, dim, weights, meanTransform: [] });
  const codebooks = readPhoneCodebooks(join(POCKETSPHINX_MODEL_DIR, 'en-us'));
  if (codebooks === null || codebooks.streamDim !== dim) throw new Error('the mean transform needs the en-us PTM model');
  const meanFit = new MeanTransformFit(codebooks);
  for (const { wide, narrow } of utterancePairs) meanFit.add(wide, mapped.apply(narrow));
  const meanTransform = meanFit.fit().map((rows) => rows.map((value) => Number(value.toPrecision(6))));
  const map: NarrowBandMapWeights = { frontEnd: frontEndSettings(), context: CONTEXT, dim, weights, meanTransform };
  const rows = Array.from({ length: inputs }, (_, r) => `    ${weights.slice(r * dim, (r + 1) * dim).join(', ')},`);
  const transformRows = meanTransform.map((stream) => [
    '    [',
    ...Array.from({ length: dim }, (_, i) => `      ${stream.slice(i * (dim + 1), (i + 1) * (dim + 1)).join(', ')},`),
    '    ],',
  ]);
  writeFileSync(
    WEIGHTS_FILE,
    [
      `// Written by \`node dist/bench/fit-narrow-band-map.js\` from ${utterances} utterances (${pairs} frame pairs); do not edit.`,
      "import type { NarrowBandMapWeights } from './narrow-band-map.js';",
      '',
      'export const NARROW_BAND_MAP: NarrowBandMapWeights = {',
      `  frontEnd: ${JSON.stringify(map.frontEnd)},`,
      `  context: ${map.context},`,
      `  dim: ${map.dim},`,
      '  weights: [',
      ...rows,
      '  ],',
      '  meanTransform: [',
      ...transformRows.flat(),
      '  ],',
      '};',
      '',
    ].join('\n'),
  );
  console.log(`${utterances} utterances, ${pairs} frame pairs: wrote ${WEIGHTS_FILE.pathname}`);
} finally {
  decoder.free();
  rmSync(scratch, { recursive: true, force: true });
}
