import type { BoostStrength } from '../../domain/vocabulary-boost.js';
import type { PreparedVocabulary } from '../engine.js';
import { boostLanguageModelArpa } from './boost-language-model.js';
import type { PocketSphinxApi } from './pocketsphinx-binding.js';
import { withScratchFile } from './scratch-file.js';

/**
 * The boost model's interpolation weight. On eval clips that speak the terms, 0.01–0.3 recognised the
 * same share of them (engines.md found the same); the weight mostly decides how far an in-vocabulary
 * term can outrun a similar-sounding common word.
 */
const BOOST_WEIGHT: Record<BoostStrength, number> = { low: 0.02, default: 0.1, high: 0.3 };

/** Boost searches kept per decoder, so jobs with different terms decoding at once do not rebuild them per segment. */
const CACHED_SEARCHES = 4;

/** Added words kept in the dictionary before it is rebuilt from the model's own. */
const MAX_ADDED_WORDS = 20_000;

/**
 * Active-HMM cap for boosted searches. The interpolated model's scores are flatter than the trigram
 * model's alone, and under the plain search's cap of 5000 the right path was sometimes pruned: on 62
 * clips without the terms, WER went 0.306 → 0.340 with a boost at 5000, 0.312 at 10 000, 0.311 at 30 000.
 * Their beams are those of narrow-band pieces' plain search, which prunes less than the configuration.
 */
const BOOSTED_MAX_HMMS_PER_FRAME = 10_000;

/**
 * Options a search reads from the decoder's configuration when it is built, which may differ from
 * search to search: integer ones (`-maxhmmpf`) and floating-point ones (the beams).
 */
export interface SearchSettings {
  readonly integers?: Readonly<Record<string, number>>;
  readonly floats?: Readonly<Record<string, number>>;
}

/** sphinxbase's NGRAM_ARPA file type. */
const ARPA = 1;

/**
 * The first pass for speaker adaptation, which only needs which phone is heard where: a phone
 * recogniser (context-independent phones under the model's phone trigram model) rather than a word
 * search. Against the quick word search it replaced (the tree pass alone, at most 1000 active HMMs,
 * whose lexicon tree took about 38 MB in each decoder), on 25 s pieces with one decoder: en_read WER
 * 0.363 → 0.372, en_spont 0.780 → 0.789, noisy and telephone 0.819 → 0.804, in 13 % less time and
 * about 45 MB less memory per decoder (scratch runs). Context-dependent phones were some twenty
 * times slower.
 */
const FIRST_PASS_SETTINGS: SearchSettings = { integers: { '-allphone_ci': 1 } };
const FIRST_PASS_SEARCH = 'hark_first_pass';

/**
 * Switches one PocketSphinx decoder between its searches: the plain en-us search, searches whose
 * language model is the en-us trigram model interpolated with a job's boost model, and a phone
 * search for first passes. Words the dictionary lacks are added with the pronunciations the job
 * brings (a merged dictionary is loaded: `ps_add_word` crashed after a few additions, engines.md).
 * Building a boost search takes about a second, so the last few are kept.
 *
 * The plain search prunes narrow-band pieces less than wide-band ones, which the configuration is
 * for (`narrowBandSearch`). It is rebuilt when the band changes, in about 0.13 s, rather than kept
 * twice: a second lexicon tree would cost each decoder tens of megabytes.
 */
export class DecoderSearches {
  readonly #api: PocketSphinxApi;
  readonly #decoder: unknown;
  /** The dictionary the decoder was loaded with, a file's bytes. */
  readonly #dictionary: Buffer;
  /** The phone language model of first passes (null: any phone may follow any other). */
  readonly #phoneModel: string | null;
  /** Where narrow-band pieces' plain search differs from the configuration. */
  readonly #narrowBandSearch: SearchSettings;
  #plainSearch: string;
  /** Whether the plain search was built for narrow-band pieces (otherwise with the configuration alone). */
  #plainSearchNarrowBand = false;
  readonly #mainModel: unknown;
  /** Boost searches by vocabulary, least recently used first. */
  readonly #searches = new Map<string, string>();
  readonly #addedWords = new Map<string, string[]>();
  #searchCount = 0;
  #firstPassBuilt = false;
  #current: string;

  constructor(api: PocketSphinxApi, decoder: unknown, dictionary: Buffer, phoneModel: string | null, narrowBandSearch: SearchSettings) {
    this.#api = api;
    this.#decoder = decoder;
    this.#dictionary = dictionary;
    this.#phoneModel = phoneModel;
    this.#narrowBandSearch = narrowBandSearch;
    this.#plainSearch = api.ps_get_search(decoder);
    this.#mainModel = api.ps_get_lm(decoder, this.#plainSearch);
    this.#current = this.#plainSearch;
  }

  /** Makes the decoder favour `vocabulary`, or decode plainly, as suits the piece's band, when there is none. */
  use(vocabulary: PreparedVocabulary | undefined, narrowBand: boolean): void {
    if (vocabulary !== undefined) {
      this.#switchTo(this.#searchFor(vocabulary));
      return;
    }
    if (this.#plainSearchNarrowBand !== narrowBand) this.#rebuildPlainSearch(narrowBand);
    this.#switchTo(this.#plainSearch);
  }

  /** Replaces the plain search with one built for narrow-band pieces or with the configuration alone. */
  #rebuildPlainSearch(narrowBand: boolean): void {
    const previous = this.#plainSearch;
    const name = `hark_plain_${++this.#searchCount}`;
    // The search takes over a reference to the model and frees it with itself.
    this.#api.ngram_model_retain(this.#mainModel);
    this.#buildSearch(name, narrowBand ? this.#narrowBandSearch : {}, () => this.#api.ps_set_lm(this.#decoder, name, this.#mainModel));
    this.#plainSearch = name;
    this.#plainSearchNarrowBand = narrowBand;
    this.#switchTo(name);
    this.#api.ps_unset_search(this.#decoder, previous);
  }

  /** Makes the decoder recognise phones, for a first pass before adaptation (its segments are phones). */
  useFirstPass(): void {
    if (!this.#firstPassBuilt) {
      const install = (): number => this.#api.ps_set_allphone_file(this.#decoder, FIRST_PASS_SEARCH, this.#phoneModel);
      this.#buildSearch(FIRST_PASS_SEARCH, FIRST_PASS_SETTINGS, install);
      this.#firstPassBuilt = true;
    }
    this.#switchTo(FIRST_PASS_SEARCH);
  }

  #switchTo(search: string): void {
    if (search === this.#current) return;
    if (this.#api.ps_set_search(this.#decoder, search) < 0) throw new Error(`PocketSphinx could not switch to search ${search}`);
    this.#current = search;
  }

  #searchFor(vocabulary: PreparedVocabulary): string {
    const key = JSON.stringify(vocabulary);
    const cached = this.#searches.get(key);
    if (cached !== undefined) {
      this.#searches.delete(key);
      this.#searches.set(key, cached);
      return cached;
    }
    this.#addWords(vocabulary.pronunciations);
    // A word with neither a dictionary entry nor a pronunciation cannot be recognised: leave it out.
    const phrases = vocabulary.phrases
      .map((phrase) => phrase.filter((word) => this.#api.ps_lookup_word(this.#decoder, word) !== null))
      .filter((phrase) => phrase.length > 0);
    if (phrases.length === 0) return this.#plainSearch;
    const name = `hark_boost_${++this.#searchCount}`;
    this.#installSearch(name, phrases, BOOST_WEIGHT[vocabulary.strength]);
    this.#searches.set(key, name);
    if (this.#searches.size > CACHED_SEARCHES) {
      const [oldestKey, oldest] = this.#searches.entries().next().value as [string, string];
      this.#searches.delete(oldestKey);
      this.#api.ps_unset_search(this.#decoder, oldest);
    }
    return name;
  }

  #installSearch(name: string, phrases: string[][], weight: number): void {
    const api = this.#api;
    const config = api.ps_get_config(this.#decoder);
    const boostModel = withScratchFile('boost.arpa', boostLanguageModelArpa(phrases), (path) =>
      api.ngram_model_read(config, path, ARPA, api.ps_get_logmath(this.#decoder)),
    );
    if (!boostModel) throw new Error('PocketSphinx could not read the boost language model');
    // The set takes ownership of its models and frees them with itself: it needs its own reference to the main one.
    api.ngram_model_retain(this.#mainModel);
    const interpolated = api.ngram_model_set_init(config, [this.#mainModel, boostModel], ['main', 'boost'], new Float32Array([1 - weight, weight]), 2);
    if (!interpolated) throw new Error('PocketSphinx could not interpolate the boost language model');
    const plainCap = api.cmd_ln_int_r(config, '-maxhmmpf');
    // The search takes over the set's reference and frees it with itself.
    const settings = { floats: this.#narrowBandSearch.floats, integers: { '-maxhmmpf': Math.max(plainCap, BOOSTED_MAX_HMMS_PER_FRAME) } };
    this.#buildSearch(name, settings, () => api.ps_set_lm(this.#decoder, name, interpolated));
  }

  /**
   * Adds search `name` with `install` (a `ps_set_…` call). A search reads its settings from the
   * decoder's configuration when it is built, so `settings` are set for the build and put back after it.
   */
  #buildSearch(name: string, settings: SearchSettings, install: () => number): void {
    const api = this.#api;
    const config = api.ps_get_config(this.#decoder);
    const kinds = [
      [settings.integers ?? {}, api.cmd_ln_int_r, api.cmd_ln_set_int_r],
      [settings.floats ?? {}, api.cmd_ln_float_r, api.cmd_ln_set_float_r],
    ] as const;
    const restore = kinds.flatMap(([values, get, set]) =>
      Object.entries(values).map(([option, value]) => {
        const saved = get(config, option);
        set(config, option, value);
        return () => set(config, option, saved);
      }),
    );
    const installed = install();
    for (const put of restore) put();
    if (installed < 0) throw new Error(`PocketSphinx could not build search ${name}`);
  }

  #addWords(pronunciations: Record<string, string[]>): void {
    const api = this.#api;
    // Words the decoder knows without having been added here are the model's own: they keep its pronunciation.
    const wanted = Object.entries(pronunciations).filter(
      ([word, phones]) => phones.length > 0 && (this.#addedWords.has(word) || api.ps_lookup_word(this.#decoder, word) === null),
    );
    const fresh = wanted.filter(([word]) => !this.#addedWords.has(word));
    if (fresh.length === 0) return;
    if (this.#addedWords.size + fresh.length > MAX_ADDED_WORDS) this.#addedWords.clear();
    // All of this vocabulary's words: after a reset, those added earlier must be added again.
    for (const [word, phones] of wanted) this.#addedWords.set(word, phones);
    // Loading a dictionary rebuilds every word search from the configuration alone: the boost
    // searches are dropped and built again when next used, and the plain search is rebuilt for the
    // next narrow-band piece. (The phone search keeps its settings through a reload.)
    this.#dropBoostSearches();
    this.#plainSearchNarrowBand = false;
    const added = [...this.#addedWords].map(([word, phones]) => `${word} ${phones.join(' ')}\n`).join('');
    const merged = Buffer.concat([this.#dictionary, Buffer.from(`\n${added}`)]);
    const loaded = withScratchFile('merged.dict', merged, (path) => api.ps_load_dict(this.#decoder, path, null, null));
    if (loaded < 0) throw new Error('PocketSphinx could not load the dictionary with the boosted words');
  }

  #dropBoostSearches(): void {
    this.#switchTo(this.#plainSearch);
    for (const name of this.#searches.values()) this.#api.ps_unset_search(this.#decoder, name);
    this.#searches.clear();
  }
}
