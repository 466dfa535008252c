/**
 * Per-file normalisation of window embeddings. Each dimension is centred and divided by how much it
 * changes between neighbouring, non-overlapping windows of one speech region, which are nearly
 * always the same talker. Dimensions that wander with what is being said shrink; dimensions that
 * stay put within a talker yet differ across the file (the voice) grow. This is within-class
 * whitening without labels, so it suits any embedder.
 */
import type { AnalysisWindow } from './windows.js';

/**
 * Neighbour pairs are few in a short file, so the estimate is pulled towards the dimension's total
 * variance as if this many extra pairs had shown that spread.
 */
const PRIOR_PAIRS = 5;

export function scaleByNeighbourSpread(vectors: readonly Float64Array[], windows: readonly AnalysisWindow[]): Float64Array[] {
  const count = vectors.length;
  if (count < 2) return [...vectors];
  const dim = (vectors[0] as Float64Array).length;
  const mean = new Float64Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) mean[i] = (mean[i] as number) + (v[i] as number) / count;
  const total = new Float64Array(dim);
  for (const v of vectors) for (let i = 0; i < dim; i++) total[i] = (total[i] as number) + ((v[i] as number) - (mean[i] as number)) ** 2 / count;

  const within = new Float64Array(dim);
  let pairs = 0;
  for (let a = 0; a < count; a++) {
    const window = windows[a] as AnalysisWindow;
    // Windows are in time order, so the first later window of the region that starts after this one ends is its neighbour.
    let b = a + 1;
    while (b < count && (windows[b] as AnalysisWindow).region === window.region && (windows[b] as AnalysisWindow).start < window.end) b++;
    if (b >= count || (windows[b] as AnalysisWindow).region !== window.region) continue;
    pairs++;
    const [va, vb] = [vectors[a] as Float64Array, vectors[b] as Float64Array];
    for (let i = 0; i < dim; i++) within[i] = (within[i] as number) + ((va[i] as number) - (vb[i] as number)) ** 2 / 2;
  }
  const scale = within.map((w, i) => 1 / Math.sqrt((w + PRIOR_PAIRS * (total[i] as number)) / (pairs + PRIOR_PAIRS) + 1e-12));
  return vectors.map((v) => v.map((x, i) => (x - (mean[i] as number)) * (scale[i] as number)));
}
