import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Gaussians of a phonetically-tied-mixture (PTM) PocketSphinx acoustic model, as speaker
 * adaptation needs them: one codebook per context-independent phone, each with `densities`
 * diagonal Gaussians per feature stream. Read from the model's own `means`, `variances` and `mdef`.
 */
export interface PhoneCodebooks {
  codebooks: number;
  streams: number;
  densities: number;
  /** Dimensions per stream (every stream has the same). */
  streamDim: number;
  /** [codebook][stream][density][dim], flat. */
  means: Float32Array;
  /** Same layout: 1 / variance (floored as the decoder floors it). */
  precisions: Float32Array;
  /** [codebook][stream][density]: −½ Σ log variance (the part of the log density that does not depend on x). */
  logNorms: Float64Array;
  /** Codebook of each context-independent phone ("AA", "SIL", …). */
  codebookOfPhone: Map<string, number>;
}

/** PocketSphinx's default `-varfloor`: a few unused Gaussians have zero variance. */
const VARIANCE_FLOOR = 1e-4;
const BYTE_ORDER_MAGIC = 0x11223344;

interface GaussianFile {
  codebooks: number;
  streams: number;
  densities: number;
  streamDims: number[];
  values: Float32Array;
}

/** SphinxTrain's binary parameter file: a text header ending in "endhdr\n", then int32 and float32 fields. */
function readGaussianFile(path: string): GaussianFile {
  const bytes = readFileSync(path);
  let offset = bytes.indexOf('endhdr\n') + 'endhdr\n'.length;
  if (offset < 'endhdr\n'.length) throw new Error(`${path}: not a SphinxTrain parameter file`);
  const littleEndian = bytes.readInt32LE(offset) === BYTE_ORDER_MAGIC;
  const int = (): number => {
    const value = littleEndian ? bytes.readInt32LE(offset) : bytes.readInt32BE(offset);
    offset += 4;
    return value;
  };
  int();
  const codebooks = int();
  const streams = int();
  const densities = int();
  const streamDims = Array.from({ length: streams }, int);
  const count = int();
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++, offset += 4) values[i] = littleEndian ? bytes.readFloatLE(offset) : bytes.readFloatBE(offset);
  return { codebooks, streams, densities, streamDims, values };
}

/**
 * The context-independent phone names of a binary model definition ("BMDF", PocketSphinx's bin_mdef),
 * in the order of their ids, or null when the file is not one in this machine's byte order.
 */
function readPhoneNames(path: string): string[] | null {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 0, 4) !== 'BMDF') return null;
  const headerEnd = bytes.indexOf('END FILE FORMAT DESCRIPTION\n') + 'END FILE FORMAT DESCRIPTION\n'.length;
  // Ten int32 counts (phones, senones, …; the first is the number of context-independent phones)
  // start at the next 4-byte boundary, then the names follow as NUL-terminated strings.
  const counts = Math.ceil(headerEnd / 4) * 4;
  const phoneCount = bytes.readInt32LE(counts);
  const names: string[] = [];
  for (let offset = counts + 40; names.length < phoneCount; ) {
    const end = bytes.indexOf(0, offset);
    if (end < 0) return null;
    names.push(bytes.toString('latin1', offset, end));
    offset = end + 1;
  }
  return names;
}

/**
 * Reads the codebooks of the acoustic model in `hmmDir`, or returns null when the model is not a PTM
 * model with one codebook per phone and streams of equal size (adaptation then stays off).
 */
export function readPhoneCodebooks(hmmDir: string): PhoneCodebooks | null {
  // Adaptation rebuilds the decoder's features: static, delta and delta-delta cepstra, one stream each.
  const featureParams = readFileSync(join(hmmDir, 'feat.params'), 'utf8');
  if (!/^-feat\s+1s_c_d_dd\s*$/m.test(featureParams)) return null;
  const means = readGaussianFile(join(hmmDir, 'means'));
  const variances = readGaussianFile(join(hmmDir, 'variances'));
  const streamDim = means.streamDims[0] ?? 0;
  if (means.streams !== 3 || means.streamDims.some((dim) => dim !== streamDim) || variances.values.length !== means.values.length) return null;
  const names = readPhoneNames(join(hmmDir, 'mdef'));
  // PTM: the codebook of a senone is its phone's, so there is one codebook per phone.
  if (names === null || names.length !== means.codebooks || !names.includes('SIL')) return null;
  const precisions = variances.values.map((v) => 1 / Math.max(v, VARIANCE_FLOOR));
  const logNorms = new Float64Array(means.codebooks * means.streams * means.densities);
  for (let g = 0; g < logNorms.length; g++) {
    let sum = 0;
    for (let d = 0; d < streamDim; d++) sum += Math.log(precisions[g * streamDim + d] as number);
    logNorms[g] = 0.5 * sum;
  }
  return {
    codebooks: means.codebooks,
    streams: means.streams,
    densities: means.densities,
    streamDim,
    means: means.values,
    precisions,
    logNorms,
    codebookOfPhone: new Map(names.map((name, id) => [name, id])),
  };
}

/** Where a codebook's Gaussian for `stream` and `density` sits in the [codebook][stream][density] layout. */
export function gaussianIndex(model: PhoneCodebooks, codebook: number, stream: number, density: number): number {
  return (codebook * model.streams + stream) * model.densities + density;
}

/**
 * log N(x; μ, σ²) of one diagonal Gaussian (`gaussian` indexes the [codebook][stream][density]
 * layout), less the constant −(dim/2)·log 2π that every Gaussian shares. `x` holds `streamDim` values
 * from `start`.
 */
export function gaussianLogDensity(model: PhoneCodebooks, gaussian: number, x: ArrayLike<number>, start = 0): number {
  const dim = model.streamDim;
  const offset = gaussian * dim;
  let log = model.logNorms[gaussian] as number;
  for (let d = 0; d < dim; d++) {
    const diff = (x[start + d] as number) - (model.means[offset + d] as number);
    log -= 0.5 * diff * diff * (model.precisions[offset + d] as number);
  }
  return log;
}

/**
 * How one frame `x` of `stream` is shared among the Gaussians of `codebooks` (all weighed alike):
 * their posteriors, written to `posteriors` codebook by codebook, density by density. Returns how
 * many were written. `posteriors` is the caller's, so that a loop over frames allocates nothing.
 */
export function codebookPosteriors(model: PhoneCodebooks, codebooks: readonly number[], stream: number, x: ArrayLike<number>, posteriors: Float64Array): number {
  let count = 0;
  let best = -Infinity;
  for (const codebook of codebooks) {
    for (let density = 0; density < model.densities; density++) {
      const log = gaussianLogDensity(model, gaussianIndex(model, codebook, stream, density), x);
      posteriors[count++] = log;
      if (log > best) best = log;
    }
  }
  let total = 0;
  for (let q = 0; q < count; q++) {
    const likelihood = Math.exp((posteriors[q] as number) - best);
    posteriors[q] = likelihood;
    total += likelihood;
  }
  for (let q = 0; q < count; q++) posteriors[q] = (posteriors[q] as number) / total;
  return count;
}
