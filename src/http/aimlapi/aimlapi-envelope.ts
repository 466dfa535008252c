import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHarkError, type HarkError } from '../../domain/errors.js';

const AUTH_MESSAGE =
  'This request requires a valid API key. You can create a new API key on the Billing page: https://aimlapi.com/app/keys';

/** The AI/ML API's error message for each kind of failure. */
function messageFor(error: HarkError): string {
  switch (error.code) {
    case 'AUTH_INVALID':
      return AUTH_MESSAGE;
    case 'VALIDATION_FAILED':
    case 'MODEL_UNKNOWN':
    case 'OPTION_UNSUPPORTED':
      return `Body validation error: ${error.message}`;
    case 'AUDIO_SOURCE_MISSING':
      return `Invalid payload provided: ${error.message}`;
    case 'JOB_NOT_FOUND':
      return 'Generation not found';
    default:
      if (error.status === 503) return 'Service unavailable';
      return error.status >= 500 ? 'Internal server error' : error.message;
  }
}

/** Sends the AI/ML API error envelope `{message, path, requestId, statusCode, timestamp}`. */
export function sendAimlapiError(request: FastifyRequest, reply: FastifyReply, thrown: unknown): FastifyReply {
  const error = toHarkError(thrown);
  if (error.status >= 500) request.log.error({ err: thrown }, 'request failed');
  return reply.status(error.status).send({
    message: messageFor(error),
    path: request.url.split('?')[0],
    requestId: randomUUID(),
    statusCode: error.status,
    timestamp: new Date().toISOString(),
  });
}
