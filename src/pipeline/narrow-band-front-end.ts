import { BandFill } from '../audio/band-fill.js';
import { BandEnergyMeter, isNarrowBandRate, isNarrowBandSpectrum } from '../audio/narrow-band.js';

/** Seconds of sound the bandwidth is judged on, and the fill's level taken from. */
const JUDGED_SOUND_SECONDS = 10;
/** Most audio held back while waiting for that much sound: bounds memory (2 MB) on quiet files. */
const MAX_LOOKAHEAD_SECONDS = 60;

/**
 * Decoded PCM on its way to the segmenter. The start of the stream is held back until it has
 * JUDGED_SOUND_SECONDS of sound (or MAX_LOOKAHEAD_SECONDS, or the end): narrow-band audio — an
 * 8 kHz source, or nothing above 4.4 kHz — then flows on with the high band filled, anything else
 * unchanged. `decided` hears the verdict once, before the first piece is passed on.
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
  let fill: BandFill | null = null;
  const decide = (): Int16Array[] => {
    const narrowBand = isNarrowBandRate(sourceRate) || isNarrowBandSpectrum(meter.highBandDb());
    decided(narrowBand);
    // No sound at all leaves nothing to scale the fill to, and nothing to recognise.
    if (narrowBand && meter.soundRms() > 0) fill = new BandFill(meter.soundRms());
    const pieces = held ?? [];
    held = null;
    return pieces;
  };
  const pass = (samples: Int16Array): Int16Array => (fill === null ? samples : fill.apply(samples));

  for await (const samples of blocks) {
    if (held === null) {
      yield pass(samples);
      continue;
    }
    meter.push(samples);
    held.push(samples);
    heldSamples += samples.length;
    if (meter.soundSeconds >= JUDGED_SOUND_SECONDS || heldSamples >= MAX_LOOKAHEAD_SECONDS * sampleRate) {
      for (const piece of decide()) yield pass(piece);
    }
  }
  if (held !== null) for (const piece of decide()) yield pass(piece);
}
