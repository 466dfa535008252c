import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHarkError } from '../../domain/errors.js';

/**
 * AssemblyAI's `{"error": "<message>"}` body, with its documented wording where one exists. An unknown
 * transcript id is a 400 there (what clients have observed), not the catalog's 404.
 */
export function sendAssemblyAiError(request: FastifyRequest, reply: FastifyReply, thrown: unknown): FastifyReply {
  const error = toHarkError(thrown);
  if (error.status >= 500) request.log.error({ err: thrown }, 'request failed');
  const message =
    error.code === 'AUTH_INVALID'
      ? 'Authentication error, API token missing/invalid'
      : error.code === 'JOB_NOT_FOUND'
        ? 'Transcript lookup error, transcript id not found'
        : error.code === 'ROUTE_NOT_FOUND'
          ? 'Not found'
          : error.status >= 500
            ? 'Server error, developers have been alerted.'
            : error.message;
  return reply.status(error.code === 'JOB_NOT_FOUND' ? 400 : error.status).send({ error: message });
}
