import { HarkError } from './errors.js';
import { checkKeyterms, checkWordBoost } from './vocabulary-boost.js';

/**
 * The transcription options both AssemblyAI-shaped surfaces accept (AI/ML API `POST /v1/stt/create`
 * and `POST /v2/transcript`), with their types, their echoed default and whether Hark can honour
 * them. A feature Hark does not implement yet is accepted only in its "off" state; turning it on is
 * a 400 naming the option, never a silent no-op. Settings that only tune a feature (e.g.
 * `summary_type`) are accepted whenever their feature is off, exactly as AssemblyAI ignores them
 * then; when the feature is on they get AssemblyAI's default, so the transcript echoes what ran.
 */

export interface CustomSpelling {
  from: string[];
  to: string;
}

type OptionType =
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'string' }
  | { kind: 'url' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string[]'; values?: readonly string[] }
  /** `fields`: the members Hark reads, each checked when present; other members pass unchecked. */
  | { kind: 'object'; fields?: Readonly<Record<string, OptionType>> }
  | { kind: 'custom_spelling' };

interface OptionSpec {
  type: OptionType;
  /** Value echoed in the transcript when the request leaves the option out. */
  echo: unknown;
  /** Returns why the value cannot be honoured, or null when it can. Absent: any valid value is fine. */
  unsupported?: (value: never) => string | null;
  /** Checks a well-typed value further; returns the whole error message, or null when it is valid. */
  check?: (value: never) => string | null;
}

export const PII_POLICIES = [
  'account_number', 'banking_information', 'blood_type', 'credit_card_cvv', 'credit_card_expiration',
  'credit_card_number', 'date', 'date_interval', 'date_of_birth', 'drivers_license', 'drug', 'duration',
  'email_address', 'event', 'filename', 'gender_sexuality', 'healthcare_number', 'injury', 'ip_address',
  'language', 'location', 'marital_status', 'medical_condition', 'medical_process', 'money_amount',
  'nationality', 'number_sequence', 'occupation', 'organization', 'passport_number', 'password',
  'person_age', 'person_name', 'phone_number', 'physical_attribute', 'political_affiliation', 'religion',
  'statistics', 'time', 'url', 'us_social_security_number', 'username', 'vehicle_id', 'zodiac_sign',
] as const;

const SUMMARY_MODELS = ['informative', 'conversational', 'catchy'] as const;
const SUMMARY_TYPES = ['bullets', 'bullets_verbose', 'gist', 'headline', 'paragraph'] as const;
/** Which summary types each summary model writes (AssemblyAI's summarization docs). */
const TYPES_OF_MODEL: Record<(typeof SUMMARY_MODELS)[number], readonly (typeof SUMMARY_TYPES)[number][]> = {
  informative: ['bullets', 'bullets_verbose', 'headline', 'paragraph'],
  conversational: ['bullets', 'bullets_verbose', 'headline', 'paragraph'],
  catchy: ['headline', 'gist'],
};

/** A feature Hark cannot run yet: only its off state (false, null, empty) is accepted. */
const notYet = (value: unknown): string | null =>
  value === false || value === null || (Array.isArray(value) && value.length === 0)
    ? null
    : 'is not supported by this server yet';

const bool = { kind: 'boolean' } as const;
const str = { kind: 'string' } as const;
const strList = { kind: 'string[]' } as const;
const obj = { kind: 'object' } as const;
const speakerCount = { kind: 'integer', min: 1 } as const;

export const OPTION_SPECS = {
  // Whether the model a request is routed to speaks the language, or can detect it, is checked by http/model-choice.ts.
  language_code: { type: str, echo: 'en_us' },
  language_detection: { type: bool, echo: false },
  language_confidence_threshold: { type: { kind: 'number', min: 0, max: 1 }, echo: null },
  language_detection_options: { type: obj, echo: null },
  punctuate: { type: bool, echo: true },
  format_text: { type: bool, echo: true },
  disfluencies: { type: bool, echo: false },
  multichannel: { type: bool, echo: null },
  dual_channel: { type: bool, echo: null },
  speaker_labels: { type: bool, echo: false },
  speakers_expected: { type: { kind: 'integer', min: 1, max: 10 }, echo: null },
  speaker_options: {
    type: { kind: 'object', fields: { min_speakers_expected: speakerCount, max_speakers_expected: speakerCount } },
    echo: null,
  },
  audio_start_from: { type: { kind: 'integer', min: 0 }, echo: null },
  audio_end_at: { type: { kind: 'integer', min: 0 }, echo: null },
  keyterms_prompt: { type: strList, echo: [], check: checkKeyterms },
  prompt: { type: str, echo: null, unsupported: notYet },
  word_boost: { type: strList, echo: [], check: checkWordBoost },
  boost_param: { type: { kind: 'enum', values: ['low', 'default', 'high'] }, echo: null },
  custom_spelling: { type: { kind: 'custom_spelling' }, echo: null },
  filter_profanity: { type: bool, echo: false },
  redact_pii: { type: bool, echo: false },
  redact_pii_policies: { type: { kind: 'string[]', values: PII_POLICIES }, echo: null },
  redact_pii_sub: { type: { kind: 'enum', values: ['entity_name', 'hash'] }, echo: null },
  redact_pii_audio: { type: bool, echo: false },
  redact_pii_audio_quality: { type: { kind: 'enum', values: ['mp3', 'wav'] }, echo: null },
  redact_pii_audio_options: {
    type: {
      kind: 'object',
      fields: { return_redacted_no_speech_audio: bool, override_audio_redaction_method: { kind: 'enum', values: ['silence'] } },
    },
    echo: null,
  },
  redact_pii_return_unredacted: { type: bool, echo: false, unsupported: notYet },
  content_safety: { type: bool, echo: false },
  content_safety_confidence: { type: { kind: 'integer', min: 25, max: 100 }, echo: null },
  iab_categories: { type: bool, echo: false },
  auto_highlights: { type: bool, echo: false },
  entity_detection: { type: bool, echo: false },
  sentiment_analysis: { type: bool, echo: false },
  auto_chapters: { type: bool, echo: false },
  summarization: { type: bool, echo: false },
  summary_model: { type: { kind: 'enum', values: SUMMARY_MODELS }, echo: null },
  summary_type: { type: { kind: 'enum', values: SUMMARY_TYPES }, echo: null },
  custom_topics: { type: bool, echo: false, unsupported: notYet },
  topics: { type: strList, echo: [], unsupported: notYet },
  speech_threshold: { type: { kind: 'number', min: 0, max: 1 }, echo: null, unsupported: notYet },
  speed_boost: { type: bool, echo: false, unsupported: notYet },
  webhook_url: { type: { kind: 'url' }, echo: null },
  webhook_auth_header_name: { type: str, echo: null },
  webhook_auth_header_value: { type: str, echo: null },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;

type ValueOf<T extends OptionType> = T extends { kind: 'boolean' }
  ? boolean
  : T extends { kind: 'integer' | 'number' }
    ? number
    : T extends { kind: 'string' | 'url' | 'enum' }
      ? string
      : T extends { kind: 'string[]' }
        ? string[]
        : T extends { kind: 'custom_spelling' }
          ? CustomSpelling[]
          : Record<string, unknown>;

/** Validated options, every one present: the request's value or the echoed default. */
export type TranscriptOptions = {
  -readonly [K in OptionName]: ValueOf<(typeof OPTION_SPECS)[K]['type']> | null;
};

export interface ParseOptionsSettings {
  /** Multipart forms carry every value as a string: accept "true", "42", '["a"]' for typed options. */
  coerceStrings: boolean;
}

/**
 * Validates the known options in `input` (unknown keys are ignored, as the hosted API does) and
 * returns the full option set. Throws VALIDATION_FAILED for a wrong type, range or combination and
 * OPTION_UNSUPPORTED for a feature Hark cannot honour.
 */
export function parseTranscriptOptions(
  input: Record<string, unknown>,
  settings: ParseOptionsSettings,
): TranscriptOptions {
  const options = {} as Record<OptionName, unknown>;
  for (const name of Object.keys(OPTION_SPECS) as OptionName[]) {
    const spec: OptionSpec = OPTION_SPECS[name];
    const raw = input[name];
    if (raw === undefined || raw === null) {
      options[name] = spec.echo;
      continue;
    }
    const value = checkType(name, spec.type, settings.coerceStrings ? coerce(spec.type, raw) : raw);
    const problem = spec.check?.(value as never) ?? null;
    if (problem !== null) throw new HarkError('VALIDATION_FAILED', problem, { param: name });
    const reason = spec.unsupported?.(value as never) ?? null;
    if (reason !== null) {
      throw new HarkError('OPTION_UNSUPPORTED', `${name} ${reason}`, { param: name });
    }
    options[name] = value;
  }
  const parsed = options as TranscriptOptions;
  for (const rule of COMBINATION_RULES) {
    const broken = rule(parsed);
    if (broken !== null) throw new HarkError('VALIDATION_FAILED', broken[1], { param: broken[0] });
  }
  for (const [feature, setting, value] of FEATURE_DEFAULTS) {
    if (parsed[feature] === true && parsed[setting] === null) options[setting] = value;
  }
  return parsed;
}

/** Rules between options (AssemblyAI's, nlp-notes §1.1): each names the parameter at fault and why, or returns null. */
const COMBINATION_RULES: readonly ((o: TranscriptOptions) => [OptionName, string] | null)[] = [
  (o) => o.audio_start_from !== null && o.audio_end_at !== null && o.audio_end_at <= o.audio_start_from
    ? ['audio_end_at', 'audio_end_at must be greater than audio_start_from'] : null,
  (o) => o.redact_pii === true && (o.redact_pii_policies ?? []).length === 0
    ? ['redact_pii_policies', 'redact_pii_policies must list at least one policy when redact_pii is true'] : null,
  (o) => o.redact_pii_audio === true && o.redact_pii !== true
    ? ['redact_pii_audio', 'redact_pii_audio requires redact_pii to be true'] : null,
  (o) => o.summarization === true && o.auto_chapters === true
    ? ['summarization', 'summarization cannot be combined with auto_chapters'] : null,
  (o) => o.summarization === true && (o.punctuate === false || o.format_text === false)
    ? ['summarization', 'summarization requires punctuate and format_text to be true'] : null,
  (o) => o.summarization === true && (o.summary_model === null) !== (o.summary_type === null)
    ? [o.summary_model === null ? 'summary_model' : 'summary_type', 'summary_model and summary_type must be given together'] : null,
  (o) => {
    const model = o.summary_model as keyof typeof TYPES_OF_MODEL | null;
    const type = o.summary_type as (typeof SUMMARY_TYPES)[number] | null;
    if (o.summarization !== true || model === null || type === null || TYPES_OF_MODEL[model].includes(type)) return null;
    return ['summary_type', `summary_type ${type} is not available with summary_model ${model}; use one of: ${TYPES_OF_MODEL[model].join(', ')}`];
  },
  (o) => o.speakers_expected !== null && o.speaker_options !== null
    ? ['speaker_options', 'Both speaker_options and speakers_expected can not be used in the same request.'] : null,
  (o) => {
    const { min, max } = speakerRange(o);
    return min !== undefined && max !== undefined && min > max
      ? ['speaker_options', 'speaker_options.min_speakers_expected must not exceed max_speakers_expected'] : null;
  },
  (o) => o.summarization === true && o.summary_model === 'conversational' && o.speaker_labels !== true && !perChannel(o)
    ? ['summary_model', 'summary_model conversational requires speaker_labels or multichannel'] : null,
];

/** `speaker_options` as numbers (checkType has made them integers when present). */
export function speakerRange(o: Pick<TranscriptOptions, 'speaker_options'>): { min?: number; max?: number } {
  const range = o.speaker_options as { min_speakers_expected?: number | null; max_speakers_expected?: number | null } | null;
  return { min: range?.min_speakers_expected ?? undefined, max: range?.max_speakers_expected ?? undefined };
}

/** Each channel transcribed on its own: `multichannel`, or its deprecated name `dual_channel`. */
export const perChannel = (o: Pick<TranscriptOptions, 'multichannel' | 'dual_channel'>): boolean =>
  o.multichannel === true || o.dual_channel === true;

/** A feature's settings with AssemblyAI's defaults, filled in when the feature is on and the request left them out. */
const FEATURE_DEFAULTS: readonly [feature: OptionName, setting: OptionName, value: unknown][] = [
  ['summarization', 'summary_model', 'informative'],
  ['summarization', 'summary_type', 'bullets'],
  ['redact_pii', 'redact_pii_sub', 'hash'],
  ['redact_pii_audio', 'redact_pii_audio_quality', 'mp3'],
];

function coerce(type: OptionType, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const text = raw.trim();
  switch (type.kind) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : raw;
    case 'integer':
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    case 'string[]':
      return text.startsWith('[') ? parseJsonOr(text, raw) : text.split(',').map((part) => part.trim());
    case 'object':
    case 'custom_spelling':
      return parseJsonOr(text, raw);
    default:
      return raw;
  }
}

function parseJsonOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

function invalid(name: string, message: string): HarkError {
  return new HarkError('VALIDATION_FAILED', `${name} ${message}`, { param: name });
}

function checkType(name: string, type: OptionType, value: unknown): unknown {
  switch (type.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(name, 'must be a Boolean');
      return value;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw invalid(name, `must be ${type.kind === 'integer' ? 'an Integer' : 'a Number'}`);
      }
      if (type.kind === 'integer' && !Number.isInteger(value)) throw invalid(name, 'must be an Integer');
      if ((type.min !== undefined && value < type.min) || (type.max !== undefined && value > type.max)) {
        throw invalid(name, `must be between ${type.min ?? '-∞'} and ${type.max ?? '∞'}`);
      }
      return value;
    }
    case 'string':
      if (typeof value !== 'string') throw invalid(name, 'must be a String');
      return value;
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/i.test(value) || !URL.canParse(value)) {
        throw invalid(name, 'must be an http or https URL');
      }
      return value;
    case 'enum':
      if (typeof value !== 'string' || !type.values.includes(value)) {
        throw invalid(name, `must be one of: ${type.values.join(', ')}`);
      }
      return value;
    case 'string[]': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
        throw invalid(name, 'must be an Array of Strings');
      }
      const unknown = type.values ? value.filter((item) => !type.values?.includes(item)) : [];
      if (unknown.length > 0) throw invalid(name, `contains unknown values: ${unknown.join(', ')}`);
      return value;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw invalid(name, 'must be an Object');
      }
      const members = value as Record<string, unknown>;
      for (const [field, fieldType] of Object.entries(type.fields ?? {})) {
        if (members[field] !== undefined && members[field] !== null) checkType(`${name}.${field}`, fieldType, members[field]);
      }
      return value;
    }
    case 'custom_spelling':
      return checkCustomSpelling(name, value);
  }
}

/**
 * AssemblyAI takes `from` as a list; the AI/ML API schema documents a single string. Accept both.
 * Each `from` is a word or phrase; `to` must be one word (AssemblyAI's rule, api-spec §2.3).
 */
function checkCustomSpelling(name: string, value: unknown): CustomSpelling[] {
  const shapeError = invalid(name, 'must be an Array of {from: String[], to: String}');
  if (!Array.isArray(value)) throw shapeError;
  return value.map((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) throw shapeError;
    const { from, to } = entry as { from?: unknown; to?: unknown };
    const fromList = typeof from === 'string' ? [from] : from;
    if (typeof to !== 'string' || !Array.isArray(fromList) || !fromList.every((f) => typeof f === 'string')) {
      throw shapeError;
    }
    if (fromList.length === 0 || fromList.some((f: string) => f.trim() === '')) {
      throw invalid(name, "'from' must list at least one non-empty word or phrase");
    }
    if (!/^\S+$/.test(to)) throw invalid(name, `'to' must be a single word, got '${to}'`);
    return { from: fromList as string[], to };
  });
}
