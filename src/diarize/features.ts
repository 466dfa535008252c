/**
 * Frame-level spectral features shared by the diarizer's steps: log power (for speech detection),
 * log mel filter-bank energies and their cepstra (for telling voices apart). Frames are 25 ms long
 * every 10 ms, the usual speech front end, so frame i covers [10·i, 10·i + 25) ms.
 */
import { PowerSpectrum } from '../lib/fft.js';

export const FRAME_MS = 10;
const WINDOW_MS = 25;
const PRE_EMPHASIS = 0.97;
/** Below ~60 Hz there is hum rather than voice; above 7.6 kHz little speaker information at 16 kHz. */
const MEL_LOW_HZ = 60;
const MEL_HIGH_HZ = 7_600;

export interface FrameFeatures {
  frameCount: number;
  /** Natural-log mean power of each frame (full scale = 1), before pre-emphasis. */
  logPower: Float64Array;
  melBands: number;
  /** Row-major frameCount × melBands natural-log mel energies. */
  logMel: Float32Array;
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters as (first bin, weights) pairs, stored sparsely: each bin feeds at most two. */
function melFilters(bands: number, fftSize: number, sampleRate: number): { first: number; weights: Float64Array }[] {
  const high = Math.min(MEL_HIGH_HZ, sampleRate / 2);
  const low = hzToMel(MEL_LOW_HZ);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(low + ((hzToMel(high) - low) * i) / (bands + 1)));
  const binHz = sampleRate / fftSize;
  return Array.from({ length: bands }, (_, b) => {
    const [left, centre, right] = [edges[b] as number, edges[b + 1] as number, edges[b + 2] as number];
    const first = Math.ceil(left / binHz);
    const last = Math.min(fftSize / 2, Math.floor(right / binHz));
    const weights = new Float64Array(Math.max(0, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      weights[k - first] = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
    }
    return { first, weights };
  });
}

export function frameFeatures(samples: Int16Array, sampleRate: number, melBands: number): FrameFeatures {
  const hop = Math.round((sampleRate * FRAME_MS) / 1000);
  const length = Math.round((sampleRate * WINDOW_MS) / 1000);
  const frameCount = samples.length < length ? 0 : 1 + Math.floor((samples.length - length) / hop);
  const fftSize = 2 ** Math.ceil(Math.log2(length));
  const spectrum = new PowerSpectrum(fftSize);
  const filters = melFilters(melBands, fftSize, sampleRate);
  const hamming = Float64Array.from({ length }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (length - 1)));

  const logPower = new Float64Array(frameCount);
  const logMel = new Float32Array(frameCount * melBands);
  const frame = new Float64Array(length);
  const spectrumPower = new Float64Array(fftSize / 2 + 1);
  // Powers are in full-scale units; the floor keeps digital silence finite (-90 dBFS).
  const floor = 1e-9;
  for (let f = 0; f < frameCount; f++) {
    const offset = f * hop;
    let mean = 0;
    for (let i = 0; i < length; i++) mean += samples[offset + i] as number;
    mean /= length;
    let meanPower = 0;
    let previous = offset > 0 ? (samples[offset - 1] as number) - mean : 0;
    for (let i = 0; i < length; i++) {
      const current = (samples[offset + i] as number) - mean;
      const value = (current - PRE_EMPHASIS * previous) / 32768;
      previous = current;
      meanPower += (current / 32768) ** 2 / length;
      frame[i] = value * (hamming[i] as number);
    }
    logPower[f] = Math.log(meanPower + floor);
    spectrum.compute(frame, spectrumPower);
    for (let b = 0; b < melBands; b++) {
      const { first, weights } = filters[b] as { first: number; weights: Float64Array };
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += (weights[k] as number) * (spectrumPower[first + k] as number);
      // The spectrum is an unnormalised sum over the frame, so the same floor scales with its length.
      logMel[f * melBands + b] = Math.log(sum + floor * length);
    }
  }
  return { frameCount, logPower, melBands, logMel };
}

/** Cepstra c1…c`count` of each frame (DCT-II of the log mel energies); c0 is left out as it is loudness. */
export function cepstra(features: FrameFeatures, count: number): Float32Array {
  const { frameCount, melBands, logMel } = features;
  const basis = new Float64Array(count * melBands);
  for (let c = 0; c < count; c++) {
    for (let b = 0; b < melBands; b++) basis[c * melBands + b] = Math.cos((Math.PI * (c + 1) * (b + 0.5)) / melBands);
  }
  const out = new Float32Array(frameCount * count);
  for (let f = 0; f < frameCount; f++) {
    for (let c = 0; c < count; c++) {
      let sum = 0;
      for (let b = 0; b < melBands; b++) sum += (basis[c * melBands + b] as number) * (logMel[f * melBands + b] as number);
      out[f * count + c] = sum;
    }
  }
  return out;
}
