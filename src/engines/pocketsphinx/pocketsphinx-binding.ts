import { promisify } from 'node:util';
import koffi from 'koffi';

/**
 * The slice of the PocketSphinx 5prealpha C API (Debian's libpocketsphinx3 / libsphinxbase3) that the
 * decoder uses, declared through koffi so no native build step is needed. Opaque C pointers are
 * carried as `unknown`. The calls that do the decoding work (`ps_process_raw`, `ps_process_cep`,
 * `ps_end_utt`) are asynchronous: they run on a libuv worker thread, so one process can decode with
 * several decoders at once (one call per decoder at a time; separate decoders share no state).
 */
export interface PocketSphinxApi {
  ps_args(): unknown;
  cmd_ln_parse_r(previous: unknown, definitions: unknown, argc: number, argv: string[], strict: number): unknown;
  cmd_ln_free_r(config: unknown): number;
  ps_init(config: unknown): unknown;
  ps_free(decoder: unknown): number;
  ps_start_stream(decoder: unknown): number;
  ps_start_utt(decoder: unknown): number;
  ps_process_raw(decoder: unknown, data: Int16Array, samples: number, noSearch: number, fullUtterance: number): Promise<number>;
  /** Decodes cepstra: `data` is an `mfcc_t **` block as `fe_process_utt` makes it. */
  ps_process_cep(decoder: unknown, data: unknown, frames: number, noSearch: number, fullUtterance: number): Promise<number>;
  ps_get_fe(decoder: unknown): unknown;
  fe_start_utt(frontEnd: unknown): number;
  /** Cepstra of a whole utterance, in a block sphinxbase allocates (free with `ckd_free_2d`). */
  fe_process_utt(frontEnd: unknown, data: Int16Array, samples: number, block: unknown[], frames: number[]): number;
  ckd_free_2d(block: unknown): void;
  ps_end_utt(decoder: unknown): Promise<number>;
  ps_seg_iter(decoder: unknown): unknown;
  ps_seg_next(segment: unknown): unknown;
  ps_seg_word(segment: unknown): string;
  ps_seg_frames(segment: unknown, start: number[], end: number[]): void;
  ps_seg_prob(segment: unknown, acoustic: number[], language: number[], backoff: number[]): number;
  ps_get_logmath(decoder: unknown): unknown;
  logmath_exp(logmath: unknown, value: number): number;
  ps_get_config(decoder: unknown): unknown;
  /** The word's phones, space-separated, or null when the dictionary lacks it. */
  ps_lookup_word(decoder: unknown, word: string): string | null;
  ps_load_dict(decoder: unknown, dictionary: string, fillerDictionary: string | null, format: string | null): number;
  ps_get_search(decoder: unknown): string;
  ps_set_search(decoder: unknown, name: string): number;
  ps_unset_search(decoder: unknown, name: string): number;
  ps_get_lm(decoder: unknown, name: string): unknown;
  ps_set_lm(decoder: unknown, name: string, model: unknown): number;
  /** Adds a phone-recognition search over the phone language model at `path` (a phone loop when null). */
  ps_set_allphone_file(decoder: unknown, name: string, path: string | null): number;
  ngram_model_read(config: unknown, file: string, type: number, logmath: unknown): unknown;
  ngram_model_set_init(config: unknown, models: unknown[], names: string[], weights: Float32Array, count: number): unknown;
  ngram_model_retain(model: unknown): unknown;
  ngram_model_free(model: unknown): number;
  ngram_wid(model: unknown, word: string): number;
  ngram_unknown_wid(model: unknown): number;
  logmath_init(base: number, shift: number, useTable: number): unknown;
  logmath_free(logmath: unknown): number;
  err_set_logfile(path: string): number;
  cmd_ln_int_r(config: unknown, name: string): number;
  cmd_ln_set_int_r(config: unknown, name: string, value: number): void;
  cmd_ln_float_r(config: unknown, name: string): number;
  cmd_ln_set_float_r(config: unknown, name: string, value: number): void;
  /** A model-space transform of the Gaussians (per stream: mean A·μ + b, variance scaled), read from a text file. */
  ps_mllr_read(path: string): unknown;
  ps_mllr_retain(transform: unknown): unknown;
  ps_mllr_free(transform: unknown): number;
  /**
   * Reloads the model's means and variances from its files and applies `transform` to them. The
   * decoder takes over one reference (and drops the one of the transform it had): retain first to keep using it.
   */
  ps_update_mllr(decoder: unknown, transform: unknown): unknown;
}

let api: PocketSphinxApi | null = null;

/** Loads the shared libraries once per process. Throws a readable error when they are not installed. */
export function loadPocketSphinx(): PocketSphinxApi {
  if (api !== null) return api;
  let sphinxbase: ReturnType<typeof koffi.load>;
  let pocketsphinx: ReturnType<typeof koffi.load>;
  try {
    sphinxbase = koffi.load('libsphinxbase.so.3');
    pocketsphinx = koffi.load('libpocketsphinx.so.3');
  } catch (error) {
    throw new Error(
      `PocketSphinx libraries not found (install the Debian packages libpocketsphinx3 and libsphinxbase3): ${(error as Error).message}`,
    );
  }
  const processRaw = pocketsphinx.func('int ps_process_raw(void *ps, const int16_t *data, size_t n, int no_search, int full_utt)');
  const endUtterance = pocketsphinx.func('int ps_end_utt(void *ps)');
  const processCepstra = pocketsphinx.func('int ps_process_cep(void *ps, void *data, int32_t n_frames, int no_search, int full_utt)');
  // ps_lookup_word returns a string the caller must free.
  const lookupWord = pocketsphinx.func('void *ps_lookup_word(void *ps, const char *word)');
  const free = sphinxbase.func('void ckd_free(void *ptr)');
  api = {
    ps_args: pocketsphinx.func('void *ps_args()'),
    cmd_ln_parse_r: sphinxbase.func('void *cmd_ln_parse_r(void *inout, void *defn, int argc, const char **argv, int strict)'),
    cmd_ln_free_r: sphinxbase.func('int cmd_ln_free_r(void *config)'),
    ps_init: pocketsphinx.func('void *ps_init(void *config)'),
    ps_free: pocketsphinx.func('int ps_free(void *ps)'),
    ps_start_stream: pocketsphinx.func('int ps_start_stream(void *ps)'),
    ps_start_utt: pocketsphinx.func('int ps_start_utt(void *ps)'),
    ps_process_raw: promisify(processRaw.async) as PocketSphinxApi['ps_process_raw'],
    ps_end_utt: promisify(endUtterance.async) as PocketSphinxApi['ps_end_utt'],
    ps_process_cep: promisify(processCepstra.async) as PocketSphinxApi['ps_process_cep'],
    ps_get_fe: pocketsphinx.func('void *ps_get_fe(void *ps)'),
    fe_start_utt: sphinxbase.func('int fe_start_utt(void *fe)'),
    fe_process_utt: sphinxbase.func(
      'int fe_process_utt(void *fe, const int16_t *spch, size_t nsamps, _Out_ void **cep_block, _Out_ int32_t *nframes)',
    ),
    ckd_free_2d: sphinxbase.func('void ckd_free_2d(void *ptr)'),
    ps_seg_iter: pocketsphinx.func('void *ps_seg_iter(void *ps)'),
    ps_seg_next: pocketsphinx.func('void *ps_seg_next(void *seg)'),
    ps_seg_word: pocketsphinx.func('const char *ps_seg_word(void *seg)'),
    ps_seg_frames: pocketsphinx.func('void ps_seg_frames(void *seg, _Out_ int *sf, _Out_ int *ef)'),
    ps_seg_prob: pocketsphinx.func('int32_t ps_seg_prob(void *seg, _Out_ int32_t *ascr, _Out_ int32_t *lscr, _Out_ int32_t *lback)'),
    ps_get_logmath: pocketsphinx.func('void *ps_get_logmath(void *ps)'),
    logmath_exp: sphinxbase.func('double logmath_exp(void *lmath, int32_t logb)'),
    ps_get_config: pocketsphinx.func('void *ps_get_config(void *ps)'),
    ps_lookup_word: (decoder: unknown, word: string): string | null => {
      const phones: unknown = lookupWord(decoder, word);
      if (phones === null) return null;
      const text = koffi.decode(phones, 'char', -1) as string;
      free(phones);
      return text;
    },
    ps_load_dict: pocketsphinx.func('int ps_load_dict(void *ps, const char *dictfile, const char *fdictfile, const char *format)'),
    ps_get_search: pocketsphinx.func('const char *ps_get_search(void *ps)'),
    ps_set_search: pocketsphinx.func('int ps_set_search(void *ps, const char *name)'),
    ps_unset_search: pocketsphinx.func('int ps_unset_search(void *ps, const char *name)'),
    ps_get_lm: pocketsphinx.func('void *ps_get_lm(void *ps, const char *name)'),
    ps_set_lm: pocketsphinx.func('int ps_set_lm(void *ps, const char *name, void *lm)'),
    ps_set_allphone_file: pocketsphinx.func('int ps_set_allphone_file(void *ps, const char *name, const char *path)'),
    ngram_model_read: sphinxbase.func('void *ngram_model_read(void *config, const char *file, int type, void *lmath)'),
    ngram_model_set_init: sphinxbase.func(
      'void *ngram_model_set_init(void *config, void **models, const char **names, const float *weights, int n)',
    ),
    ngram_model_retain: sphinxbase.func('void *ngram_model_retain(void *model)'),
    ngram_model_free: sphinxbase.func('int ngram_model_free(void *model)'),
    ngram_wid: sphinxbase.func('int32_t ngram_wid(void *model, const char *word)'),
    ngram_unknown_wid: sphinxbase.func('int32_t ngram_unknown_wid(void *model)'),
    logmath_init: sphinxbase.func('void *logmath_init(double base, int shift, int use_table)'),
    logmath_free: sphinxbase.func('int logmath_free(void *lmath)'),
    err_set_logfile: sphinxbase.func('int err_set_logfile(const char *path)'),
    cmd_ln_int_r: sphinxbase.func('long cmd_ln_int_r(void *config, const char *name)'),
    cmd_ln_set_int_r: sphinxbase.func('void cmd_ln_set_int_r(void *config, const char *name, long value)'),
    cmd_ln_float_r: sphinxbase.func('double cmd_ln_float_r(void *config, const char *name)'),
    cmd_ln_set_float_r: sphinxbase.func('void cmd_ln_set_float_r(void *config, const char *name, double value)'),
    ps_mllr_read: pocketsphinx.func('void *ps_mllr_read(const char *file)'),
    ps_mllr_retain: pocketsphinx.func('void *ps_mllr_retain(void *mllr)'),
    ps_mllr_free: pocketsphinx.func('int ps_mllr_free(void *mllr)'),
    ps_update_mllr: pocketsphinx.func('void *ps_update_mllr(void *ps, void *mllr)'),
  } as PocketSphinxApi;
  return api;
}

/** The cepstra of a block `fe_process_utt` made: `frames` rows of `dim` floats, stored contiguously. */
export function readCepstra(block: unknown, frames: number, dim: number): Float32Array {
  const firstRow: unknown = koffi.decode(block, 'void *');
  return Float32Array.from(koffi.decode(firstRow, 'float', frames * dim) as number[]);
}

/** Overwrites a block's cepstra (same layout as `readCepstra` returns). */
export function writeCepstra(block: unknown, cepstra: Float32Array): void {
  const firstRow: unknown = koffi.decode(block, 'void *');
  koffi.encode(firstRow, 'float', Array.from(cepstra), cepstra.length);
}
