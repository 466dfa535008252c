import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StatusDialect } from '../../config/config.js';
import { HarkError } from '../../domain/errors.js';
import { isTerminal, type Job, type JobStatus } from '../../domain/job.js';
import { AIMLAPI_MODELS } from '../../domain/models.js';
import { parseTranscriptOptions } from '../../domain/options.js';
import type { EngineLabels } from '../../engines/engine.js';
import type { JobStore } from '../../store/job-store.js';
import { requireApiKey, type ApiKeyAuth } from '../auth.js';
import { sourceForUrl, submitJob, type JobSubmissionDeps } from '../job-submission.js';
import { checkModel } from '../model-choice.js';
import { readUploadForm } from '../multipart-form.js';
import { assemblyAiTranscript } from '../transcript-view.js';
import type { Upload } from '../../store/job-store.js';
import type { UploadStore } from '../uploads.js';
import { sendAimlapiError } from './aimlapi-envelope.js';


const STATUS_WORDS: Record<StatusDialect, Record<JobStatus, string>> = {
  legacy: { queued: 'waiting', processing: 'active', completed: 'completed', error: 'error' },
  current: { queued: 'queued', processing: 'generating', completed: 'completed', error: 'error' },
};

export interface AimlapiRoutesDeps extends JobSubmissionDeps {
  store: JobStore;
  auth: ApiKeyAuth;
  uploads: UploadStore;
  statusDialect: StatusDialect;
  maxUploadBytes: number;
  publicUrl: () => string;
}

/** The AI/ML API speech-to-text surface, mounted at `/v1/stt`: `POST /create` and `GET /{generation_id}`. */
export async function aimlapiRoutes(app: FastifyInstance, deps: AimlapiRoutesDeps): Promise<void> {
  app.setErrorHandler((error, request, reply) => sendAimlapiError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendAimlapiError(request, reply, new HarkError('ROUTE_NOT_FOUND', `Cannot ${request.method} ${request.url}`)),
  );
  app.addHook('onRequest', requireApiKey(deps.auth));

  app.post('/create', async (request, reply) => {
    const { body, upload } = request.isMultipart()
      ? await readMultipart(request, deps.uploads, deps.maxUploadBytes)
      : { body: jsonBody(request.body), upload: null };
    try {
      const job = await createJob(deps, request.owner, body, upload, request.isMultipart());
      return reply.status(200).send({
        generation_id: job.id,
        status: STATUS_WORDS[deps.statusDialect][job.status],
      });
    } catch (error) {
      if (upload) await deps.uploads.removeFile(upload.path);
      throw error;
    }
  });

  app.get<{ Params: { generation_id: string } }>('/:generation_id', async (request) => {
    const job = await deps.store.get(request.params.generation_id, request.owner);
    if (job === null) throw new HarkError('JOB_NOT_FOUND', 'Generation not found');
    return generationView(job, deps.router.labelsFor(job.model), deps.statusDialect);
  });
}

function jsonBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HarkError('VALIDATION_FAILED', 'the request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

async function createJob(
  deps: AimlapiRoutesDeps,
  owner: string,
  body: Record<string, unknown>,
  upload: Upload | null,
  fromMultipart: boolean,
): Promise<Job> {
  const model = body.model;
  if (model === undefined || model === null || model === '') {
    throw new HarkError('VALIDATION_FAILED', 'model: Required', { param: 'model' });
  }
  if (typeof model !== 'string' || !AIMLAPI_MODELS.includes(model)) {
    throw new HarkError(
      'MODEL_UNKNOWN',
      `model: Invalid enum value. Expected ${AIMLAPI_MODELS.map((m) => `'${m}'`).join(' | ')}, received '${String(model)}'`,
      { param: 'model' },
    );
  }
  const url = body.url;
  if (url !== undefined && url !== null && upload !== null) {
    throw new HarkError('VALIDATION_FAILED', 'send either url or a file, not both', { param: 'url' });
  }
  if ((url === undefined || url === null || url === '') && upload === null) {
    throw new HarkError('AUDIO_SOURCE_MISSING', 'One of url or file is required');
  }
  if (upload === null && (typeof url !== 'string' || !/^https?:\/\//i.test(url))) {
    throw new HarkError('VALIDATION_FAILED', 'url: Invalid url (it must start with http:// or https://)', { param: 'url' });
  }
  const options = parseTranscriptOptions(body, { coerceStrings: fromMultipart });
  checkModel(deps.router, { name: model, param: 'model' }, options);
  if (upload !== null) {
    return submitJob(deps, owner, { kind: 'file', path: upload.path }, deps.uploads.urlOf(deps.publicUrl(), upload.id), model, options);
  }
  const source = await sourceForUrl(deps.uploads, owner, url as string, deps.publicUrl());
  return submitJob(deps, owner, source, url as string, model, options);
}

/** A multipart form as a request body: text fields by name (repeated ones as lists), the audio (`audio` or `file`) to disk. */
async function readMultipart(request: FastifyRequest, uploads: UploadStore, maxBytes: number): Promise<{ body: Record<string, unknown>; upload: Upload | null }> {
  const { fields, upload } = await readUploadForm(request, uploads, maxBytes, ['audio', 'file']);
  const body = Object.fromEntries(Object.entries(fields).map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
  return { body, upload };
}

function generationView(job: Job, engine: EngineLabels, dialect: StatusDialect): Record<string, unknown> {
  return {
    generation_id: job.id,
    id: job.id,
    status: STATUS_WORDS[dialect][job.status],
    result: isTerminal(job.status) ? assemblyAiTranscript(job, engine) : null,
    error:
      job.status === 'error'
        ? { name: 'TranscriptionError', message: job.failure?.message ?? 'Transcription failed.' }
        : null,
  };
}
