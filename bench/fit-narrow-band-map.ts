/**
 * `node dist/bench/fit-narrow-band-map.js`: fits the narrow-band map (src/engines/pocketsphinx/
 * narrow-band-map.ts) and rewrites src/engines/pocketsphinx/narrow-band-map-weights.ts.
 *
 * Training speech: every sentence of six licence texts in /usr/share/common-licenses (base-files;
 * none of it eval-set text) spoken by seven synthetic voices built from recordings of five people —
 * flite's kal16, awb, rms and slt and festival's kal and ked diphone voices and its slt HTS voice —
 * so the wide-band side is real-voice spectra rather than eval-set audio. Each utterance is paired
 * frame by frame with a narrow-band copy made by ffmpeg, alternately the two kinds the service
 * meets: 300–3400 Hz μ-law at 8 kHz (a telephone line) and plain 8 kHz PCM. Both sides go through
 * the pipeline's own decoding to 16 kHz and the decoder's own front end; ffmpeg keeps their frames
 * aligned. Least squares then fits the map from the narrow-band side to the wide-band side, with a
 * small ridge (N/1000 on the diagonal) so that neighbouring frames, which are nearly collinear, do
 * not trade huge opposite weights.
 *
 * Needs: apt-get install flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts
 * (about 7 minutes on 2 cores). Fitted 2026-11-27: context 2 (measured against 1 and 4 on
 * telephone copies of read speech: README, Narrow-band audio).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solveLinear } from '../src/lib/linear-solve.js';
import { cepstralMeans, featParams, stackedDeviations, type NarrowBandMapWeights } from '../src/engines/pocketsphinx/narrow-band-map.js';
import { PocketSphinxDecoder, POCKETSPHINX_MODEL_DIR, SAMPLE_RATE } from '../src/engines/pocketsphinx/pocketsphinx-decoder.js';
import { decodedSamples } from '../test/helpers/decoded-audio.js';

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
const NARROW_BAND_COPIES = [
  ['-af', 'highpass=f=300,lowpass=f=3400', '-ar', '8000', '-acodec', 'pcm_mulaw'],
  ['-ar', '8000', '-acodec', 'pcm_s16le'],
];
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

for (const tool of ['flite', 'text2wave']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`${tool} not found: apt-get install flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts`);
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
  for (const [voice, speak] of Object.entries(VOICES)) {
    for (const text of texts) {
      const wide = join(scratch, 'wide.wav');
      const narrow = join(scratch, 'narrow.wav');
      speak(text, wide);
      execFileSync('ffmpeg', ['-nostdin', '-v', 'error', '-y', '-i', wide, '-ac', '1', ...(NARROW_BAND_COPIES[utterances % 2] as string[]), narrow]);
      const target = await decoder.frontEndCepstra(await decodedSamples(wide, SAMPLE_RATE));
      const source = await decoder.frontEndCepstra(await decodedSamples(narrow, SAMPLE_RATE));
      const sourceMeans = cepstralMeans(source, dim);
      const targetMeans = cepstralMeans(target, dim);
      const frames = Math.min(source.length, target.length) / dim;
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
  const map: NarrowBandMapWeights = { frontEnd: frontEndSettings(), context: CONTEXT, dim, weights };
  const rows = Array.from({ length: inputs }, (_, r) => `    ${weights.slice(r * dim, (r + 1) * dim).join(', ')},`);
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
      '};',
      '',
    ].join('\n'),
  );
  console.log(`${utterances} utterances, ${pairs} frame pairs: wrote ${WEIGHTS_FILE.pathname}`);
} finally {
  decoder.free();
  rmSync(scratch, { recursive: true, force: true });
}
