import { existsSync } from 'node:fs';
import type { EngineWord, PiecePosition } from '../engine.js';
import type { SegmentContext } from '../speech-gated-decoder.js';
import { decodingDictionary } from './decoding-dictionary.js';
import { readPhoneCodebooks, type PhoneCodebooks } from './acoustic-model-gaussians.js';
import { loadPocketSphinx, readCepstra, writeCepstra, type PocketSphinxApi } from './pocketsphinx-binding.js';
import { withScratchFile } from './scratch-file.js';
import { CarriedTransforms } from './carried-transforms.js';
import { SpeakerAdaptation, transformCepstra, type AlignedWord } from './speaker-adaptation.js';
import { DecoderSearches, type SearchSettings } from './decoder-searches.js';
import { NarrowBandMap, type NarrowBandMapWeights } from './narrow-band-map.js';
import { DecoderMeans, transformCodebookMeans } from './gaussian-mean-transform.js';

export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** The en-us acoustic model's sample rate. */
export const SAMPLE_RATE = 16_000;

/** PocketSphinx's frame rate: one frame every 10 ms. */
const MS_PER_FRAME = 10;

export interface DecoderSettings {
  modelDir: string;
  /** Extra `-name value` arguments; they replace Hark's defaults of the same name. */
  extraArgs: string[];
  /** Adapt the cepstra to each recording's speaker before decoding (where the model allows it). */
  speakerAdaptation: boolean;
  /**
   * Words whose posterior is below this are left out of the result (0 keeps every word). A word the
   * lattice gives so little weight is usually wrong, and often an insertion: the frames belong to a
   * neighbour, a breath or noise. Dropping one that was said costs an error, dropping an insertion
   * saves one, and a substitution stays an error either way. The bench's categories, decoded whole
   * (a scratch run), made 1,805 errors at 0, 1,714 at 0.05, 1,693 at 0.1 and 1,703 at 0.15; each
   * of en_read, en_spont, noisy and telephone gained at 0.1.
   */
  minWordConfidence: number;
  /** The narrow-band map to use instead of the fitted one (for measuring the map's parts). */
  narrowBandMap?: NarrowBandMapWeights;
}

/**
 * Decoder arguments Hark uses on top of the model's own feat.params; `extraArgs` replace same-named
 * ones.
 * - `-remove_silence no`: Hark cuts the audio itself; PocketSphinx's own silence removal would drop
 *   frames and shift word times.
 * - Language weights below the default 6.5 measured better on read speech (docs/engines.md sweep).
 * - fwdflat + bestpath stay on: bestpath is what yields word posteriors (the confidences).
 * - `-maxhmmpf 5000` capped active HMMs per frame: 26 % less CPU than the default 30000 at the same
 *   WER on read speech (sweep on 20 en_read clips); 3000 saved 36 % but cost a point of WER.
 * - `-maxwpf 10` (words ending per frame, default unlimited) and `-fwdflatwbeam 1e-20` (default 7e-29)
 *   prune the word exits of the two passes: CPU-RTF 0.173 → 0.138 on en_read (WER 0.394 → 0.393),
 *   0.169 → 0.112 on en_spont (0.742 → 0.727), 0.332 → 0.209 on noisy (0.909 → 0.897). A beam of
 *   1e-10 cost a point of WER on en_read; `-maxwpf 5` alone cost one too.
 * - `-lpbeam 1e-30` (default 1e-40, the beam on words' last phones) and `-maxhmmpf 3500` prune the
 *   tree pass, where about 70 % of a long recording's CPU goes: on wide-band pieces the beam took
 *   about 15 % off the CPU for 2 more errors in 1,146 (en_read, en_spont, longform), both about 23 %
 *   for 6 more (scratch decodes, 2026-12-07). Narrow-band pieces are decoded with NARROW_BAND_SEARCH
 *   instead. `-beam 1e-40 -pbeam 1e-40` cost 40 errors, `-topn 2` 18, and `-pl_window 0` (no phone
 *   lookahead) doubled the CPU.
 * - `-wbeam 1e-22` (default 7e-29, the beam on word exits of the tree pass) leaves fewer words for
 *   fwdflat to consider, which re-scores every frame: that pass's CPU fell by two fifths and the
 *   tree pass's by about 8 %, for 2,012 errors against 2,014 on en_read, en_spont, longform, noisy
 *   and telephone (scratch decodes, 2026-12-08). 1e-20 took half of fwdflat's CPU but cost 9
 *   errors, 8 of them on noisy speech.
 */
function decoderArgs(settings: DecoderSettings): Map<string, string> {
  const dir = settings.modelDir;
  const args = new Map<string, string>([
    ['-hmm', `${dir}/en-us`],
    ['-lm', `${dir}/en-us.lm.bin`],
    ['-dict', `${dir}/cmudict-en-us.dict`],
    ['-logfn', '/dev/null'],
    ['-remove_silence', 'no'],
    ['-lw', '5'],
    ['-fwdflatlw', '6.5'],
    ['-bestpathlw', '7.5'],
    ['-lpbeam', '1e-30'],
    ['-maxhmmpf', '3500'],
    ['-maxwpf', '10'],
    ['-wbeam', '1e-22'],
    ['-fwdflatwbeam', '1e-20'],
  ]);
  for (const [option, value] of extraOptions(settings)) args.set(option, value);
  return args;
}

/** The `-name value` pairs of `extraArgs`, by name. */
function extraOptions(settings: DecoderSettings): Map<string, string> {
  const options = new Map<string, string>();
  for (let i = 0; i + 1 < settings.extraArgs.length; i += 2) {
    options.set(settings.extraArgs[i] as string, settings.extraArgs[i + 1] as string);
  }
  return options;
}

/**
 * Where narrow-band pieces' plain search differs from `decoderArgs`: it prunes less. There the
 * harder pruning cost errors (telephone 0.533 → 0.565 with the beam, bench at 9f4abcd; 136 → 139
 * errors with the cap, a scratch decode), and its pieces are few. Options set in `extraArgs` are
 * left as set.
 */
export const NARROW_BAND_SEARCH = { floats: { '-lpbeam': 1e-40 }, integers: { '-maxhmmpf': 5000 } } as const;

function narrowBandSearch(settings: DecoderSettings): SearchSettings {
  const set = extraOptions(settings);
  const unset = (values: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(values).filter(([option]) => !set.has(option)));
  return { floats: unset(NARROW_BAND_SEARCH.floats), integers: unset(NARROW_BAND_SEARCH.integers) };
}

/** The model's phone language model (for first passes), or null when the model has none. */
function phoneModelPath(settings: DecoderSettings): string | null {
  const path = `${settings.modelDir}/en-us-phone.lm.bin`;
  return existsSync(path) ? path : null;
}

/** The value a decoder with these settings is given for `option` (undefined: PocketSphinx's default). */
export function decoderArgument(settings: DecoderSettings, option: string): string | undefined {
  return decoderArgs(settings).get(option);
}

/** The model's pronunciation dictionary (a decoder loads the part its language model covers). */
export function dictionaryPath(settings: DecoderSettings): string {
  return decoderArgument(settings, '-dict') as string;
}

/** Tokens that mark silence, noise or sentence bounds rather than words. */
function isFiller(token: string): boolean {
  return token.startsWith('<') || token.startsWith('[') || token.startsWith('++');
}

/** Phones of the phone search that are silence or noise: `SIL`, and fillers such as `+NSN+`. */
function isFillerPhone(token: string): boolean {
  return token === 'SIL' || token.startsWith('+');
}

/** A word or filler of a decoding result, with its frames and posterior (log). */
interface Segment {
  token: string;
  firstFrame: number;
  lastFrame: number;
  posterior: number;
}

const codebooksByModel = new Map<string, PhoneCodebooks | null>();

/** One copy per process of the acoustic model's Gaussians, shared by its decoders. */
function phoneCodebooks(hmmDir: string): PhoneCodebooks | null {
  if (!codebooksByModel.has(hmmDir)) codebooksByModel.set(hmmDir, readPhoneCodebooks(hmmDir));
  return codebooksByModel.get(hmmDir) ?? null;
}

/** A piece of a recording whose order is known, as speaker adaptation carries transforms along it. */
interface RecordingPiece {
  id: string;
  piece: PiecePosition;
}

/** Shared by the process's decoders: any of them may get a recording's next piece. */
const carriedTransforms = new CarriedTransforms();

/**
 * One loaded PocketSphinx decoder. Its decoding runs on a worker thread (see the binding), one
 * utterance at a time: callers must not start a second `recognize` before the first has settled.
 */
export class PocketSphinxDecoder {
  readonly #api: PocketSphinxApi;
  readonly #decoder: unknown;
  readonly #logmath: unknown;
  readonly #searches: DecoderSearches;
  readonly #adaptation: SpeakerAdaptation | null;
  /** Cepstra per frame of the front end. */
  readonly cepstralDim: number;
  readonly #narrowBandMap: NarrowBandMap | null;
  /** Switches the model's means for narrow-band pieces (with the map). */
  readonly #means: DecoderMeans | null;
  /** Speaker adaptation for narrow-band pieces: the same, on the means they are decoded with. */
  readonly #narrowBandAdaptation: SpeakerAdaptation | null;
  readonly #minWordConfidence: number;

  constructor(settings: DecoderSettings) {
    const api = loadPocketSphinx();
    this.#api = api;
    const args = decoderArgs(settings);
    const dictionary = decodingDictionary(api, args.get('-dict') as string, args.get('-lm') as string);
    this.#decoder = withScratchFile('decoding.dict', dictionary, (path) => {
      const argv = [...args.set('-dict', path)].flat();
      const config = api.cmd_ln_parse_r(null, api.ps_args(), argv.length, argv, 1);
      if (!config) throw new Error(`PocketSphinx rejected its arguments: ${argv.join(' ')}`);
      return api.ps_init(config);
    });
    if (!this.#decoder) {
      throw new Error(`PocketSphinx could not load the model in ${settings.modelDir} (install pocketsphinx-en-us)`);
    }
    this.#logmath = api.ps_get_logmath(this.#decoder);
    this.#searches = new DecoderSearches(api, this.#decoder, dictionary, phoneModelPath(settings), narrowBandSearch(settings));
    this.cepstralDim = api.cmd_ln_int_r(api.ps_get_config(this.#decoder), '-ceplen');
    const hmmDir = args.get('-hmm') as string;
    const codebooks = settings.speakerAdaptation ? phoneCodebooks(hmmDir) : null;
    // The transform acts on the front end's cepstra: a model whose static stream differs cannot use it.
    const adaptable = codebooks !== null && codebooks.streamDim === this.cepstralDim ? codebooks : null;
    this.#adaptation = adaptable === null ? null : new SpeakerAdaptation(adaptable);
    const narrowBandMap = NarrowBandMap.forModel(hmmDir, this.cepstralDim, settings.narrowBandMap);
    this.#narrowBandMap = narrowBandMap;
    this.#means = narrowBandMap === null ? null : new DecoderMeans(api, this.#decoder, narrowBandMap.meanTransform, this.cepstralDim);
    // A copy of the means per decoder (under a megabyte) rather than per process: a decoder may be given its own map.
    this.#narrowBandAdaptation =
      adaptable === null || narrowBandMap === null ? null : new SpeakerAdaptation(transformCodebookMeans(adaptable, narrowBandMap.meanTransform));
    this.#minWordConfidence = settings.minWordConfidence;
  }

  /**
   * Decodes one utterance of 16 kHz mono PCM and returns its words, timed from the start of `samples`,
   * favouring the context's vocabulary when given; narrow-band audio's cepstra are mapped towards
   * wide-band ones first; with speaker adaptation, what earlier pieces of the context's recording
   * showed of the speaker is used and refined. Words below the minimum confidence are left out
   * (adaptation still learns from them: their frames are speech all the same).
   */
  async recognize(samples: Int16Array, context: SegmentContext = {}): Promise<EngineWord[]> {
    const { vocabulary } = context;
    // Speaker adaptation carries a transform between the pieces of a recording whose order is known.
    const recording = context.recording !== undefined && context.piece !== undefined ? { id: context.recording, piece: context.piece } : undefined;
    const narrowBandMap = context.narrowBand === true ? this.#narrowBandMap : null;
    this.#means?.use(narrowBandMap !== null);
    const api = this.#api;
    // A new stream per segment resets the front end's noise estimate, which otherwise carries over
    // from whatever this process decoded before: without it, the words depended on which process
    // got which segment (3 of 10 clips changed when decoded twice in a row).
    if (api.ps_start_stream(this.#decoder) < 0) throw new Error('ps_start_stream failed');
    const useWordSearch = (): void => this.#searches.use(vocabulary, context.narrowBand === true);
    const segments =
      this.#adaptation === null && narrowBandMap === null
        ? await this.#decodeSamples(samples, useWordSearch)
        : await this.#decodeFeatures(samples, narrowBandMap, useWordSearch, recording);
    return segments
      .filter((segment) => !isFiller(segment.token))
      .map((segment) => ({
        text: segment.token.replace(/\(\d+\)$/, ''),
        startMs: segment.firstFrame * MS_PER_FRAME,
        endMs: (segment.lastFrame + 1) * MS_PER_FRAME,
        confidence: Math.min(1, Math.max(0, api.logmath_exp(this.#logmath, segment.posterior))),
      }))
      .filter((word) => word.confidence >= this.#minWordConfidence);
  }

  /** Decodes `samples` with the word search `useWordSearch` switches to. */
  #decodeSamples(samples: Int16Array, useWordSearch: () => void): Promise<Segment[]> {
    useWordSearch();
    return this.#decode('ps_process_raw', () => this.#api.ps_process_raw(this.#decoder, samples, samples.length, 0, 1));
  }

  #decodeCepstra(block: unknown, frames: number): Promise<Segment[]> {
    return this.#decode('ps_process_cep', () => this.#api.ps_process_cep(this.#decoder, block, frames, 0, 1));
  }

  /** One utterance: `feed` gives the decoder all of it (`name` is the call, for the error). */
  async #decode(name: string, feed: () => Promise<number>): Promise<Segment[]> {
    const api = this.#api;
    if (api.ps_start_utt(this.#decoder) < 0) throw new Error('ps_start_utt failed');
    if ((await feed()) < 0) throw new Error(`${name} failed`);
    if ((await api.ps_end_utt(this.#decoder)) < 0) throw new Error('ps_end_utt failed');
    return this.#segments();
  }

  /** The front end's cepstra of `samples` (frames of `-ceplen` coefficients), as decoding starts from them. */
  frontEndCepstra(samples: Int16Array): Promise<Float32Array> {
    return this.#withFrontEnd(samples, async (block, frameCount) => readCepstra(block, frameCount, this.cepstralDim));
  }

  /** Runs `use` on the front end's block of cepstra for `samples` (and its frame count), then frees it. */
  async #withFrontEnd<T>(samples: Int16Array, use: (block: unknown, frameCount: number) => Promise<T>): Promise<T> {
    const api = this.#api;
    const frontEnd = api.ps_get_fe(this.#decoder);
    const block: unknown[] = [null];
    const frames = [0];
    if (api.fe_start_utt(frontEnd) < 0 || api.fe_process_utt(frontEnd, samples, samples.length, block, frames) < 0) {
      throw new Error('fe_process_utt failed');
    }
    try {
      return await use(block[0], frames[0] as number);
    } finally {
      api.ckd_free_2d(block[0]);
    }
  }

  /**
   * Decodes the piece's cepstra after changing them: mapped towards wide-band speech when
   * `narrowBandMap` is given, then, with speaker adaptation, transformed towards the model. The
   * transform is the one the recording's settled pieces left, refined on this piece's words for the
   * next; where they left none (a recording's first pieces, or a piece without a recording), the
   * phones of a first pass give it, and a narrow-band recording's first piece (or a narrow-band piece
   * without a recording) is decoded a second time with that transform refined on the first decoding's
   * words. Without enough speech for an estimate, the piece is decoded unadapted, as without
   * adaptation.
   */
  #decodeFeatures(
    samples: Int16Array,
    narrowBandMap: NarrowBandMap | null,
    useWordSearch: () => void,
    recording: RecordingPiece | undefined,
  ): Promise<Segment[]> {
    return this.#withFrontEnd(samples, async (block, frameCount) => {
      if (frameCount === 0) return [];
      // Decoding normalises the block's cepstra in place: keep the front end's own.
      const dim = this.cepstralDim;
      const frontEndCepstra = readCepstra(block, frameCount, dim);
      const cepstra = narrowBandMap === null ? frontEndCepstra : narrowBandMap.apply(frontEndCepstra);
      if (cepstra !== frontEndCepstra) writeCepstra(block, cepstra);
      const adaptation = narrowBandMap === null ? this.#adaptation : this.#narrowBandAdaptation;
      if (adaptation === null) {
        useWordSearch();
        return this.#decodeCepstra(block, frameCount);
      }
      const earlier = recording === undefined ? null : carriedTransforms.startOf(recording.id, recording.piece);
      const transform = earlier ?? (await this.#firstPassTransform(block, cepstra, frameCount, adaptation));
      const decodeWith = (matrix: Float64Array | null): Promise<Segment[]> => {
        // Decoding normalised the block in place: every decode writes its cepstra afresh.
        writeCepstra(block, matrix === null ? cepstra : transformCepstra(cepstra, matrix, dim));
        useWordSearch();
        return this.#decodeCepstra(block, frameCount);
      };
      let segments = await decodeWith(transform);
      let left = transform;
      if (earlier !== null) {
        // A carried transform is refined on this piece's words for the pieces after it.
        left = adaptation.estimate(cepstra, frameCount, this.#alignedWords(segments), earlier);
      } else if (transform !== null && narrowBandMap !== null && (recording === undefined || recording.piece.index === 0)) {
        // A narrow-band recording's first piece starts from the phone pass's transform, estimated
        // from phones recognised without words to constrain them, which is weakest on telephone
        // audio. It is decoded again with that transform refined on its words: telephone 0.569 →
        // 0.553 (npm run bench at 1d69fb9). Wide-band audio gained nothing for about 1.7 times
        // the CPU of a short clip (en_read 0.358 → 0.362, noisy 0.834 → 0.839, en_spont 0.711 →
        // 0.701, longform 0.372 → 0.369), so it is decoded once. Only the first piece is decoded
        // twice: pieces from index W on start from transforms refined on words.
        const refined = adaptation.estimate(cepstra, frameCount, this.#alignedWords(segments), transform);
        if (refined !== null) {
          segments = await decodeWith(refined);
          left = refined;
        }
      }
      if (recording !== undefined && left !== null) carriedTransforms.remember(recording.id, recording.piece, left);
      return segments;
    });
  }

  /** The transform from a first pass over the piece that recognises phones (null when it has too little speech). */
  async #firstPassTransform(block: unknown, cepstra: Float32Array, frameCount: number, adaptation: SpeakerAdaptation): Promise<Float64Array | null> {
    this.#searches.useFirstPass();
    const phones = await this.#decodeCepstra(block, frameCount);
    const spoken = phones.filter((phone) => !isFillerPhone(phone.token));
    return adaptation.estimate(
      cepstra,
      frameCount,
      spoken.map((phone) => ({ phones: [phone.token], firstFrame: phone.firstFrame, lastFrame: phone.lastFrame })),
    );
  }

  #segments(): Segment[] {
    const api = this.#api;
    const segments: Segment[] = [];
    for (let seg = api.ps_seg_iter(this.#decoder); seg; seg = api.ps_seg_next(seg)) {
      const start = [0];
      const end = [0];
      api.ps_seg_frames(seg, start, end);
      const posterior = api.ps_seg_prob(seg, [0], [0], [0]);
      segments.push({ token: api.ps_seg_word(seg), firstFrame: start[0] as number, lastFrame: end[0] as number, posterior });
    }
    return segments;
  }

  /** A decoding's words with their phones (the dictionary entry the decoder chose). */
  #alignedWords(segments: readonly Segment[]): AlignedWord[] {
    return segments.flatMap((segment) => {
      if (isFiller(segment.token)) return [];
      const phones = this.#api.ps_lookup_word(this.#decoder, segment.token);
      return phones === null ? [] : [{ phones: phones.split(' '), firstFrame: segment.firstFrame, lastFrame: segment.lastFrame }];
    });
  }

  free(): void {
    this.#means?.free();
    this.#api.ps_free(this.#decoder);
  }
}
