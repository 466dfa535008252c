import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RedactedAudioFiles } from '../../audio/redacted-audio-files.js';
import { HarkError } from '../../domain/errors.js';
import type { Job } from '../../domain/job.js';
import type { TranscriptResult } from '../../domain/transcript.js';
import { paragraphsOf, sentencesOf } from '../../exports/sentences.js';
import { renderSubtitles, type SubtitleFormat } from '../../exports/subtitles.js';
import { searchWords } from '../../exports/word-search.js';
import type { JobStore } from '../../store/job-store.js';
import { findJob } from './transcript-routes.js';

type IdRequest = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>;

/** The transcript's result, or 400 while it is not (or no longer) available. */
async function completedResult(store: JobStore, request: IdRequest): Promise<{ job: Job; result: TranscriptResult }> {
  const job = await findJob(store, request);
  if (job.deletedAt !== null) throw new HarkError('JOB_NOT_READY', 'Transcript has been deleted');
  if (job.status !== 'completed' || job.result === null) {
    throw new HarkError('JOB_NOT_READY', `Transcript is not completed (status: ${job.status})`);
  }
  return { job, result: job.result };
}

export interface ExportRoutesDeps {
  store: JobStore;
  redactedAudio: RedactedAudioFiles;
  publicUrl: () => string;
}

/** AssemblyAI's views of a completed transcript, mounted at `/v2/transcript`. */
export async function exportRoutes(app: FastifyInstance, deps: ExportRoutesDeps): Promise<void> {
  const store = deps.store;
  app.get('/:id/sentences', async (request: IdRequest) => {
    const { job, result } = await completedResult(store, request);
    return { id: job.id, confidence: result.confidence, audio_duration: Math.round(result.audioDurationSeconds), sentences: sentencesOf(result.words) };
  });

  app.get('/:id/paragraphs', async (request: IdRequest) => {
    const { job, result } = await completedResult(store, request);
    const paragraphs = paragraphsOf(result.words).map(({ speaker: _speaker, ...paragraph }) => paragraph);
    return { id: job.id, confidence: result.confidence, audio_duration: Math.round(result.audioDurationSeconds), paragraphs };
  });

  for (const format of ['srt', 'vtt'] as const satisfies readonly SubtitleFormat[]) {
    app.get(`/:id/${format}`, async (request: IdRequest, reply) => {
      const { result } = await completedResult(store, request);
      const raw = request.query.chars_per_caption;
      const chars = raw === undefined ? undefined : Number(raw);
      if (chars !== undefined && (!Number.isInteger(chars) || chars < 1)) {
        throw new HarkError('VALIDATION_FAILED', 'chars_per_caption must be a positive integer', { param: 'chars_per_caption' });
      }
      return reply.type('text/plain; charset=utf-8').send(renderSubtitles(result.words, format, chars));
    });
  }

  app.get('/:id/word-search', async (request: IdRequest) => {
    const { job, result } = await completedResult(store, request);
    const terms = (request.query.words ?? '').split(',').map((term) => term.trim()).filter((term) => term !== '');
    if (terms.length === 0) throw new HarkError('VALIDATION_FAILED', 'words is required: a comma-separated list of words or phrases', { param: 'words' });
    const tooLong = terms.find((term) => term.split(/\s+/).length > 5);
    if (tooLong) throw new HarkError('VALIDATION_FAILED', `'${tooLong}' has more than 5 words`, { param: 'words' });
    const matches = searchWords(result.words, terms);
    return { id: job.id, total_count: matches.reduce((sum, match) => sum + match.count, 0), matches };
  });

  app.get('/:id/redacted-audio', async (request: IdRequest) => {
    const { job, result } = await completedResult(store, request);
    if (result.redactedAudio === undefined) {
      throw new HarkError('JOB_NOT_READY', 'Redacted audio is only available for transcripts requested with redact_pii_audio');
    }
    return { status: 'redacted_audio_ready', redacted_audio_url: deps.redactedAudio.urlOf(deps.publicUrl(), job.id, result.redactedAudio) };
  });
}
