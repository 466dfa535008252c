import type { FastifyReply, FastifyRequest } from 'fastify';
import { toHarkError, type HarkError } from '../../domain/errors.js';

/** What ffmpeg can read and OpenAI's error text lists. */
const SUPPORTED_FORMATS = "['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']";

interface OpenAiError {
  status: number;
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

function describe(error: HarkError, request: FastifyRequest): OpenAiError {
  const base = { status: error.status, message: error.message, type: 'invalid_request_error', param: error.param ?? null, code: null };
  switch (error.code) {
    case 'AUTH_INVALID': {
      const key = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim();
      return key === ''
        ? { ...base, message: "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)." }
        : { ...base, message: `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}.`, code: 'invalid_api_key' };
    }
    case 'MODEL_UNKNOWN':
      return { ...base, status: 404, code: 'model_not_found' };
    case 'AUDIO_NOT_AUDIO':
    case 'AUDIO_DECODE_FAILED':
      return { ...base, status: 400, message: `Invalid file format. Supported formats: ${SUPPORTED_FORMATS}`, param: 'file' };
    case 'AUDIO_TOO_SHORT':
      return { ...base, status: 400, message: 'Audio file is too short. Minimum audio length is 0.16 seconds.', param: 'file' };
    case 'AUDIO_TOO_LONG':
      return { ...base, status: 400, param: 'file' };
    default:
      return error.status >= 500 ? { ...base, type: 'server_error', message: error.status === 504 ? error.message : 'The server had an error while processing your request.' } : base;
  }
}

/** OpenAI's `{"error": {message, type, param, code}}` body. */
export function sendOpenAiError(request: FastifyRequest, reply: FastifyReply, thrown: unknown): FastifyReply {
  const error = toHarkError(thrown);
  if (error.status >= 500 && error.code !== 'SYNC_TIMEOUT') request.log.error({ err: thrown }, 'request failed');
  const { status, ...body } = describe(error, request);
  return reply.status(status).send({ error: body });
}
