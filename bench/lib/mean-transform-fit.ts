import { codebookPosteriors, gaussianIndex, type PhoneCodebooks } from '../../src/engines/pocketsphinx/acoustic-model-gaussians.js';
import { featureStreams } from '../../src/engines/pocketsphinx/speaker-adaptation.js';
import { solveLinear } from '../../src/lib/linear-solve.js';

/** Posteriors below this share of a frame are left out of the statistics. */
const MIN_POSTERIOR = 1e-3;

/**
 * Fits a per-stream affine transform of a model's means (see MeanTransform) to frames that were
 * changed on the way to the decoder, from pairs of frames: the frame as the model should hear it
 * (wide-band speech) and the same frame as it arrives (its narrow-band copy, mapped). Each wide-band
 * frame is shared among the Gaussians of its stream by their posteriors, as if it were decoded with
 * the model's own means; the changed frame then counts towards the same Gaussians. Row i of stream
 * s's transform maximises the likelihood of the changed frames under the moved means (MLLR with the
 * alignment given, Leggetter & Woodland 1995): w_i = G_i⁻¹ k_i, G_i = Σ_g γ_g/σ²_gi ξ_g ξ_gᵀ,
 * k_i = Σ_g Σ_t γ_g(t) o_ti/σ²_gi ξ_g, ξ_g = [μ_g; 1].
 */
export class MeanTransformFit {
  readonly #model: PhoneCodebooks;
  /** Per Gaussian (the model's layout): Σ_t γ(t). */
  readonly #occupancy: Float64Array;
  /** Per Gaussian and dimension: Σ_t γ(t)·o(t). */
  readonly #observed: Float64Array;
  /** Every codebook: a wide-band frame may belong to any Gaussian of its stream. */
  readonly #allCodebooks: number[];
  /** Scratch: one frame's posteriors over the Gaussians of its stream. */
  readonly #posteriors: Float64Array;

  constructor(model: PhoneCodebooks) {
    this.#model = model;
    this.#occupancy = new Float64Array(model.codebooks * model.streams * model.densities);
    this.#observed = new Float64Array(model.means.length);
    this.#allCodebooks = Array.from({ length: model.codebooks }, (_, codebook) => codebook);
    this.#posteriors = new Float64Array(model.codebooks * model.densities);
  }

  /** Adds an utterance: its wide-band cepstra and the changed ones, frame for frame (`streamDim` per frame). */
  add(wide: Float32Array, changed: Float32Array): void {
    const dim = this.#model.streamDim;
    const frames = Math.min(wide.length, changed.length) / dim;
    const wideStreams = featureStreams(wide, frames, dim);
    const changedStreams = featureStreams(changed, frames, dim);
    for (let s = 0; s < this.#model.streams; s++) {
      const w = wideStreams[s] as Float64Array;
      const o = changedStreams[s] as Float64Array;
      for (let t = 0; t < frames; t++) this.#addFrame(s, w.subarray(t * dim, (t + 1) * dim), o.subarray(t * dim, (t + 1) * dim));
    }
  }

  #addFrame(stream: number, wide: Float64Array, changed: Float64Array): void {
    const { densities, streamDim: dim } = this.#model;
    const posteriors = this.#posteriors;
    const count = codebookPosteriors(this.#model, this.#allCodebooks, stream, wide, posteriors);
    for (let q = 0; q < count; q++) {
      const posterior = posteriors[q] as number;
      if (posterior < MIN_POSTERIOR) continue;
      const gaussian = gaussianIndex(this.#model, Math.floor(q / densities), stream, q % densities);
      this.#occupancy[gaussian] = (this.#occupancy[gaussian] as number) + posterior;
      for (let d = 0; d < dim; d++) this.#observed[gaussian * dim + d] = (this.#observed[gaussian * dim + d] as number) + posterior * (changed[d] as number);
    }
  }

  /** The fitted transform: per stream, dim rows of dim + 1 numbers (A's row, then b). */
  fit(): number[][] {
    const { codebooks, streams, densities, streamDim: dim, means, precisions } = this.#model;
    const n = dim + 1;
    return Array.from({ length: streams }, (_, stream) => {
      const rows: number[] = [];
      for (let i = 0; i < dim; i++) {
        const g = new Float64Array(n * n);
        const k = new Float64Array(n);
        const xi = new Float64Array(n);
        xi[dim] = 1;
        for (let c = 0; c < codebooks; c++) {
          for (let q = 0; q < densities; q++) {
            const gaussian = gaussianIndex(this.#model, c, stream, q);
            const occupancy = this.#occupancy[gaussian] as number;
            if (occupancy === 0) continue;
            xi.set(means.subarray(gaussian * dim, (gaussian + 1) * dim));
            const precision = precisions[gaussian * dim + i] as number;
            const observed = this.#observed[gaussian * dim + i] as number;
            for (let a = 0; a < n; a++) {
              k[a] = (k[a] as number) + precision * observed * (xi[a] as number);
              for (let b = 0; b < n; b++) g[a * n + b] = (g[a * n + b] as number) + occupancy * precision * (xi[a] as number) * (xi[b] as number);
            }
          }
        }
        const row = solveLinear(g, k);
        if (row === null) throw new Error(`the mean transform's statistics are singular (stream ${stream}, row ${i})`);
        rows.push(...row);
      }
      return rows;
    });
  }
}
