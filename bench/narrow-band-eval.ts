/**
 * `node dist/bench/narrow-band-eval.js`: what the narrow-band path does. Prints, per eval category,
 * how many clips the front end hears as narrow-band; then the WER of the embedded engine with the
 * narrow-band path (the map and the means it decodes with) and without it (plain upsampling) on the
 * `telephone` category, on telephone copies of 30 read clips (300–3400 Hz, 8 kHz μ-law, made here
 * with ffmpeg's gentle filters and again with sox's sharp ones), on plain 8 kHz PCM copies of the
 * same clips, and on the 8 kHz recordings of `en_read_telephone`; and, as the ceiling, the WER of
 * the `telephone` clips' wide-band originals. Every side runs Hark's own pipeline pieces on the
 * service's engine (recognizer process, speech gate, speaker adaptation as configured).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeAudio } from '../src/audio/probe-audio.js';
import type { RecognitionEngine } from '../src/engines/engine.js';
import { EMBEDDED_MODEL } from '../src/engines/engine-registry.js';
import { pooledWer, werCounts, type WerCounts } from '../src/lib/word-error-rate.js';
import { narrowBandFrontEnd } from '../src/pipeline/narrow-band-front-end.js';
import { decodedSamples, recognizeFile, recognizeFileAsWideBand } from '../test/helpers/decoded-audio.js';
import { evalItem, evalItems, wideBandOriginal } from '../test/helpers/eval-set.js';
import { NARROW_BAND_COPIES, type MakeNarrowBandCopy } from '../test/helpers/narrow-band-copies.js';
import { startHark } from '../test/helpers/hark.js';

/** Read clips to make narrow-band copies of (every other LJ001 sentence and a few voices; once the tuning set of a band fill the map replaced). */
const TUNING_CLIPS = [
  'alsa_front_left', 'alsa_rear_center', 'alsa_rear_right', 'alsa_side_right',
  ...Array.from({ length: 16 }, (_, index) => `lj_LJ001-${String(2 * index + 2).padStart(4, '0')}`),
  'sb_spk1_snt2', 'sb_spk1_snt4', 'sb_spk2_snt1', 'sb_spk2_snt3', 'sb_spk2_snt5',
  'whisper_jfk_flac', 'ds_LDC93S1', 'ds_arctic_a0024', 'mfa_libri_61-70968-0000', 'mfa_common_voice_en_22058266',
];

interface Clip {
  path: string;
  reference: string;
}

/** Whether the front end hears `path` as narrow-band. */
async function heardNarrowBand(path: string): Promise<boolean> {
  const { sampleRate } = await probeAudio(path);
  let verdict: boolean | null = null;
  const whole = async function* (): AsyncGenerator<Int16Array> {
    yield await decodedSamples(path, 16_000);
  };
  for await (const _ of narrowBandFrontEnd(whole(), sampleRate, 16_000, (narrowBand) => (verdict = narrowBand))) break;
  return verdict ?? false;
}

/** Plain upsampling: the pipeline without the narrow-band check. */
async function plainWords(path: string, engine: RecognitionEngine): Promise<string> {
  return (await recognizeFileAsWideBand(path, engine)).map((word) => word.text).join(' ');
}

async function mappedWords(path: string, engine: RecognitionEngine): Promise<string> {
  return (await recognizeFile(path, engine)).words.map((word) => word.text).join(' ');
}

async function compare(name: string, clips: Clip[], engine: RecognitionEngine): Promise<void> {
  const plain: WerCounts[] = [];
  const mapped: WerCounts[] = [];
  for (const clip of clips) {
    plain.push(werCounts(clip.reference, await plainWords(clip.path, engine)));
    mapped.push(werCounts(clip.reference, await mappedWords(clip.path, engine)));
  }
  console.log(`${name.padEnd(34)} ${String(clips.length).padStart(3)} clips  plain WER ${pooledWer(plain).toFixed(3)}  mapped WER ${pooledWer(mapped).toFixed(3)}`);
}

const scratch = mkdtempSync(join(tmpdir(), 'hark-narrow-band-'));

/** The tuning clips as `make` copies them (into the scratch folder). */
function copies(make: MakeNarrowBandCopy, tag: string): Clip[] {
  return TUNING_CLIPS.map((id) => {
    const item = evalItem(id);
    const path = join(scratch, `${id}.${tag}.wav`);
    make(item.path, path);
    return { path, reference: item.reference };
  });
}
try {
  const counts = new Map<string, { clips: number; narrow: number }>();
  for (const item of evalItems()) {
    const count = counts.get(item.category) ?? { clips: 0, narrow: 0 };
    count.clips++;
    if (await heardNarrowBand(item.path)) count.narrow++;
    counts.set(item.category, count);
  }
  for (const [category, count] of counts) console.log(`${category.padEnd(18)} ${count.narrow}/${count.clips} heard as narrow-band`);

  const hark = await startHark();
  try {
    const engine = hark.app.engines.get(EMBEDDED_MODEL);
    const telephone = evalItems().filter((item) => item.category === 'telephone');
    await compare('telephone (eval set)', telephone, engine);
    await compare('read clips as telephone copies', copies(NARROW_BAND_COPIES.gentleTelephone, 'gentle'), engine);
    await compare('the same, sharp band edges (sox)', copies(NARROW_BAND_COPIES.sharpTelephone, 'sharp'), engine);
    await compare('read clips as 8 kHz PCM copies', copies(NARROW_BAND_COPIES.pcm8k, 'pcm'), engine);
    const readTelephone = evalItems().filter((item) => item.category === 'en_read_telephone');
    await compare('en_read_telephone (8 kHz PCM)', readTelephone, engine);
    const originals: WerCounts[] = [];
    for (const item of telephone) {
      const original = wideBandOriginal(item);
      originals.push(werCounts(original.reference, await plainWords(original.path, engine)));
    }
    console.log(`${'telephone clips, wide-band originals'.padEnd(34)} ${String(originals.length).padStart(3)} clips  WER ${pooledWer(originals).toFixed(3)}`);
  } finally {
    await hark.close();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
