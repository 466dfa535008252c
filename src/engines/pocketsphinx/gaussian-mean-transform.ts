import type { PhoneCodebooks } from './acoustic-model-gaussians.js';
import type { PocketSphinxApi } from './pocketsphinx-binding.js';
import { withScratchFile } from './scratch-file.js';

/**
 * An affine transform of an acoustic model's Gaussian means, one per feature stream (static, delta,
 * delta-delta cepstra): μ' = A·μ + b. Per stream, `dim` rows of `dim + 1` numbers, row-major: row i
 * holds row i of A, then b_i.
 */
export type MeanTransform = readonly (readonly number[])[];

/** Stream `stream`'s transform applied to `mean` (one stream's dim numbers), written into `out` from `at`. */
function transformedMean(transform: MeanTransform, stream: number, mean: ArrayLike<number>, out: Float32Array, at: number): void {
  const rows = transform[stream] as readonly number[];
  const dim = mean.length;
  for (let i = 0; i < dim; i++) {
    let value = rows[i * (dim + 1) + dim] as number;
    for (let j = 0; j < dim; j++) value += (rows[i * (dim + 1) + j] as number) * (mean[j] as number);
    out[at + i] = value;
  }
}

/** A copy of `codebooks` with every mean moved by `transform`, as the decoder's are once it applies it. */
export function transformCodebookMeans(codebooks: PhoneCodebooks, transform: MeanTransform): PhoneCodebooks {
  const { streamDim: dim, streams, densities } = codebooks;
  const means = new Float32Array(codebooks.means.length);
  for (let gaussian = 0; gaussian < means.length / dim; gaussian++) {
    const stream = Math.floor(gaussian / densities) % streams;
    transformedMean(transform, stream, codebooks.means.subarray(gaussian * dim, (gaussian + 1) * dim), means, gaussian * dim);
  }
  return { ...codebooks, means };
}

/** The transform as PocketSphinx's MLLR file has it: one class, then per stream its length, A, b and variance scales (1). */
function mllrFileText(transform: MeanTransform, dim: number): string {
  const lines = ['1', String(transform.length)];
  for (const rows of transform) {
    lines.push(String(dim));
    for (let i = 0; i < dim; i++) lines.push(rows.slice(i * (dim + 1), i * (dim + 1) + dim).join(' '));
    lines.push(Array.from({ length: dim }, (_, i) => rows[i * (dim + 1) + dim]).join(' '));
    lines.push(Array.from({ length: dim }, () => '1').join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** The transform that leaves every mean as the model's files have it. */
export function identityTransform(streams: number, dim: number): MeanTransform {
  const rows = Array.from({ length: dim * (dim + 1) }, (_, k) => (k % (dim + 2) === 0 ? 1 : 0));
  return Array.from({ length: streams }, () => rows);
}

/**
 * Switches one decoder's Gaussian means between the model's own and `transform`'s. PocketSphinx
 * reloads the means from the model's files whenever a transform is applied, so switching does not
 * accumulate; it costs a reload (a few milliseconds), so it happens only when the kind of piece changes.
 */
export class DecoderMeans {
  readonly #api: PocketSphinxApi;
  readonly #decoder: unknown;
  readonly #transformed: unknown;
  readonly #original: unknown;
  #usingTransformed = false;

  constructor(api: PocketSphinxApi, decoder: unknown, transform: MeanTransform, dim: number) {
    this.#api = api;
    this.#decoder = decoder;
    const read = (which: MeanTransform): unknown => {
      const mllr = withScratchFile('means.mllr', mllrFileText(which, dim), (path) => api.ps_mllr_read(path));
      if (!mllr) throw new Error('PocketSphinx could not read a mean transform');
      return mllr;
    };
    this.#transformed = read(transform);
    this.#original = read(identityTransform(transform.length, dim));
  }

  /** Decodes from here on with the transformed means (true) or the model's own (false). */
  use(transformed: boolean): void {
    if (transformed === this.#usingTransformed) return;
    const mllr = transformed ? this.#transformed : this.#original;
    // The decoder keeps a reference of its own; ours stays for the next switch.
    if (!this.#api.ps_update_mllr(this.#decoder, this.#api.ps_mllr_retain(mllr))) throw new Error('ps_update_mllr failed');
    this.#usingTransformed = transformed;
  }

  /** Drops this object's references (call before the decoder is freed, which drops its own). */
  free(): void {
    this.#api.ps_mllr_free(this.#transformed);
    this.#api.ps_mllr_free(this.#original);
  }
}
