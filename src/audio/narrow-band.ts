import { PowerSpectrum } from '../lib/fft.js';

/**
 * Narrow-band (telephone) detection. PocketSphinx's en-us model was trained on 16 kHz audio whose
 * mel filters reach 6.8 kHz; telephone audio carries 300–3400 Hz only, so its features need mapping
 * (see src/engines/pocketsphinx/narrow-band-map.ts). A file is narrow-band when its source rate
 * cannot hold more than 4 kHz, or when its decoded sound has (almost) nothing above 4.4 kHz
 * compared with the telephone band.
 */

/** A source sampled at this rate or lower holds nothing above 4 kHz. */
const NARROW_BAND_MAX_SOURCE_RATE = 8_000;

/** The telephone band: the reference level. */
const SPEECH_BAND_HZ: readonly [number, number] = [300, 3_400];
/** What wide-band audio fills and telephone audio leaves empty; starts at 4.4 kHz, past the transition band resamplers leave above 4 kHz. */
const HIGH_BAND_HZ: readonly [number, number] = [4_400, 7_600];

/**
 * High band against telephone band at or below which audio counts as narrow-band. On the eval set's
 * first 20 s per clip: 8 kHz sources upsampled by ffmpeg measure -53 to -71 dB; wide-band speech
 * -32 dB or more, and -45 dB for a band-limited 1961 broadcast (JFK), which is left wide-band.
 */
export const NARROW_BAND_MAX_HIGH_BAND_DB = -50;

/** 32 ms frames at 16 kHz: 31 Hz bins, fine enough for band edges. */
const FRAME_SAMPLES = 512;
/** Frames whose telephone-band level is below this (dBFS) are silence: they say nothing about the bandwidth. */
const SOUND_FLOOR_DB = -60;
/** Mean of the squared Hann window, which scales a windowed frame's power. */
const HANN_MEAN_SQUARE = 0.375;

/** Whether the source's own sample rate (from ffprobe) makes it narrow-band; 0 means unknown. */
export function isNarrowBandRate(sourceRate: number): boolean {
  return sourceRate > 0 && sourceRate <= NARROW_BAND_MAX_SOURCE_RATE;
}

/**
 * Accumulates telephone-band and high-band energy of the frames that carry sound, fed a stream of
 * PCM piece by piece. Silence is skipped, so leading silence or hold gaps do not decide anything.
 */
export class BandEnergyMeter {
  readonly #sampleRate: number;
  readonly #fft = new PowerSpectrum(FRAME_SAMPLES);
  readonly #window = new Float64Array(FRAME_SAMPLES);
  readonly #frame = new Float64Array(FRAME_SAMPLES);
  readonly #power = new Float64Array(FRAME_SAMPLES / 2 + 1);
  readonly #speechBins: readonly [number, number];
  readonly #highBins: readonly [number, number];
  /** Samples of the frame being filled. */
  #filled = 0;
  #speechEnergy = 0;
  #highEnergy = 0;
  #soundFrames = 0;

  constructor(sampleRate: number) {
    this.#sampleRate = sampleRate;
    for (let i = 0; i < FRAME_SAMPLES; i++) this.#window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME_SAMPLES);
    const bin = (hz: number): number => Math.min(FRAME_SAMPLES / 2, Math.round((hz / sampleRate) * FRAME_SAMPLES));
    this.#speechBins = [bin(SPEECH_BAND_HZ[0]), bin(SPEECH_BAND_HZ[1])];
    this.#highBins = [bin(HIGH_BAND_HZ[0]), bin(HIGH_BAND_HZ[1])];
  }

  /** Seconds of sound measured so far. */
  get soundSeconds(): number {
    return (this.#soundFrames * FRAME_SAMPLES) / this.#sampleRate;
  }

  push(samples: Int16Array): void {
    for (const sample of samples) {
      this.#frame[this.#filled] = sample * (this.#window[this.#filled] as number);
      if (++this.#filled === FRAME_SAMPLES) {
        this.#measureFrame();
        this.#filled = 0;
      }
    }
  }

  /**
   * High-band energy relative to the telephone band, in dB, over the frames with sound; null
   * before any sound (or when the sample rate leaves no high band to measure).
   */
  highBandDb(): number | null {
    if (this.#soundFrames === 0 || this.#highBins[1] <= this.#highBins[0]) return null;
    return 10 * Math.log10((this.#highEnergy + 1e-12) / this.#speechEnergy);
  }

  #measureFrame(): void {
    this.#fft.compute(this.#frame, this.#power);
    const speech = sumBins(this.#power, this.#speechBins);
    // Parseval on a one-sided spectrum of a Hann-windowed frame: the band's power in dBFS.
    const levelDb = 10 * Math.log10((2 * speech) / (FRAME_SAMPLES * FRAME_SAMPLES * HANN_MEAN_SQUARE * 32768 * 32768) + 1e-20);
    if (levelDb < SOUND_FLOOR_DB) return;
    this.#speechEnergy += speech;
    this.#highEnergy += sumBins(this.#power, this.#highBins);
    this.#soundFrames++;
  }
}

function sumBins(power: Float64Array, [from, to]: readonly [number, number]): number {
  let sum = 0;
  for (let k = from; k <= to; k++) sum += power[k] as number;
  return sum;
}

/** The decision from a measured high-band level: null (no sound heard) is not narrow-band. */
export function isNarrowBandSpectrum(highBandDb: number | null): boolean {
  return highBandDb !== null && highBandDb <= NARROW_BAND_MAX_HIGH_BAND_DB;
}
