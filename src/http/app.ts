import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { toHarkError } from '../domain/errors.js';
import { aimlapiRoutes, type AimlapiRoutesDeps } from './aimlapi/aimlapi-routes.js';

export interface HttpAppDeps extends AimlapiRoutesDeps {
  logger: FastifyBaseLogger;
}

/**
 * Builds the HTTP API (without listening). Each API surface is a plugin with its own auth hook and
 * error format; what no surface claims gets AssemblyAI's `{"error": "Not found"}`.
 */
export async function createHttpApp(deps: HttpAppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger,
    bodyLimit: 1024 * 1024, // JSON bodies only carry options; audio comes as multipart or a URL.
    // Per-request lines would be mostly status polls; jobs log their own lifecycle.
    logController: new LogController({ disableRequestLogging: true }),
  });
  await app.register(multipart, {
    limits: { fileSize: deps.maxUploadBytes, files: 2, fields: 200 },
    throwFileSizeLimit: false, // uploads.ts turns truncation into a 413 in each surface's format
  });

  app.get('/health', async () => ({ status: 'ok' }));
  await app.register(async (scope) => aimlapiRoutes(scope, deps), { prefix: '/v1/stt' });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not found' }));
  app.setErrorHandler((thrown, request, reply) => {
    const error = toHarkError(thrown);
    if (error.status >= 500) request.log.error({ err: thrown }, 'request failed');
    return reply.status(error.status).send({ error: error.status >= 500 ? 'Server error' : error.message });
  });
  return app;
}
