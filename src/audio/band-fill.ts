/**
 * Front-end compensation for narrow-band (telephone) audio decoded at 16 kHz. PocketSphinx's wide-band
 * model never heard empty mel filters: upsampled telephone audio leaves those above 4 kHz (and below
 * 300 Hz) near log(0), far from anything in training, which costs more words than the missing speech
 * detail itself. Faint noise, at a level relative to the speech and mostly above 4 kHz, puts those
 * filters back in the range they were trained on. Measured on telephone audio (README, Performance):
 * it beat plain upsampling, mirroring the telephone band into the empty one, a flat 4.4–8 kHz fill,
 * and decoding at 8 kHz with the mel bank cut to 4 kHz.
 */

/**
 * Fill RMS relative to the speech's (telephone-band RMS while there is sound). On 30 read clips made
 * telephone-like, 0.035 and 0.05 scored best (0.025 and 0.07 worse): 0.04 sits between them.
 */
export const FILL_RELATIVE_LEVEL = 0.04;

/** Length of the precomputed noise loop: 4 s at 16 kHz, far longer than any feature window. */
const LOOP_SAMPLES = 1 << 16;
/** Pole of the two one-pole low-pass stages that shape the noise before it is mirrored. */
const POLE = 0.5;

let noiseLoop: Float64Array | null = null;

/**
 * The fill, RMS 1, made once. White noise from a fixed-seed generator (the same audio always yields
 * the same transcript) goes through two one-pole low-pass stages, then is multiplied by (-1)^n,
 * which mirrors its spectrum around 4 kHz: it peaks at 8 kHz, is 14 dB down at 4 kHz and 18–19 dB down
 * through the telephone band. So the empty high band gets most of it, and the gaps below 300 Hz,
 * 3.4–4.4 kHz and μ-law's silent stretches a faint floor. The loop is filtered twice round, so its
 * end joins its start seamlessly; looping a table keeps the per-sample cost at one add.
 */
function shapedNoise(): Float64Array {
  if (noiseLoop !== null) return noiseLoop;
  const white = new Float64Array(LOOP_SAMPLES);
  let seed = 0x2545f491;
  for (let i = 0; i < LOOP_SAMPLES; i++) {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    white[i] = ((seed >>> 0) / 0xffffffff) * 2 - 1;
  }
  const loop = new Float64Array(LOOP_SAMPLES);
  let first = 0;
  let second = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let n = 0; n < LOOP_SAMPLES; n++) {
      first = POLE * first + (1 - POLE) * (white[n] as number);
      second = POLE * second + (1 - POLE) * first;
      loop[n] = n % 2 === 0 ? second : -second;
    }
  }
  let power = 0;
  for (const value of loop) power += value * value;
  const rms = Math.sqrt(power / LOOP_SAMPLES);
  for (let n = 0; n < LOOP_SAMPLES; n++) loop[n] = (loop[n] as number) / rms;
  noiseLoop = loop;
  return loop;
}

/**
 * Adds the fill to a stream of 16 kHz PCM piece by piece, at FILL_RELATIVE_LEVEL of the
 * speech's RMS; the loop position carries over between pieces.
 */
export class BandFill {
  readonly #noise = shapedNoise();
  readonly #scale: number;
  #position = 0;

  /** `speechRms`: RMS of the stream's telephone band while there is sound, in sample units (BandEnergyMeter.soundRms). */
  constructor(speechRms: number) {
    this.#scale = FILL_RELATIVE_LEVEL * speechRms;
  }

  /** Returns `samples` with the fill added (a new array; clipped to 16 bits). */
  apply(samples: Int16Array): Int16Array {
    const out = new Int16Array(samples.length);
    for (let n = 0; n < samples.length; n++) {
      const value = (samples[n] as number) + this.#scale * (this.#noise[this.#position] as number);
      out[n] = Math.max(-32768, Math.min(32767, Math.round(value)));
      this.#position = (this.#position + 1) % LOOP_SAMPLES;
    }
    return out;
  }
}
