import { dot } from '../lib/vector.js';

/**
 * First partition of the windows: agglomerative clustering of their embeddings with average linkage
 * on cosine distance, down to a fixed number of clusters. It deliberately over-splits; the
 * speaker-count step merges clusters later with far more evidence per cluster than one window has.
 * The pairwise matrix is quadratic, so above a cap a uniform subsample is clustered and the other
 * windows join the nearest centroid, keeping cost linear in audio length.
 */

/** Most windows clustered pairwise: about 12 minutes of speech, a 4 MB distance matrix. */
const MAX_PAIRWISE_WINDOWS = 1_000;

function unit(v: Float64Array): Float64Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return v.map((x) => x / norm);
}

/** Average-linkage merges (Lance–Williams updates) until `clusters` remain; returns a label per unit. */
function agglomerate(units: readonly Float64Array[], clusters: number): number[] {
  const n = units.length;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = 1 - dot(units[i] as Float64Array, units[j] as Float64Array);
      distance[i * n + j] = d;
      distance[j * n + i] = d;
    }
  }
  const size = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const parent = Array.from({ length: n }, (_, i) => i);
  for (let remaining = n; remaining > clusters; remaining--) {
    let best = Infinity;
    let a = -1;
    let b = -1;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (alive[j] && (distance[i * n + j] as number) < best) {
          best = distance[i * n + j] as number;
          a = i;
          b = j;
        }
      }
    }
    const [sa, sb] = [size[a] as number, size[b] as number];
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === a || k === b) continue;
      const d = (sa * (distance[a * n + k] as number) + sb * (distance[b * n + k] as number)) / (sa + sb);
      distance[a * n + k] = d;
      distance[k * n + a] = d;
    }
    size[a] = sa + sb;
    alive[b] = 0;
    parent[b] = a;
  }
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i] as number));
  const ids = new Map<number, number>();
  return units.map((_, i) => {
    const r = root(i);
    if (!ids.has(r)) ids.set(r, ids.size);
    return ids.get(r) as number;
  });
}

/** A cluster label 0…k-1 per embedding, k = min(clusters, number of embeddings). */
export function initialClusters(embeddings: readonly Float64Array[], clusters: number): number[] {
  if (embeddings.length === 0) return [];
  const units = embeddings.map(unit);
  const stride = Math.ceil(units.length / MAX_PAIRWISE_WINDOWS);
  const sample = units.filter((_, i) => i % stride === 0);
  const sampleLabels = agglomerate(sample, Math.min(clusters, sample.length));
  if (stride === 1) return sampleLabels;
  const centroids = Array.from({ length: Math.max(...sampleLabels) + 1 }, () => new Float64Array((units[0] as Float64Array).length));
  sample.forEach((u, i) => {
    const centroid = centroids[sampleLabels[i] as number] as Float64Array;
    for (let d = 0; d < u.length; d++) centroid[d] = (centroid[d] as number) + (u[d] as number);
  });
  const directions = centroids.map(unit);
  return units.map((u) => {
    let best = 0;
    for (let c = 1; c < directions.length; c++) if (dot(u, directions[c] as Float64Array) > dot(u, directions[best] as Float64Array)) best = c;
    return best;
  });
}
