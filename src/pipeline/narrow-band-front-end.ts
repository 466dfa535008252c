import { BandEnergyMeter, isNarrowBandRate, isNarrowBandSpectrum } from '../audio/narrow-band.js';

/** Seconds of sound the bandwidth is judged on. */
const JUDGED_SOUND_SECONDS = 10;
/** Most audio held back while waiting for that much sound: bounds memory (2 MB) on quiet files. */
const MAX_LOOKAHEAD_SECONDS = 60;

/**
 * Decoded PCM on its way to the segmenter, unchanged. The start of the stream is held back until it
 * has JUDGED_SOUND_SECONDS of sound (or MAX_LOOKAHEAD_SECONDS, or the end), so that `decided` hears
 * whether the audio is narrow-band — an 8 kHz source, or nothing above 4.4 kHz — once, before the
 * first piece is passed on and recognised.
 */
export async function* narrowBandFrontEnd(
  blocks: AsyncIterable<Int16Array>,
  sourceRate: number,
  sampleRate: number,
  decided: (narrowBand: boolean) => void,
): AsyncGenerator<Int16Array> {
  const meter = new BandEnergyMeter(sampleRate);
  let held: Int16Array[] | null = [];
  let heldSamples = 0;
  const decide = (): Int16Array[] => {
    decided(isNarrowBandRate(sourceRate) || isNarrowBandSpectrum(meter.highBandDb()));
    const pieces = held ?? [];
    held = null;
    return pieces;
  };

  for await (const samples of blocks) {
    if (held === null) {
      yield samples;
      continue;
    }
    meter.push(samples);
    held.push(samples);
    heldSamples += samples.length;
    if (meter.soundSeconds >= JUDGED_SOUND_SECONDS || heldSamples >= MAX_LOOKAHEAD_SECONDS * sampleRate) yield* decide();
  }
  if (held !== null) yield* decide();
}
