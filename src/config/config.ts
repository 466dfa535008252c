import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { API_MODEL_NAMES } from '../domain/models.js';
import { UPSTREAM_BASE_URL } from '../models/catalog.js';

/**
 * Hark's configuration: one table of settings, each read from one environment variable, with its
 * default and a line of documentation (the README's configuration table is checked against it by a
 * test). `loadConfig` has no side effects and returns a frozen object.
 */

export type StatusDialect = 'legacy' | 'current';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Keys from HARK_API_KEYS; empty means "use the key stored in the data dir". */
  apiKeys: string[];
  /** Base of URLs Hark hands out (upload URLs, pagination); derived from host and port when unset. */
  publicUrl: string;
  jobConcurrency: number;
  engineWorkers: number;
  maxUploadBytes: number;
  maxAudioSeconds: number;
  fetchTimeoutMs: number;
  fetchMaxRedirects: number;
  fetchAllowedCidrs: string[];
  jobLeaseMs: number;
  jobMaxAttempts: number;
  retryBaseMs: number;
  pollIntervalMs: number;
  webhookMaxAttempts: number;
  webhookRetryMs: number;
  webhookTimeoutMs: number;
  syncTimeoutMs: number;
  aimlapiStatusDialect: StatusDialect;
  logLevel: string;
  /** `pocketsphinx`, a catalog model name, or the absolute path of a hand-copied model folder. */
  model: string;
  /** API model name → the model it runs on (same forms as `model`); names not listed run on `model`. */
  modelMap: ReadonlyMap<string, string>;
  speechThreshold: number;
  /** The embedded engine adapts its features to each recording's speaker. */
  speakerAdaptation: boolean;
  /** The embedded engine leaves out words less likely than this to be what was said. */
  minWordConfidence: number;
  modelBaseUrl: string;
  /** Path of an extra model catalog (JSON); empty for none. */
  modelCatalog: string;
}

type Env = Record<string, string | undefined>;

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  doc: string;
  /** Human-readable default for the docs. */
  shownDefault: string;
  parse: (raw: string | undefined) => Config[K];
}

const cores = availableParallelism();

/**
 * Silero speech probability that makes audio worth decoding. At 0.25 the eval set's 19 no-speech
 * clips (music, tones, noise) showed 0.2 % "speech" while 90 % of read and noisy speech was kept; 0.5
 * dropped more quiet and telephone speech.
 */
const DEFAULT_SPEECH_THRESHOLD = 0.25;
const DEFAULT_MIN_WORD_CONFIDENCE = 0.1;

function integer(min: number, fallback: number) {
  return (raw: string | undefined): number => {
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`expected an integer ≥ ${min}, got '${raw}'`);
    }
    return value;
  };
}

/** A probability: a number in 0–1. */
function fraction(fallback: number) {
  return (raw: string | undefined): number => {
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new Error(`expected a number in 0–1, got '${raw}'`);
    return value;
  };
}

/** An on/off switch that is `byDefault` when unset. */
const flag =
  (byDefault: boolean) =>
  (raw: string | undefined): boolean => {
    const value = (raw ?? '').trim().toLowerCase();
    if (value === '') return byDefault;
    if (['0', 'false', 'off', 'no'].includes(value)) return false;
    if (['1', 'true', 'on', 'yes'].includes(value)) return true;
    throw new Error(`expected 1 or 0 (true/false, on/off), got '${raw}'`);
  };

function list(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `HARK_MODEL_MAP`: `name=model` pairs, comma-separated. Names must be API model names, so that a typo
 * stops the start instead of silently routing nothing; whether each model is installed is checked per
 * request, so a model pulled later needs no restart.
 */
function modelMap(raw: string | undefined): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const pair of list(raw)) {
    const match = /^([^=]+)=(.+)$/.exec(pair);
    if (match === null) throw new Error(`expected name=model pairs, got '${pair}'`);
    const name = (match[1] as string).trim();
    const model = (match[2] as string).trim();
    if (!API_MODEL_NAMES.includes(name)) throw new Error(`'${name}' is not an API model name; use one of: ${API_MODEL_NAMES.join(', ')}`);
    if (map.has(name)) throw new Error(`'${name}' is mapped twice`);
    map.set(name, model);
  }
  return map;
}

export const SETTINGS: readonly Setting<keyof Config>[] = [
  { key: 'port', env: 'PORT', shownDefault: '8080', doc: 'TCP port of the HTTP API (0 picks a free port).', parse: integer(0, 8080) },
  { key: 'host', env: 'HOST', shownDefault: '127.0.0.1', doc: 'Interface to listen on; `0.0.0.0` to serve the network.', parse: (raw) => raw || '127.0.0.1' },
  { key: 'dataDir', env: 'HARK_DATA_DIR', shownDefault: './data', doc: 'Where the job database, uploaded audio and the generated API key live.', parse: (raw) => resolve(raw || './data') },
  { key: 'apiKeys', env: 'HARK_API_KEYS', shownDefault: '(generated)', doc: 'Comma-separated API keys. When unset, a key is generated on first start, stored in `<data dir>/api-key` and printed once.', parse: list },
  { key: 'publicUrl', env: 'HARK_PUBLIC_URL', shownDefault: 'http://HOST:PORT', doc: 'Base URL clients reach Hark at, used in URLs Hark returns (behind a proxy, set it).', parse: (raw) => (raw ?? '').replace(/\/+$/, '') },
  { key: 'jobConcurrency', env: 'HARK_JOB_CONCURRENCY', shownDefault: 'number of cores', doc: 'Jobs processed at the same time.', parse: integer(1, cores) },
  { key: 'engineWorkers', env: 'HARK_ENGINE_WORKERS', shownDefault: 'number of cores', doc: 'Decoders per model in use (see Model routing): segments decoded at once, all in one recognizer process per model. Each decoder loads the model once (PocketSphinx ~90 MB a decoder plus ~150 MB for the process; an operator model about its file size a decoder).', parse: integer(1, cores) },
  { key: 'maxUploadBytes', env: 'HARK_MAX_UPLOAD_BYTES', shownDefault: '2200000000', doc: 'Largest accepted upload or fetched file, in bytes.', parse: integer(1, 2_200_000_000) },
  { key: 'maxAudioSeconds', env: 'HARK_MAX_AUDIO_SECONDS', shownDefault: '36000', doc: 'Longest accepted audio duration (10 h, as AssemblyAI).', parse: integer(1, 36_000) },
  { key: 'fetchTimeoutMs', env: 'HARK_FETCH_TIMEOUT_MS', shownDefault: '300000', doc: 'Time limit for downloading an `audio_url`/`url`, in ms.', parse: integer(1, 300_000) },
  { key: 'fetchMaxRedirects', env: 'HARK_FETCH_MAX_REDIRECTS', shownDefault: '5', doc: 'Redirects followed when fetching audio.', parse: integer(0, 5) },
  { key: 'fetchAllowedCidrs', env: 'HARK_FETCH_ALLOWED_CIDRS', shownDefault: '(none)', doc: 'Comma-separated CIDRs that audio URLs may resolve to even though they are loopback/private/link-local (e.g. `127.0.0.0/8,10.0.0.0/8`).', parse: list },
  { key: 'jobLeaseMs', env: 'HARK_JOB_LEASE_MS', shownDefault: '30000', doc: 'How long a worker owns a job without a heartbeat; after a crash the job is retried once the lease expires.', parse: integer(1000, 30_000) },
  { key: 'jobMaxAttempts', env: 'HARK_JOB_MAX_ATTEMPTS', shownDefault: '3', doc: 'Attempts per job before it fails for good (crashes and transient errors count).', parse: integer(1, 3) },
  { key: 'retryBaseMs', env: 'HARK_RETRY_BASE_MS', shownDefault: '5000', doc: 'First retry delay after a transient failure; doubles per attempt, with jitter.', parse: integer(0, 5_000) },
  { key: 'pollIntervalMs', env: 'HARK_POLL_INTERVAL_MS', shownDefault: '500', doc: 'How often an idle worker looks for due jobs (new jobs wake it at once).', parse: integer(10, 500) },
  { key: 'webhookMaxAttempts', env: 'HARK_WEBHOOK_MAX_ATTEMPTS', shownDefault: '10', doc: 'Delivery attempts per webhook (5xx, timeouts and network errors are retried; a 4xx is not).', parse: integer(1, 10) },
  { key: 'webhookRetryMs', env: 'HARK_WEBHOOK_RETRY_MS', shownDefault: '10000', doc: 'Delay between webhook delivery attempts, in ms.', parse: integer(0, 10_000) },
  { key: 'webhookTimeoutMs', env: 'HARK_WEBHOOK_TIMEOUT_MS', shownDefault: '10000', doc: 'Time a webhook receiver has to answer, in ms.', parse: integer(1, 10_000) },
  { key: 'syncTimeoutMs', env: 'HARK_SYNC_TIMEOUT_MS', shownDefault: '600000', doc: 'How long `POST /v1/audio/transcriptions` waits for its transcript before answering 504 (the job still completes).', parse: integer(1, 600_000) },
  {
    key: 'aimlapiStatusDialect',
    env: 'HARK_AIMLAPI_STATUS_DIALECT',
    shownDefault: 'legacy',
    doc: '`/v1/stt` status words: `legacy` = waiting/active/completed/error (the slam-1 docs page), `current` = queued/generating/completed/error.',
    parse: (raw) => {
      const value = raw || 'legacy';
      if (value !== 'legacy' && value !== 'current') throw new Error(`expected legacy or current, got '${value}'`);
      return value;
    },
  },
  { key: 'logLevel', env: 'HARK_LOG_LEVEL', shownDefault: 'info', doc: 'Log level: fatal, error, warn, info, debug, trace or silent.', parse: (raw) => raw || 'info' },
  { key: 'model', env: 'HARK_MODEL', shownDefault: 'pocketsphinx', doc: 'The speech model jobs run on unless `HARK_MODEL_MAP` routes their API model name elsewhere: `pocketsphinx` (embedded, English), a model installed with `hark models pull NAME`, or the absolute path of a folder of model files copied by hand (see Models).', parse: (raw) => raw?.trim() || 'pocketsphinx' },
  { key: 'modelMap', env: 'HARK_MODEL_MAP', shownDefault: '(none)', doc: `Routes API model names to other models, as comma-separated \`name=model\` pairs (e.g. \`nano=sense-voice-int8,whisper-1=whisper-base\`); models take the forms of \`HARK_MODEL\`. Names: ${API_MODEL_NAMES.map((name) => `\`${name}\``).join(', ')}. A request for a name routed to a model that is not installed is refused with 400 (see Model routing).`, parse: modelMap },
  { key: 'speechThreshold', env: 'HARK_SPEECH_THRESHOLD', shownDefault: String(DEFAULT_SPEECH_THRESHOLD), doc: 'Silero voice-activity probability a stretch of audio needs to be transcribed: music, noise and tones below it yield no words. `0` turns the detector off and decodes everything.', parse: fraction(DEFAULT_SPEECH_THRESHOLD) },
  { key: 'speakerAdaptation', env: 'HARK_SPEAKER_ADAPTATION', shownDefault: '1', doc: 'Speaker adaptation in the embedded engine: each recording\'s features are moved towards the model by a transform learnt from its own words, found by an extra pass that recognises the phones of its first piece (of its first pieces, one per decoder) and refined on the words of every piece; a narrow-band (telephone) recording\'s first piece is decoded a second time with the transform refined on its words. `0` turns it off: more words wrong (see Performance), and files of a piece or two (under about a minute) take less CPU time (CPU-RTF 0.49 against 0.37 on read speech, 0.42 against 0.30 on spontaneous speech and 1.03 against 0.44 on telephone speech, in `npm run bench` at 627fa4b on a 2.1 GHz Xeon); long files take about the same.', parse: flag(true) },
  { key: 'minWordConfidence', env: 'HARK_MIN_WORD_CONFIDENCE', shownDefault: String(DEFAULT_MIN_WORD_CONFIDENCE), doc: 'The embedded engine leaves out words whose confidence (the word\'s posterior probability in the decoder\'s lattice) is below this. Most such words are wrong, and many were never said: dropping them took WER from 0.358 to 0.344 on read speech, 0.830 to 0.744 on noisy speech and 0.553 to 0.537 on telephone speech (`npm run bench` at 0c7867d against 627fa4b; see Performance). `0` keeps every word.', parse: fraction(DEFAULT_MIN_WORD_CONFIDENCE) },
  { key: 'modelBaseUrl', env: 'HARK_MODEL_BASE_URL', shownDefault: '(sherpa-onnx releases)', doc: 'Where `hark models pull` downloads model archives from, e.g. a mirror; archive names are appended.', parse: (raw) => raw?.trim() || UPSTREAM_BASE_URL },
  { key: 'modelCatalog', env: 'HARK_MODEL_CATALOG', shownDefault: '(none)', doc: 'A JSON file of extra models for `hark models` and `HARK_MODEL`, with the fields of the built-in catalog (name, family, languages, sizeMb, archive, sha256, folder, files).', parse: (raw) => (raw?.trim() ? resolve(raw.trim()) : '') },
];

/** Reads every setting from `env`; throws one error listing every invalid variable. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const config = {} as Record<keyof Config, unknown>;
  const problems: string[] = [];
  for (const setting of SETTINGS) {
    try {
      config[setting.key] = setting.parse(env[setting.env]);
    } catch (error) {
      problems.push(`${setting.env}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  const result = config as Config;
  return Object.freeze(result);
}

/** The public base URL once the listening port is known (PORT=0 picks one at start). */
export function publicUrlFor(config: Config, port: number): string {
  if (config.publicUrl !== '') return config.publicUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
