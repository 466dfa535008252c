import { HarkError } from '../domain/errors.js';
import { describeLanguages, recognises } from '../domain/languages.js';
import type { TranscriptOptions } from '../domain/options.js';
import type { ModelProfile } from '../engines/model-profile.js';
import type { ModelRouter } from '../engines/model-router.js';

/** A requested API model name (null: none), and for error messages the parameters that carry it and the language. */
export interface ModelRequest {
  name: string | null;
  param: string;
  /** Where the request gives its language: AssemblyAI's `language_code` unless named (OpenAI's `language`). */
  languageParam?: string;
}

/**
 * Checks at submit time that the model a request is routed to can run it: the model is installed,
 * recognises `language_code`, and identifies languages when `language_detection` is on. Refusing here,
 * with the surface's own 400, spares the client a job that could only fail.
 */
export function checkModel(router: ModelRouter, request: ModelRequest, options: TranscriptOptions): void {
  const error = refusal(router.profileFor(request.name), request, options);
  if (error !== null) throw error;
}

/**
 * AssemblyAI's `speech_models` priority list: the first listed model that can run the request runs
 * it, as the hosted API falls back to the next model for languages the first does not cover. Every
 * listed model must be installed, so that a misrouted name is refused rather than skipped silently.
 * No names: the default model, checked likewise. Returns the name to store on the job.
 */
export function chooseModel(router: ModelRouter, names: readonly string[], param: string, options: TranscriptOptions): string | null {
  if (names.length === 0) {
    checkModel(router, { name: null, param }, options);
    return null;
  }
  const refusals = names.map((name) => refusal(router.profileFor(name), { name, param }, options));
  const notInstalled = refusals.find((error) => error?.code === 'MODEL_NOT_INSTALLED');
  if (notInstalled !== undefined) throw notInstalled;
  const index = refusals.findIndex((error) => error === null);
  if (index === -1) throw refusals[0] as HarkError;
  return names[index] as string;
}

function refusal(profile: ModelProfile, request: ModelRequest, options: TranscriptOptions): HarkError | null {
  if (profile.unavailable !== null) {
    return new HarkError('MODEL_NOT_INSTALLED', `${who(request)} cannot run on this server: ${profile.unavailable}`, { param: request.param });
  }
  const runsOn = `${who(request)} runs on ${profile.reference}, which recognises ${describeLanguages(profile.languages)}`;
  const boosting = (['word_boost', 'keyterms_prompt'] as const).find((name) => (options[name] ?? []).length > 0);
  if (boosting !== undefined && !profile.boostsVocabulary) {
    return new HarkError('OPTION_UNSUPPORTED', `${boosting} needs a model that can favour words (the embedded PocketSphinx model); ${runsOn}`, {
      param: boosting,
    });
  }
  if (options.language_detection === true) {
    return profile.detectsLanguage
      ? null
      : new HarkError('OPTION_UNSUPPORTED', `language_detection needs a model that identifies languages (SenseVoice or multilingual Whisper); ${runsOn}`, {
          param: 'language_detection',
        });
  }
  if (options.language_code !== null && !recognises(profile.languages, options.language_code)) {
    const param = request.languageParam ?? 'language_code';
    return new HarkError('OPTION_UNSUPPORTED', `${param} '${options.language_code}' is not available: ${runsOn}`, { param });
  }
  return null;
}

function who(request: ModelRequest): string {
  return request.name === null ? 'a request that names no model' : `${request.param} '${request.name}'`;
}
