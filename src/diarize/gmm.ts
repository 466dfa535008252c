/**
 * Diagonal-covariance Gaussian mixtures over frame features: a background model trained on the file
 * itself, per-frame component posteriors and log-likelihoods, and MAP adaptation of its means to the
 * frames of one speaker. Frames are rows of a flat Float32Array with `dim` columns.
 */

export interface DiagonalGmm {
  dim: number;
  components: number;
  weights: Float64Array;
  /** components × dim */
  means: Float64Array;
  /** components × dim */
  variances: Float64Array;
}

/** Variances never shrink below this share of the data's own variance, so no component collapses on a few frames. */
const VARIANCE_FLOOR = 0.01;
const LOG_2PI = Math.log(2 * Math.PI);

/** log(w_k) − ½Σ log(2π σ²) per component: the part of each Gaussian's log density that does not depend on x. */
function constants(gmm: DiagonalGmm): Float64Array {
  const out = new Float64Array(gmm.components);
  for (let k = 0; k < gmm.components; k++) {
    let sum = Math.log(gmm.weights[k] as number);
    for (let i = 0; i < gmm.dim; i++) sum -= 0.5 * (LOG_2PI + Math.log(gmm.variances[k * gmm.dim + i] as number));
    out[k] = sum;
  }
  return out;
}

/** Fills `posteriors` (frames × components) with each component's responsibility for each frame. */
export function componentPosteriors(gmm: DiagonalGmm, frames: Float32Array, posteriors: Float64Array): void {
  const { dim, components, means, variances } = gmm;
  const count = frames.length / dim;
  const base = constants(gmm);
  const precision = variances.map((v) => 1 / v);
  const row = new Float64Array(components);
  for (let f = 0; f < count; f++) {
    let best = -Infinity;
    for (let k = 0; k < components; k++) {
      let sum = 0;
      for (let i = 0; i < dim; i++) {
        const delta = (frames[f * dim + i] as number) - (means[k * dim + i] as number);
        sum += delta * delta * (precision[k * dim + i] as number);
      }
      const value = (base[k] as number) - 0.5 * sum;
      row[k] = value;
      if (value > best) best = value;
    }
    let total = 0;
    for (let k = 0; k < components; k++) total += Math.exp((row[k] as number) - best);
    const logLikelihood = best + Math.log(total);
    for (let k = 0; k < components; k++) posteriors[f * components + k] = Math.exp((row[k] as number) - logLikelihood);
  }
}

/**
 * Indices of the `size` components with the highest posterior for every frame (frames × size). Speaker
 * models adapted from one background model share its components, and a frame's likelihood is
 * dominated by the few nearest ones, so scoring only those is the standard GMM–UBM shortcut.
 */
export function shortlist(posteriors: Float64Array, components: number, size: number): Int32Array {
  const count = posteriors.length / components;
  const out = new Int32Array(count * size);
  for (let f = 0; f < count; f++) {
    for (let slot = 0; slot < size; slot++) {
      let best = -1;
      for (let k = 0; k < components; k++) {
        let taken = false;
        for (let s = 0; s < slot; s++) if (out[f * size + s] === k) taken = true;
        if (!taken && (best < 0 || (posteriors[f * components + k] as number) > (posteriors[f * components + best] as number))) best = k;
      }
      out[f * size + slot] = best;
    }
  }
  return out;
}

/** Log-likelihood of the listed frames, each over its shortlisted components only. */
export function scoreFrames(gmm: DiagonalGmm, frames: Float32Array, indices: Int32Array, list: Int32Array, size: number): Float64Array {
  const { dim, means, variances } = gmm;
  const base = constants(gmm);
  const out = new Float64Array(indices.length);
  const row = new Float64Array(size);
  for (let n = 0; n < indices.length; n++) {
    const f = indices[n] as number;
    let best = -Infinity;
    for (let slot = 0; slot < size; slot++) {
      const k = list[f * size + slot] as number;
      let sum = 0;
      for (let i = 0; i < dim; i++) {
        const delta = (frames[f * dim + i] as number) - (means[k * dim + i] as number);
        sum += (delta * delta) / (variances[k * dim + i] as number);
      }
      row[slot] = (base[k] as number) - 0.5 * sum;
      if ((row[slot] as number) > best) best = row[slot] as number;
    }
    let total = 0;
    for (let slot = 0; slot < size; slot++) total += Math.exp((row[slot] as number) - best);
    out[n] = best + Math.log(total);
  }
  return out;
}

interface Statistics {
  occupancy: Float64Array;
  first: Float64Array;
  second: Float64Array;
}

function accumulate(frames: Float32Array, dim: number, posteriors: Float64Array, components: number): Statistics {
  const occupancy = new Float64Array(components);
  const first = new Float64Array(components * dim);
  const second = new Float64Array(components * dim);
  const count = frames.length / dim;
  for (let f = 0; f < count; f++) {
    for (let k = 0; k < components; k++) {
      const p = posteriors[f * components + k] as number;
      if (p < 1e-6) continue;
      occupancy[k] = (occupancy[k] as number) + p;
      for (let i = 0; i < dim; i++) {
        const x = frames[f * dim + i] as number;
        first[k * dim + i] = (first[k * dim + i] as number) + p * x;
        second[k * dim + i] = (second[k * dim + i] as number) + p * x * x;
      }
    }
  }
  return { occupancy, first, second };
}

/** Mean and variance of each column: the one-component model training starts from. */
function moments(frames: Float32Array, dim: number): { mean: Float64Array; variance: Float64Array } {
  const count = frames.length / dim;
  const mean = new Float64Array(dim);
  const variance = new Float64Array(dim);
  for (let f = 0; f < count; f++) for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) + (frames[f * dim + i] as number) / count;
  for (let f = 0; f < count; f++) {
    for (let i = 0; i < dim; i++) variance[i] = (variance[i] as number) + ((frames[f * dim + i] as number) - (mean[i] as number)) ** 2 / count;
  }
  return { mean, variance };
}

/**
 * Maximum-likelihood mixture by binary splitting: start from one Gaussian, split every component
 * along its standard deviation and refine with EM, until `components` are reached. Deterministic,
 * so the same audio always yields the same diarization.
 */
export function trainGmm(frames: Float32Array, dim: number, components: number, iterationsPerSplit: number): DiagonalGmm {
  const { mean, variance } = moments(frames, dim);
  const floor = variance.map((v) => Math.max(v * VARIANCE_FLOOR, 1e-6));
  let gmm: DiagonalGmm = { dim, components: 1, weights: Float64Array.of(1), means: mean, variances: variance.map((v, i) => Math.max(v, floor[i] as number)) };
  const count = frames.length / dim;
  while (gmm.components < components) {
    const split = Math.min(gmm.components * 2, components);
    const means = new Float64Array(split * dim);
    const variances = new Float64Array(split * dim);
    const weights = new Float64Array(split);
    for (let k = 0; k < split; k++) {
      const source = k % gmm.components;
      const sign = k < gmm.components ? 1 : -1;
      // Components beyond a power of two halve only some parents' weights; EM renormalises.
      weights[k] = (gmm.weights[source] as number) / 2;
      for (let i = 0; i < dim; i++) {
        const sd = Math.sqrt(gmm.variances[source * dim + i] as number);
        means[k * dim + i] = (gmm.means[source * dim + i] as number) + sign * 0.2 * sd;
        variances[k * dim + i] = gmm.variances[source * dim + i] as number;
      }
    }
    gmm = { dim, components: split, weights, means, variances };
    const posteriors = new Float64Array(count * split);
    for (let iteration = 0; iteration < iterationsPerSplit; iteration++) {
      componentPosteriors(gmm, frames, posteriors);
      const { occupancy, first, second } = accumulate(frames, dim, posteriors, split);
      for (let k = 0; k < split; k++) {
        const n = Math.max(occupancy[k] as number, 1e-3);
        weights[k] = n / count;
        for (let i = 0; i < dim; i++) {
          const mu = (first[k * dim + i] as number) / n;
          means[k * dim + i] = mu;
          variances[k * dim + i] = Math.max((second[k * dim + i] as number) / n - mu * mu, floor[i] as number);
        }
      }
    }
  }
  return gmm;
}

/**
 * The background model with its means moved towards the frames whose posteriors are given
 * (relevance MAP): components those frames use much move far, unused ones stay put.
 */
export function adaptMeans(ubm: DiagonalGmm, frames: Float32Array, posteriors: Float64Array, relevance: number): DiagonalGmm {
  const { dim, components } = ubm;
  const { occupancy, first } = accumulate(frames, dim, posteriors, components);
  const means = new Float64Array(ubm.means);
  for (let k = 0; k < components; k++) {
    const n = occupancy[k] as number;
    if (n <= 0) continue;
    const alpha = n / (n + relevance);
    for (let i = 0; i < dim; i++) {
      means[k * dim + i] = alpha * ((first[k * dim + i] as number) / n) + (1 - alpha) * (ubm.means[k * dim + i] as number);
    }
  }
  return { ...ubm, means };
}
