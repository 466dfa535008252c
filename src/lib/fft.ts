/**
 * Power spectra of real frames by an in-place radix-2 FFT. Twiddles and the bit-reversal table are
 * built once per size, because feature extraction transforms tens of thousands of frames per minute.
 */
export class PowerSpectrum {
  readonly size: number;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;
  readonly #reversed: Uint32Array;
  readonly #re: Float64Array;
  readonly #im: Float64Array;

  /** `size` must be a power of two. */
  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size ${size} is not a power of two`);
    this.size = size;
    this.#cos = new Float64Array(size / 2);
    this.#sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.#cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.#sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    this.#reversed = new Uint32Array(size);
    const bits = Math.log2(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.#reversed[i] = r;
    }
    this.#re = new Float64Array(size);
    this.#im = new Float64Array(size);
  }

  /** Writes |X[k]|² for k = 0…size/2 into `out` (length size/2 + 1); `frame` is zero-padded to `size`. */
  compute(frame: Float64Array, out: Float64Array): void {
    const n = this.size;
    const re = this.#re;
    const im = this.#im;
    for (let i = 0; i < n; i++) {
      const source = this.#reversed[i] as number;
      re[i] = source < frame.length ? (frame[source] as number) : 0;
      im[i] = 0;
    }
    for (let half = 1; half < n; half *= 2) {
      const step = n / (2 * half);
      for (let start = 0; start < n; start += 2 * half) {
        for (let k = 0; k < half; k++) {
          const wr = this.#cos[k * step] as number;
          const wi = this.#sin[k * step] as number;
          const a = start + k;
          const b = a + half;
          const br = re[b] as number;
          const bi = im[b] as number;
          const tr = wr * br - wi * bi;
          const ti = wr * bi + wi * br;
          re[b] = (re[a] as number) - tr;
          im[b] = (im[a] as number) - ti;
          re[a] = (re[a] as number) + tr;
          im[a] = (im[a] as number) + ti;
        }
      }
    }
    for (let k = 0; k <= n / 2; k++) out[k] = (re[k] as number) ** 2 + (im[k] as number) ** 2;
  }
}
