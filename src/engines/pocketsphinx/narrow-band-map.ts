import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeanTransform } from './gaussian-mean-transform.js';
import { NARROW_BAND_MAP } from './narrow-band-map-weights.js';

/**
 * Narrow-band (telephone) audio upsampled to 16 kHz leaves the mel filters outside about 300–3400 Hz
 * empty, so its cepstra describe spectra PocketSphinx's wide-band model never heard. This map
 * predicts, frame by frame, the cepstra the same speech would have had at full bandwidth, from the
 * narrow-band cepstra of the frame and its neighbours: a linear regression fitted by least squares
 * on wide-band speech paired with telephone copies of it (`bench/fit-narrow-band-map.ts`, on speech
 * synthesised from recorded voices, none of it from the eval set). A linear map commutes with the
 * cepstral mean normalisation that follows, so it works on each frame's deviation from the piece's
 * mean cepstrum and leaves the mean alone.
 *
 * A least-squares prediction regresses towards the average: for any one Gaussian of the model, the
 * mapped frames it accounts for sit nearer the overall mean than the Gaussian does. So the model's
 * means get a transform of their own for narrow-band pieces, fitted on the same frame pairs.
 */
export interface NarrowBandMapWeights {
  /** The feat.params settings of the model the map was fitted on: it fits only cepstra made that way. */
  frontEnd: Record<string, string>;
  /** Frames either side of a frame that its prediction reads. */
  context: number;
  /** Cepstra per frame. */
  dim: number;
  /**
   * (2·context + 1)·dim rows of dim weights, row-major: row (k + context)·dim + j is the input
   * coefficient j of the frame k frames away, column i the output coefficient.
   */
  weights: number[];
  /**
   * Moves the model's means to where the mapped frames of the wide-band frames each Gaussian
   * accounts for lie (MLLR fitted on the frame pairs, the wide-band frame's posteriors as the alignment).
   */
  meanTransform: number[][];
}

/** Each coefficient's mean over the frames of `cepstra` (`dim` coefficients per frame). */
export function cepstralMeans(cepstra: Float32Array, dim: number): Float64Array {
  const means = new Float64Array(dim);
  const frames = cepstra.length / dim;
  for (let t = 0; t < cepstra.length; t += dim) for (let i = 0; i < dim; i++) means[i] = (means[i] as number) + (cepstra[t + i] as number) / frames;
  return means;
}

/**
 * Writes into `out` the deviations from `means` of frames frame−context … frame+context (the first
 * or last frame standing in for those past the edges): the map's input for `frame`.
 */
export function stackedDeviations(cepstra: Float32Array, dim: number, means: Float64Array, frame: number, context: number, out: Float64Array): void {
  const last = cepstra.length / dim - 1;
  let o = 0;
  for (let k = -context; k <= context; k++) {
    const at = Math.min(last, Math.max(0, frame + k)) * dim;
    for (let j = 0; j < dim; j++) out[o++] = (cepstra[at + j] as number) - (means[j] as number);
  }
}

/** The settings of a model's feat.params (`-name value` lines), without the dashes; none when it has no such file. */
export function featParams(hmmDir: string): Map<string, string> {
  const settings = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(join(hmmDir, 'feat.params'), 'utf8');
  } catch {
    return settings;
  }
  for (const line of text.split('\n')) {
    const [name, value] = line.trim().split(/\s+/);
    if (name?.startsWith('-') && value !== undefined) settings.set(name.slice(1), value);
  }
  return settings;
}

export class NarrowBandMap {
  readonly #map: NarrowBandMapWeights;

  constructor(map: NarrowBandMapWeights) {
    this.#map = map;
  }

  /** The map for the model in `hmmDir` when its front end is the one the map was fitted on and yields `dim` cepstra; else null. */
  static forModel(hmmDir: string, dim: number, map: NarrowBandMapWeights = NARROW_BAND_MAP): NarrowBandMap | null {
    const settings = featParams(hmmDir);
    const matches = map.dim === dim && Object.entries(map.frontEnd).every(([name, value]) => settings.get(name) === value);
    return matches ? new NarrowBandMap(map) : null;
  }

  get meanTransform(): MeanTransform {
    return this.#map.meanTransform;
  }

  /** `cepstra` (frames of `dim` coefficients, as the front end made them) as wide-band speech would have them. */
  apply(cepstra: Float32Array): Float32Array {
    const { dim, context, weights } = this.#map;
    const means = cepstralMeans(cepstra, dim);
    const input = new Float64Array((2 * context + 1) * dim);
    const out = new Float32Array(cepstra.length);
    for (let t = 0; t < cepstra.length; t += dim) {
      stackedDeviations(cepstra, dim, means, t / dim, context, input);
      for (let i = 0; i < dim; i++) {
        let value = means[i] as number;
        for (let r = 0; r < input.length; r++) value += (input[r] as number) * (weights[r * dim + i] as number);
        out[t + i] = value;
      }
    }
    return out;
  }
}
