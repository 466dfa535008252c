/**
 * How many speakers: clusters are merged, most alike first, until every remaining pair differs by
 * more than chance allows, or until the count the caller asked for is reached. Each speaker is one
 * full-covariance Gaussian over its frames' low cepstra; a pair's evidence is the log-likelihood
 * gained per frame by modelling it as two Gaussians instead of one (the GLR of BIC clustering).
 *
 * The textbook BIC compares that gain with its parameter penalty alone. Speech frames are neither
 * independent nor stationary, so any split of one talker's speech (by topic, loudness, pace) also
 * gains likelihood, and the gain does not vanish as the file grows. The rule therefore asks for a
 * fixed gain per frame on top of a scaled penalty: pairs stay apart when
 *     gain > MIN_GAIN + PENALTY_WEIGHT · penalty.
 * MIN_GAIN dominates long files, the penalty short ones. Both were chosen on single-talker files
 * and synthetic conversations built from the eval set's single-talker recordings, not on the
 * multi-talker items the diarizer is scored on.
 */

/** Nats per frame two speakers' models must gain beyond the penalty term. */
const MIN_GAIN = 0.5;
/** Weight of the BIC penalty (½ · parameters · ln n, per frame). */
const PENALTY_WEIGHT = 1.5;

export interface SpeakerCount {
  exactly?: number;
  min: number;
  max: number;
}

interface Stats {
  n: number;
  sum: Float64Array;
  /** Upper triangle of Σxxᵀ, row-major over i ≤ j. */
  outer: Float64Array;
}

function empty(dims: number): Stats {
  return { n: 0, sum: new Float64Array(dims), outer: new Float64Array((dims * (dims + 1)) / 2) };
}

function add(target: Stats, source: Stats): void {
  target.n += source.n;
  source.sum.forEach((v, i) => (target.sum[i] = (target.sum[i] as number) + v));
  source.outer.forEach((v, i) => (target.outer[i] = (target.outer[i] as number) + v));
}

/** n · log|Σ| of the maximum-likelihood Gaussian, by Cholesky factorisation. */
function scaledLogDet(stats: Stats, dims: number): number {
  const { n, sum, outer } = stats;
  const cov = new Float64Array(dims * dims);
  let t = 0;
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      const c = (outer[t++] as number) / n - ((sum[i] as number) / n) * ((sum[j] as number) / n);
      cov[i * dims + j] = c;
      cov[j * dims + i] = c;
    }
  }
  let logDet = 0;
  for (let j = 0; j < dims; j++) {
    let diagonal = cov[j * dims + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (cov[j * dims + k] as number) ** 2;
    // Only a cluster of a handful of frames is (nearly) singular; flooring keeps it mergeable.
    diagonal = Math.sqrt(Math.max(diagonal, 1e-8));
    cov[j * dims + j] = diagonal;
    for (let i = j + 1; i < dims; i++) {
      let value = cov[i * dims + j] as number;
      for (let k = 0; k < j; k++) value -= (cov[i * dims + k] as number) * (cov[j * dims + k] as number);
      cov[i * dims + j] = value / diagonal;
    }
    logDet += 2 * Math.log(diagonal);
  }
  return n * logDet;
}

interface PairEvidence {
  /** Log-likelihood gain of two Gaussians over one, per frame. */
  gain: number;
  /** BIC parameter penalty, per frame. */
  penalty: number;
}

function evidence(a: Stats, b: Stats, dims: number): PairEvidence {
  const joint = empty(dims);
  add(joint, a);
  add(joint, b);
  const gain = (0.5 * (scaledLogDet(joint, dims) - scaledLogDet(a, dims) - scaledLogDet(b, dims))) / joint.n;
  const penalty = (0.5 * (dims + (dims * (dims + 1)) / 2) * Math.log(joint.n)) / joint.n;
  return { gain, penalty };
}

/**
 * Merges speakers of `labels` (one per frame, -1 = no speech) in place. `frames` holds `stride`
 * values per frame, of which the first `dims` are modelled. Returns how many speakers remain.
 */
export function mergeSpeakers(frames: Float32Array, stride: number, dims: number, labels: Int32Array, count: SpeakerCount): number {
  const stats = new Map<number, Stats>();
  labels.forEach((label, f) => {
    if (label < 0) return;
    let s = stats.get(label);
    if (!s) stats.set(label, (s = empty(dims)));
    s.n++;
    let t = 0;
    for (let i = 0; i < dims; i++) {
      const x = frames[f * stride + i] as number;
      s.sum[i] = (s.sum[i] as number) + x;
      for (let j = i; j < dims; j++) s.outer[t] = (s.outer[t++] as number) + x * (frames[f * stride + j] as number);
    }
  });
  const target = Math.max(1, count.exactly ?? count.min);
  while (stats.size > target) {
    // Most alike = least gain relative to what chance alone would give a pair of this size.
    let best: { a: number; b: number; apart: PairEvidence } | null = null;
    const ids = [...stats.keys()];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const apart = evidence(stats.get(ids[i] as number) as Stats, stats.get(ids[j] as number) as Stats, dims);
        if (!best || apart.gain / apart.penalty < best.apart.gain / best.apart.penalty) best = { a: ids[i] as number, b: ids[j] as number, apart };
      }
    }
    if (!best) break;
    const distinct = best.apart.gain > MIN_GAIN + PENALTY_WEIGHT * best.apart.penalty;
    if (count.exactly === undefined && stats.size <= count.max && distinct) break;
    add(stats.get(best.a) as Stats, stats.get(best.b) as Stats);
    stats.delete(best.b);
    for (let f = 0; f < labels.length; f++) if (labels[f] === best.b) labels[f] = best.a;
  }
  return stats.size;
}
