import type { FastifyInstance } from 'fastify';
import { HarkError } from '../../domain/errors.js';
import { OPENAI_MODELS } from '../../domain/models.js';
import { parseTranscriptOptions, type TranscriptOptions } from '../../domain/options.js';
import type { JobStore } from '../../store/job-store.js';
import { requireApiKey, type ApiKeyAuth } from '../auth.js';
import { submitJob, type JobSubmissionDeps } from '../job-submission.js';
import { waitForJob } from '../job-waiter.js';
import { checkModel } from '../model-choice.js';
import { readUploadForm } from '../multipart-form.js';
import type { UploadStore } from '../uploads.js';
import { sendOpenAiError } from './openai-errors.js';
import { formatTranscription, RESPONSE_FORMATS, type Granularity, type ResponseFormat } from './openai-formats.js';

export interface OpenAiRoutesDeps extends JobSubmissionDeps {
  store: JobStore;
  auth: ApiKeyAuth;
  uploads: UploadStore;
  maxUploadBytes: number;
  syncTimeoutMs: number;
  publicUrl: () => string;
}

/** OpenAI's gpt-4o transcription models answer in `json` only. */
const JSON_ONLY_MODELS = new Set(OPENAI_MODELS.filter((model) => model.startsWith('gpt-')));

const invalid = (param: string, message: string): HarkError => new HarkError('VALIDATION_FAILED', message, { param });

/** OpenAI's synchronous `POST /audio/transcriptions` and the model list, mounted at `/v1`. */
export async function openAiRoutes(app: FastifyInstance, deps: OpenAiRoutesDeps): Promise<void> {
  app.setErrorHandler((error, request, reply) => sendOpenAiError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendOpenAiError(request, reply, new HarkError('ROUTE_NOT_FOUND', `Invalid URL (${request.method} ${request.url})`)),
  );
  app.addHook('onRequest', requireApiKey(deps.auth));

  const modelView = (id: string) => ({ id, object: 'model', created: 0, owned_by: 'hark' });
  app.get('/models', async () => ({ object: 'list', data: OPENAI_MODELS.map(modelView) }));
  app.get<{ Params: { model: string } }>('/models/:model', async (request) => {
    if (!OPENAI_MODELS.includes(request.params.model)) throw unknownModel(request.params.model);
    return modelView(request.params.model);
  });

  app.post('/audio/transcriptions', async (request, reply) => {
    if (!request.isMultipart()) throw invalid('file', 'Send the audio as multipart/form-data with a file field.');
    const { fields, upload } = await readUploadForm(request, deps.uploads, deps.maxUploadBytes, ['file']);
    /** Whether a running job may still need the file. */
    let jobPending = false;
    try {
      const field = (name: string): string | undefined => fields[name]?.[0];
      const model = field('model');
      if (!model) throw invalid('model', 'you must provide a model parameter');
      if (!OPENAI_MODELS.includes(model)) throw unknownModel(model);
      if (upload === null) throw invalid('file', 'you must provide a file parameter');

      const format = (field('response_format') ?? 'json') as ResponseFormat;
      if (!RESPONSE_FORMATS.includes(format)) {
        throw invalid('response_format', `response_format must be one of: ${RESPONSE_FORMATS.join(', ')}`);
      }
      if (JSON_ONLY_MODELS.has(model) && format !== 'json') {
        throw invalid('response_format', `response_format '${format}' is not compatible with model '${model}'. Use 'json'.`);
      }
      const granularities = [...(fields['timestamp_granularities[]'] ?? []), ...(fields.timestamp_granularities ?? [])];
      if (granularities.some((g) => g !== 'word' && g !== 'segment')) {
        throw invalid('timestamp_granularities', 'timestamp_granularities must contain only word or segment');
      }
      if (granularities.length > 0 && format !== 'verbose_json') {
        throw invalid('timestamp_granularities', 'timestamp_granularities requires response_format verbose_json');
      }
      const temperature = field('temperature');
      if (temperature !== undefined && !(Number(temperature) >= 0 && Number(temperature) <= 1)) {
        throw invalid('temperature', 'temperature must be a number between 0 and 1');
      }
      if (field('stream') === 'true' && model !== 'whisper-1') throw invalid('stream', 'stream is not supported by this server');
      const options = transcriptionOptions(deps, model, field('language'));

      // `prompt` and `temperature` steer Whisper's sampling; Hark's engines decode deterministically
      // without a text prompt, so they are validated and have no effect.
      const job = await submitJob(deps, request.owner, { kind: 'file', path: upload.path }, deps.uploads.urlOf(deps.publicUrl(), upload.id), model, options);
      jobPending = true;
      const abandoned = new AbortController();
      request.raw.once('close', () => {
        if (!reply.sent) abandoned.abort();
      });
      const done = await waitForJob(deps.store, job.id, request.owner, deps.syncTimeoutMs, abandoned.signal);
      jobPending = false;
      if (done.status === 'error' || done.result === null) {
        throw new HarkError(done.failure?.code ?? 'INTERNAL', done.failure?.message ?? 'Transcription failed.');
      }
      // The language detected, or the one asked for.
      const language = done.result.languageCode ?? done.options.language_code ?? 'en';
      const formatted = formatTranscription(done.result, language, format, granularities.length > 0 ? (granularities as Granularity[]) : ['segment']);
      return reply.type(formatted.contentType).send(formatted.body);
    } finally {
      // Synchronous callers never come back for the file: keep the transcript, drop the audio — unless
      // the job is still running (timeout, client gone), in which case the file stays with its transcript.
      if (upload && !jobPending) await deps.uploads.removeFile(upload.path);
    }
  });
}

/**
 * The job's options: `language` when given (the model must recognise it), else language detection on a
 * model that identifies languages, as Whisper does when OpenAI is given no language, else English.
 */
function transcriptionOptions(deps: OpenAiRoutesDeps, model: string, language: string | undefined): TranscriptOptions {
  const profile = deps.router.profileFor(model);
  const given = language !== undefined && language !== '';
  const request = given ? { language_code: language } : profile.detectsLanguage ? { language_detection: true } : { language_code: 'en' };
  const options = parseTranscriptOptions(request, { coerceStrings: false });
  checkModel(deps.router, { name: model, param: 'model', languageParam: 'language' }, options);
  return options;
}

function unknownModel(model: string): HarkError {
  return new HarkError('MODEL_UNKNOWN', `The model \`${model}\` does not exist or you do not have access to it.`, { param: 'model' });
}
