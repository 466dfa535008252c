import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Transform } from 'node:stream';
import type { RedactedAudioFiles } from '../../audio/redacted-audio-files.js';
import { HarkError } from '../../domain/errors.js';
import { isTerminal, type Job, type JobStatus } from '../../domain/job.js';
import { ASSEMBLYAI_SPEECH_MODELS } from '../../domain/models.js';
import { parseTranscriptOptions } from '../../domain/options.js';
import type { JobStore, ListQuery } from '../../store/job-store.js';
import { sourceForUrl, submitJob, type JobSubmissionDeps } from '../job-submission.js';
import { chooseModel } from '../model-choice.js';
import { assemblyAiTranscript } from '../transcript-view.js';
import type { UploadStore } from '../uploads.js';

export interface TranscriptRoutesDeps extends JobSubmissionDeps {
  store: JobStore;
  uploads: UploadStore;
  redactedAudio: RedactedAudioFiles;
  maxUploadBytes: number;
  publicUrl: () => string;
}

const STATUSES: readonly JobStatus[] = ['queued', 'processing', 'completed', 'error'];

/** AssemblyAI v2 upload and transcript resources, mounted at `/v2`. */
export async function transcriptRoutes(app: FastifyInstance, deps: TranscriptRoutesDeps): Promise<void> {
  // Uploads arrive as raw bytes of any type (the SDK sends application/octet-stream): leave the body
  // unread so the handler can stream it to disk.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.post('/upload', async (request) => {
    let bytes = 0;
    let truncated = false;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > deps.maxUploadBytes) {
          truncated = true;
          return callback();
        }
        callback(null, chunk);
      },
    });
    const upload = await deps.uploads.save(request.owner, request.raw.pipe(limiter), () => truncated, deps.maxUploadBytes);
    return { upload_url: deps.uploads.urlOf(deps.publicUrl(), upload.id) };
  });

  app.post('/transcript', async (request) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HarkError('VALIDATION_FAILED', 'Transcript creation error, the request body must be a JSON object');
    }
    const params = body as Record<string, unknown>;
    const audioUrl = params.audio_url;
    if (typeof audioUrl !== 'string' || !/^https?:\/\//i.test(audioUrl) || !URL.canParse(audioUrl)) {
      throw new HarkError('VALIDATION_FAILED', 'Transcript creation error, audio_url should start with http', { param: 'audio_url' });
    }
    const requested = requestedSpeechModels(params);
    const options = parseTranscriptOptions(params, { coerceStrings: false });
    const model = chooseModel(deps.router, requested.names, requested.param, options);
    const source = await sourceForUrl(deps.uploads, request.owner, audioUrl, deps.publicUrl());
    const job = await submitJob(deps, request.owner, source, audioUrl, model, options);
    return assemblyAiTranscript(job, deps.router.labelsFor(job.model));
  });

  app.get<{ Params: { id: string } }>('/transcript/:id', async (request) => {
    const job = await findJob(deps.store, request);
    return assemblyAiTranscript(job, deps.router.labelsFor(job.model));
  });

  app.delete<{ Params: { id: string } }>('/transcript/:id', async (request) => {
    const job = await findJob(deps.store, request);
    if (!isTerminal(job.status)) {
      throw new HarkError('JOB_NOT_READY', `Transcript cannot be deleted while it is ${job.status}`);
    }
    const deleted = (await deps.store.markDeleted(job.id, request.owner)) as Job;
    if (job.source.kind === 'file') await deps.uploads.removeFile(job.source.path);
    await deps.redactedAudio.remove(job.id);
    return assemblyAiTranscript(deleted, deps.router.labelsFor(deleted.model));
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/transcript', async (request) => {
    const query = await listQuery(deps.store, request.owner, request.query);
    const page = request.query.throttled_only === 'true' ? { jobs: [], hasOlder: false, hasNewer: false } : await deps.store.list(request.owner, query);
    const base = `${deps.publicUrl()}/v2/transcript`;
    const link = (cursor: Record<string, string>): string => {
      const search = new URLSearchParams({ limit: String(query.limit) });
      if (query.status) search.set('status', query.status);
      if (query.createdOn) search.set('created_on', query.createdOn);
      for (const [key, value] of Object.entries(cursor)) search.set(key, value);
      return `${base}?${search.toString()}`;
    };
    const newest = page.jobs[0];
    const oldest = page.jobs.at(-1);
    return {
      page_details: {
        limit: query.limit,
        result_count: page.jobs.length,
        current_url: `${deps.publicUrl()}${request.url}`,
        prev_url: page.hasOlder && oldest ? link({ before_id: oldest.id }) : null,
        next_url: page.hasNewer && newest ? link({ after_id: newest.id }) : null,
      },
      transcripts: page.jobs.map((job) => ({
        id: job.id,
        resource_url: `${base}/${job.id}`,
        status: job.status,
        created: isoWithoutZone(job.createdAt),
        completed: job.completedAt ? isoWithoutZone(job.completedAt) : null,
        audio_url: job.deletedAt ? 'http://deleted_by_user' : job.audioUrl,
        error: job.failure?.message ?? null,
      })),
    };
  });
}

export async function findJob(store: JobStore, request: FastifyRequest<{ Params: { id: string } }>): Promise<Job> {
  const job = await store.get(request.params.id, request.owner);
  if (job === null) throw new HarkError('JOB_NOT_FOUND', 'Transcript lookup error, transcript id not found');
  return job;
}

/** AssemblyAI list timestamps: ISO 8601 without a zone. */
function isoWithoutZone(date: Date): string {
  return date.toISOString().replace(/Z$/, '');
}

/**
 * The models a request names, in priority order: `speech_models` (the current list) over `speech_model`
 * (deprecated, one name); each must be a known model. An empty list: none named.
 */
function requestedSpeechModels(params: Record<string, unknown>): { names: string[]; param: string } {
  const requested: unknown[] = [];
  if (params.speech_model !== undefined && params.speech_model !== null) requested.push(params.speech_model);
  if (params.speech_models !== undefined && params.speech_models !== null) {
    if (!Array.isArray(params.speech_models)) {
      throw new HarkError('VALIDATION_FAILED', 'speech_models must be an Array of Strings', { param: 'speech_models' });
    }
    requested.push(...params.speech_models);
  }
  for (const model of requested) {
    if (typeof model !== 'string' || !ASSEMBLYAI_SPEECH_MODELS.includes(model)) {
      throw new HarkError('MODEL_UNKNOWN', `speech_model '${String(model)}' is not available; use one of: ${ASSEMBLYAI_SPEECH_MODELS.join(', ')}`, { param: 'speech_model' });
    }
  }
  const list = params.speech_models as string[] | null | undefined;
  return list !== undefined && list !== null && list.length > 0
    ? { names: list, param: 'speech_models' }
    : { names: requested as string[], param: 'speech_model' };
}

async function listQuery(store: JobStore, owner: string, raw: Record<string, string | undefined>): Promise<ListQuery> {
  const limit = raw.limit === undefined ? 10 : Number(raw.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new HarkError('VALIDATION_FAILED', 'limit must be an integer between 1 and 200', { param: 'limit' });
  }
  const query: ListQuery = { limit };
  if (raw.status !== undefined) {
    if (!STATUSES.includes(raw.status as JobStatus)) {
      throw new HarkError('VALIDATION_FAILED', `status must be one of: ${STATUSES.join(', ')}`, { param: 'status' });
    }
    query.status = raw.status as JobStatus;
  }
  if (raw.created_on !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw.created_on) || Number.isNaN(Date.parse(raw.created_on))) {
      throw new HarkError('VALIDATION_FAILED', 'created_on must be a date (YYYY-MM-DD)', { param: 'created_on' });
    }
    query.createdOn = raw.created_on;
  }
  if (raw.before_id !== undefined) query.beforeId = raw.before_id;
  if (raw.after_id !== undefined) query.afterId = raw.after_id;
  if (query.beforeId && query.afterId) {
    const [before, after] = await Promise.all([store.get(query.beforeId, owner), store.get(query.afterId, owner)]);
    if (before && after && after.createdAt >= before.createdAt) {
      throw new HarkError('VALIDATION_FAILED', "'after_id' must be a newer transcript than 'before_id'");
    }
  }
  return query;
}
