import { solveLinear } from '../../lib/linear-solve.js';
import { dot } from '../../lib/vector.js';
import { codebookPosteriors, gaussianIndex, type PhoneCodebooks } from './acoustic-model-gaussians.js';

/**
 * Speaker adaptation in feature space (constrained MLLR, Gales 1998) for a second decoding pass: from
 * what a first pass heard, a 13 × 13 matrix A that maps the piece's cepstra closer to what the model's
 * Gaussians expect of the phones heard there. The decoder then decodes A·c instead of c.
 *
 * A acts on the cepstra before PocketSphinx takes means and differences, so the same A applies to the
 * static, delta and delta-delta streams (the mean subtraction and the differences are linear), and a
 * bias would be removed by the mean subtraction anyway. The likelihood of the adapted features counts
 * log|det A| three times per frame (once per stream), which keeps A from shrinking everything onto a
 * Gaussian's mean.
 *
 * Which Gaussians a frame belongs to comes from the phones a first pass recognised, or from a
 * decoding's words when a transform is refined, without a forced alignment: a word's frames are
 * shared out evenly among its phones, and each frame may belong to its phone's codebook or a
 * neighbour's (the split is rough); frames outside phones and words belong to silence. Within
 * those codebooks the frame's Gaussians share it by their posterior.
 */

/** A phone of a first pass or a word of a decoding: its phones and the frames it spans (inclusive). */
export interface AlignedWord {
  phones: readonly string[];
  firstFrame: number;
  lastFrame: number;
}

/** Rounds of (posteriors under the current A, then new rows of A), starting from the identity. */
const ITERATIONS = 4;
/**
 * Rounds when starting from the transform of the recording's earlier pieces. Fewer rounds from there
 * keep some of what the earlier pieces showed, which did better than a fresh estimate per piece: on
 * the two longform files (25 s pieces, each decoded once with the previous piece's transform), WER
 * 0.363 with 2 rounds from the previous transform, 0.366 with 1, 0.380 with 4 from the identity
 * (scratch runs; no adaptation 0.414, two passes on every piece 0.391).
 */
const CONTINUED_ITERATIONS = 2;
/** Passes over the rows of A per round. */
const ROW_SWEEPS = 2;
/** Too little speech gives a matrix that fits the first pass's errors: below this, no adaptation. */
const MIN_SPEECH_FRAMES = 100;
/** Posteriors below this share of a frame are left out of the statistics. */
const MIN_POSTERIOR = 1e-4;
/** Neighbouring phones a frame may also belong to, each side. */
const PHONE_WINDOW = 1;

/**
 * The decoder's three feature streams of a piece's cepstra, after its batch mean normalisation, with
 * Sphinx's `1s_c_d_dd` differences: Δc(t) = c(t+2) − c(t−2), ΔΔc(t) = Δc(t+1) − Δc(t−1).
 */
export function featureStreams(cepstra: Float32Array, frames: number, dim: number): Float64Array[] {
  const mean = new Float64Array(dim);
  for (let t = 0; t < frames; t++) for (let d = 0; d < dim; d++) mean[d] = (mean[d] as number) + (cepstra[t * dim + d] as number) / frames;
  const at = (t: number, d: number): number => (cepstra[Math.min(frames - 1, Math.max(0, t)) * dim + d] as number) - (mean[d] as number);
  const statics = new Float64Array(frames * dim);
  const deltas = new Float64Array(frames * dim);
  const accelerations = new Float64Array(frames * dim);
  for (let t = 0; t < frames; t++) {
    for (let d = 0; d < dim; d++) {
      statics[t * dim + d] = at(t, d);
      deltas[t * dim + d] = at(t + 2, d) - at(t - 2, d);
      accelerations[t * dim + d] = at(t + 3, d) - at(t - 1, d) - (at(t + 1, d) - at(t - 3, d));
    }
  }
  return [statics, deltas, accelerations];
}

export class SpeakerAdaptation {
  readonly #model: PhoneCodebooks;
  readonly #silence: number;
  /** Scratch: one frame's posteriors over the Gaussians of the codebooks it may belong to. */
  readonly #posteriors: Float64Array;

  constructor(model: PhoneCodebooks) {
    this.#model = model;
    this.#silence = model.codebookOfPhone.get('SIL') as number;
    this.#posteriors = new Float64Array((2 * PHONE_WINDOW + 1) * model.densities);
  }

  /** The codebooks each frame may belong to. */
  #frameCodebooks(words: readonly AlignedWord[], frames: number): { codebooks: number[][]; speechFrames: number } {
    const codebooks: number[][] = Array.from({ length: frames }, () => [this.#silence]);
    let speechFrames = 0;
    for (const word of words) {
      const ids = word.phones.map((phone) => this.#model.codebookOfPhone.get(phone));
      if (ids.length === 0 || ids.some((id) => id === undefined)) continue;
      const span = word.lastFrame - word.firstFrame + 1;
      for (let t = Math.max(0, word.firstFrame); t <= word.lastFrame && t < frames; t++) {
        const at = Math.min(ids.length - 1, Math.floor(((t - word.firstFrame) / span) * ids.length));
        const near = ids.slice(Math.max(0, at - PHONE_WINDOW), at + PHONE_WINDOW + 1) as number[];
        codebooks[t] = [...new Set(near)];
        speechFrames++;
      }
    }
    return { codebooks, speechFrames };
  }

  /**
   * The transform for a piece (row-major dim × dim, dim = cepstra per frame), or null when the piece
   * has too little speech to estimate one or the estimate is degenerate. `start`: the transform of
   * the same speaker's earlier speech, refined rather than replaced.
   */
  estimate(cepstra: Float32Array, frames: number, words: readonly AlignedWord[], start?: Float64Array): Float64Array | null {
    const dim = this.#model.streamDim;
    const { codebooks, speechFrames } = this.#frameCodebooks(words, frames);
    if (speechFrames < MIN_SPEECH_FRAMES) return null;
    const streams = featureStreams(cepstra, frames, dim);
    const transform = new Float64Array(dim * dim);
    if (start === undefined) for (let d = 0; d < dim; d++) transform[d * dim + d] = 1;
    else transform.set(start);
    const iterations = start === undefined ? ITERATIONS : CONTINUED_ITERATIONS;
    for (let iteration = 0; iteration < iterations; iteration++) {
      const { g, k, count } = this.#statistics(streams, codebooks, transform);
      // Each row's update depends on the others through the cofactors: sweep twice over the rows.
      for (let sweep = 0; sweep < ROW_SWEEPS; sweep++) {
        for (let i = 0; i < dim; i++) {
          if (!this.#updateRow(transform, i, g[i] as Float64Array, k[i] as Float64Array, count)) return null;
        }
      }
    }
    return transform.every(Number.isFinite) ? transform : null;
  }

  /**
   * The statistics of every frame of every stream, with posteriors under the current transform. Row i
   * of A sees dimension i of every stream: G_i = Σ γ/σ²_i · x xᵀ and k_i = Σ γ μ_i/σ²_i · x, over the
   * unadapted features x. `count` is the number of frame-streams (β).
   */
  #statistics(streams: Float64Array[], codebooks: number[][], transform: Float64Array): { g: Float64Array[]; k: Float64Array[]; count: number } {
    const dim = this.#model.streamDim;
    const g = Array.from({ length: dim }, () => new Float64Array(dim * dim));
    const k = Array.from({ length: dim }, () => new Float64Array(dim));
    const adapted = new Float64Array(dim);
    const precisionSums = new Float64Array(dim);
    const weightedMeans = new Float64Array(dim);
    let count = 0;
    codebooks.forEach((frameCodebooks, t) => {
      streams.forEach((stream, s) => {
        const x = stream.subarray(t * dim, (t + 1) * dim);
        for (let i = 0; i < dim; i++) {
          let sum = 0;
          for (let j = 0; j < dim; j++) sum += (transform[i * dim + j] as number) * (x[j] as number);
          adapted[i] = sum;
        }
        this.#weighGaussians(adapted, frameCodebooks, s, precisionSums, weightedMeans);
        for (let i = 0; i < dim; i++) {
          const gi = g[i] as Float64Array;
          const ki = k[i] as Float64Array;
          const w = precisionSums[i] as number;
          const wm = weightedMeans[i] as number;
          for (let a = 0; a < dim; a++) {
            const xa = x[a] as number;
            ki[a] = (ki[a] as number) + wm * xa;
            const wxa = w * xa;
            for (let b = 0; b <= a; b++) gi[a * dim + b] = (gi[a * dim + b] as number) + wxa * (x[b] as number);
          }
        }
        count++;
      });
    });
    for (const gi of g) for (let a = 0; a < dim; a++) for (let b = a + 1; b < dim; b++) gi[a * dim + b] = gi[b * dim + a] as number;
    return { g, k, count };
  }

  /**
   * For one frame of stream `stream` (already adapted): over the Gaussians of `codebooks`, weighted by
   * their posteriors γ, fills Σ γ/σ² and Σ γ μ/σ² per dimension.
   */
  #weighGaussians(adapted: Float64Array, codebooks: readonly number[], stream: number, precisionSums: Float64Array, weightedMeans: Float64Array): void {
    const model = this.#model;
    const { densities, streamDim: dim } = model;
    const posteriors = this.#posteriors;
    const count = codebookPosteriors(model, codebooks, stream, adapted, posteriors);
    precisionSums.fill(0);
    weightedMeans.fill(0);
    for (let q = 0; q < count; q++) {
      const posterior = posteriors[q] as number;
      if (posterior < MIN_POSTERIOR) continue;
      const offset = gaussianIndex(model, codebooks[Math.floor(q / densities)] as number, stream, q % densities) * dim;
      for (let d = 0; d < dim; d++) {
        const w = posterior * (model.precisions[offset + d] as number);
        precisionSums[d] = (precisionSums[d] as number) + w;
        weightedMeans[d] = (weightedMeans[d] as number) + w * (model.means[offset + d] as number);
      }
    }
  }

  /**
   * Row i of A maximising β·log|det A| + Σ log N(A x): a_i = G⁻¹(α c + k), where c is the cofactor
   * direction of row i (column i of A⁻¹) and α a root of e₁α² + e₂α − β = 0.
   */
  #updateRow(transform: Float64Array, i: number, g: Float64Array, k: Float64Array, beta: number): boolean {
    const dim = k.length;
    const unit = new Float64Array(dim);
    unit[i] = 1;
    // Row i of A's cofactor matrix is det A times column i of A⁻¹ (which solves A y = e_i); the
    // scale does not matter, α absorbs it.
    const cofactor = solveLinear(transform, unit);
    const gInvC = solveLinear(g, cofactor ?? unit);
    const gInvK = solveLinear(g, k);
    if (cofactor === null || gInvC === null || gInvK === null) return false;
    const e1 = dot(cofactor, gInvC);
    const e2 = dot(cofactor, gInvK);
    const root = Math.sqrt(e2 * e2 + 4 * beta * e1);
    const objective = (alpha: number): number => beta * Math.log(Math.abs(alpha * e1 + e2)) - 0.5 * alpha * alpha * e1;
    const candidates = [(-e2 + root) / (2 * e1), (-e2 - root) / (2 * e1)];
    const alpha = objective(candidates[0] as number) >= objective(candidates[1] as number) ? (candidates[0] as number) : (candidates[1] as number);
    for (let j = 0; j < dim; j++) transform[i * dim + j] = alpha * (gInvC[j] as number) + (gInvK[j] as number);
    return true;
  }
}

/** A·c for every frame (row-major frames × dim cepstra). */
export function transformCepstra(cepstra: Float32Array, transform: Float64Array, dim: number): Float32Array {
  const out = new Float32Array(cepstra.length);
  for (let t = 0; t < cepstra.length; t += dim) {
    for (let i = 0; i < dim; i++) {
      let sum = 0;
      for (let j = 0; j < dim; j++) sum += (transform[i * dim + j] as number) * (cepstra[t + j] as number);
      out[t + i] = sum;
    }
  }
  return out;
}
