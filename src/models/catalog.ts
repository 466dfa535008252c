import { readFileSync } from 'node:fs';

/**
 * The models Hark knows how to fetch and run on the sherpa-onnx engine. Archives are the upstream
 * sherpa-onnx release assets; names, sizes and SHA-256 sums are those of the published files (they
 * are verified after every download, so a changed upstream file is refused rather than run).
 */

export type ModelFamily = 'transducer' | 'nemo-ctc' | 'whisper' | 'moonshine' | 'sense-voice';

/** The files of a model, by the role sherpa-onnx gives them (file names inside the model folder). */
export type ModelFiles = Readonly<Record<string, string>>;

export interface CatalogEntry {
  name: string;
  family: ModelFamily;
  /** Language codes it recognises; Whisper's multilingual models list `multilingual`. */
  languages: readonly string[];
  /** Download size, for the listing. */
  sizeMb: number;
  /** File name of the release archive (`.tar.bz2`), fetched from the upstream or mirror base URL. */
  archive: string;
  sha256: string;
  /** The folder the archive unpacks to. */
  folder: string;
  files: ModelFiles;
  /** sherpa-onnx's `modelType` hint, where the family needs one (NeMo transducers). */
  modelType?: string;
  /** Published word error rate, quoted in the listing (not measured by Hark). */
  publishedWer?: string;
}

/** Where sherpa-onnx publishes its recognition models; `HARK_MODEL_BASE_URL` replaces it. */
export const UPSTREAM_BASE_URL = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models';

export const BUILT_IN_CATALOG: readonly CatalogEntry[] = [
  {
    name: 'parakeet-tdt-0.6b-v2-int8',
    family: 'transducer',
    languages: ['en'],
    sizeMb: 482,
    archive: 'sherpa-onnx-nemo-parakeet-tdt-0.6b-v2-int8.tar.bz2',
    sha256: '157c157bc51155e03e37d2466522a3a737dd9c72bb25f36eb18912964161e1ad',
    folder: 'sherpa-onnx-nemo-parakeet-tdt-0.6b-v2-int8',
    files: { encoder: 'encoder.int8.onnx', decoder: 'decoder.int8.onnx', joiner: 'joiner.int8.onnx', tokens: 'tokens.txt' },
    modelType: 'nemo_transducer',
    publishedWer: 'LibriSpeech test-clean 1.69 %, test-other 3.19 % (Open ASR Leaderboard)',
  },
  {
    name: 'parakeet-tdt-ctc-110m-int8',
    family: 'nemo-ctc',
    languages: ['en'],
    sizeMb: 104,
    archive: 'sherpa-onnx-nemo-parakeet_tdt_ctc_110m-en-36000-int8.tar.bz2',
    sha256: '17f945007b52ccd8b7200ffc7c5652e9e8e961dfdf479cefcabd06cf5703630b',
    folder: 'sherpa-onnx-nemo-parakeet_tdt_ctc_110m-en-36000-int8',
    files: { model: 'model.int8.onnx', tokens: 'tokens.txt' },
    publishedWer: 'LibriSpeech test-clean 2.40 %, test-other 5.22 % (Open ASR Leaderboard)',
  },
  {
    name: 'whisper-base',
    family: 'whisper',
    languages: ['multilingual'],
    sizeMb: 208,
    archive: 'sherpa-onnx-whisper-base.tar.bz2',
    sha256: '911b2083efd7c0dca2ac3b358b75222660dc09fb716d64fbfc417ba6c99ff3de',
    folder: 'sherpa-onnx-whisper-base',
    files: { encoder: 'base-encoder.int8.onnx', decoder: 'base-decoder.int8.onnx', tokens: 'base-tokens.txt' },
    publishedWer: 'LibriSpeech test-clean 4.3 %, test-other 10.4 % (Picovoice benchmark)',
  },
  {
    name: 'whisper-tiny',
    family: 'whisper',
    languages: ['multilingual'],
    sizeMb: 116,
    archive: 'sherpa-onnx-whisper-tiny.tar.bz2',
    sha256: 'c46116994e539aa165266d96b325252728429c12535eb9d8b6a2b10f129e66b1',
    folder: 'sherpa-onnx-whisper-tiny',
    files: { encoder: 'tiny-encoder.int8.onnx', decoder: 'tiny-decoder.int8.onnx', tokens: 'tiny-tokens.txt' },
    publishedWer: 'LibriSpeech test-clean 5.9 %, test-other 13.8 % (Picovoice benchmark)',
  },
  {
    name: 'moonshine-tiny-en-int8',
    family: 'moonshine',
    languages: ['en'],
    sizeMb: 108,
    archive: 'sherpa-onnx-moonshine-tiny-en-int8.tar.bz2',
    sha256: 'd5fe6ec4334fef36255b2a4010412cad4c007e33103fec62fb5d17cad88086f2',
    folder: 'sherpa-onnx-moonshine-tiny-en-int8',
    files: {
      preprocessor: 'preprocess.onnx',
      encoder: 'encode.int8.onnx',
      uncachedDecoder: 'uncached_decode.int8.onnx',
      cachedDecoder: 'cached_decode.int8.onnx',
      tokens: 'tokens.txt',
    },
    publishedWer: 'LibriSpeech test-clean 4.55 %, test-other 11.68 % (Open ASR Leaderboard)',
  },
  {
    name: 'sense-voice-int8',
    family: 'sense-voice',
    languages: ['zh', 'en', 'ja', 'ko', 'yue'],
    sizeMb: 163,
    archive: 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17.tar.bz2',
    sha256: '7d1efa2138a65b0b488df37f8b89e3d91a60676e416f515b952358d83dfd347e',
    folder: 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-int8-2024-07-17',
    files: { model: 'model.int8.onnx', tokens: 'tokens.txt' },
  },
];

const FAMILIES: readonly ModelFamily[] = ['transducer', 'nemo-ctc', 'whisper', 'moonshine', 'sense-voice'];

/** The built-in catalog, with the entries of an operator's catalog file added (same name replaces). */
export function loadCatalog(extraFile: string): CatalogEntry[] {
  const byName = new Map(BUILT_IN_CATALOG.map((entry) => [entry.name, entry]));
  if (extraFile !== '') {
    for (const entry of parseCatalogFile(extraFile)) byName.set(entry.name, entry);
  }
  return [...byName.values()];
}

function parseCatalogFile(path: string): CatalogEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the model catalog ${path}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`the model catalog ${path} must be a JSON array of models`);
  return parsed.map((item: unknown, index) => checkEntry(item, `${path}[${index}]`));
}

function checkEntry(item: unknown, where: string): CatalogEntry {
  const entry = item as Partial<CatalogEntry> | null;
  const problem = (what: string): Error => new Error(`${where}: ${what}`);
  if (typeof entry !== 'object' || entry === null) throw problem('must be an object');
  for (const key of ['name', 'archive', 'folder'] as const) {
    if (typeof entry[key] !== 'string' || entry[key] === '') throw problem(`${key} must be a non-empty string`);
  }
  if (!FAMILIES.includes(entry.family as ModelFamily)) throw problem(`family must be one of ${FAMILIES.join(', ')}`);
  if (typeof entry.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(entry.sha256)) throw problem('sha256 must be 64 hex digits');
  if (!Array.isArray(entry.languages) || !entry.languages.every((code) => typeof code === 'string')) {
    throw problem('languages must be an array of language codes');
  }
  const files = entry.files as Record<string, unknown> | undefined;
  if (typeof files !== 'object' || files === null || !Object.values(files).every((file) => typeof file === 'string')) {
    throw problem('files must map roles to file names');
  }
  return { ...entry, sizeMb: typeof entry.sizeMb === 'number' ? entry.sizeMb : 0 } as CatalogEntry;
}

export function findEntry(catalog: readonly CatalogEntry[], name: string): CatalogEntry {
  const entry = catalog.find((candidate) => candidate.name === name);
  if (entry === undefined) {
    throw new Error(`unknown model '${name}'; known models: ${catalog.map((known) => known.name).join(', ')}`);
  }
  return entry;
}
