import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { HarkError, toHarkError } from '../domain/errors.js';
import { aimlapiRoutes, type AimlapiRoutesDeps } from './aimlapi/aimlapi-routes.js';
import { sendAssemblyAiError } from './assemblyai/assemblyai-errors.js';
import { exportRoutes } from './assemblyai/export-routes.js';
import { transcriptRoutes, type TranscriptRoutesDeps } from './assemblyai/transcript-routes.js';
import { requireApiKey } from './auth.js';
import { openAiRoutes, type OpenAiRoutesDeps } from './openai/openai-routes.js';
import { redactedAudioRoutes } from './redacted-audio-routes.js';

export interface HttpAppDeps extends AimlapiRoutesDeps, OpenAiRoutesDeps, TranscriptRoutesDeps {
  logger: FastifyBaseLogger;
}

/**
 * Builds the HTTP API (without listening). Each API surface is an encapsulated plugin with its own
 * auth hook and error format: AI/ML API at `/v1/stt`, AssemblyAI at `/v2`, OpenAI at `/v1`; redacted
 * audio files, reached by capability URL, at `/redacted-audio` without auth. What no surface claims
 * gets AssemblyAI's `{"error": "Not found"}`.
 */
export async function createHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: 1024 * 1024, // JSON bodies only carry options; audio comes as multipart, raw upload or URL.
    // Per-request lines would be mostly status polls; jobs log their own lifecycle.
    logController: new LogController({ disableRequestLogging: true }),
  });
  // The AssemblyAI SDK sends `Content-Type: application/json` on bodiless requests (DELETE): an empty
  // JSON body means "no body" rather than a 400.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(new HarkError('VALIDATION_FAILED', 'the request body is not valid JSON'), undefined);
    }
  });
  await app.register(multipart, {
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 200 },
    throwFileSizeLimit: false, // uploads.ts turns truncation into a 413 in each surface's format
  });

  app.get('/health', async () => ({ status: 'ok' }));
  await app.register(async (scope) => aimlapiRoutes(scope, deps), { prefix: '/v1/stt' });
  await app.register(async (scope) => openAiRoutes(scope, deps), { prefix: '/v1' });
  await app.register(
    async (scope) => {
      scope.setErrorHandler((error, request, reply) => sendAssemblyAiError(request, reply, error));
      scope.setNotFoundHandler((request, reply) => sendAssemblyAiError(request, reply, new HarkError('ROUTE_NOT_FOUND', 'Not found')));
      scope.addHook('onRequest', requireApiKey(deps.auth));
      await transcriptRoutes(scope, deps);
      await scope.register(async (exportsScope) => exportRoutes(exportsScope, deps), { prefix: '/transcript' });
    },
    { prefix: '/v2' },
  );
  await app.register(async (scope) => redactedAudioRoutes(scope, deps.redactedAudio), { prefix: '/redacted-audio' });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not found' }));
  app.setErrorHandler((thrown, request, reply) => sendAssemblyAiError(request, reply, toHarkError(thrown)));
  return app;
}
