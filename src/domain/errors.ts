import { isDiskFull } from '../lib/disk-full.js';

/**
 * The one error catalog. Every failure Hark reports — an HTTP 4xx, a job that ends in `error`, a
 * CLI message — carries one of these codes. `status` is the HTTP status when the error answers a
 * request; `retryable` tells the worker whether a job that hit it should be tried again later.
 * Codes are never reused for a different meaning.
 */
export const ERROR_CATALOG = {
  AUTH_INVALID: { status: 401, retryable: false },
  VALIDATION_FAILED: { status: 400, retryable: false },
  AUDIO_SOURCE_MISSING: { status: 400, retryable: false },
  MODEL_UNKNOWN: { status: 400, retryable: false },
  /** A known API model name routed (HARK_MODEL_MAP) to a model this machine does not have. */
  MODEL_NOT_INSTALLED: { status: 400, retryable: false },
  OPTION_UNSUPPORTED: { status: 400, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false },
  JOB_NOT_FOUND: { status: 404, retryable: false },
  JOB_NOT_READY: { status: 400, retryable: false },
  UPLOAD_FORBIDDEN: { status: 403, retryable: false },
  SYNC_TIMEOUT: { status: 504, retryable: false },
  ROUTE_NOT_FOUND: { status: 404, retryable: false },
  AUDIO_FETCH_FAILED: { status: 400, retryable: false },
  AUDIO_FETCH_FORBIDDEN: { status: 400, retryable: false },
  AUDIO_NOT_AUDIO: { status: 400, retryable: false },
  AUDIO_TOO_SHORT: { status: 400, retryable: false },
  AUDIO_TOO_LONG: { status: 400, retryable: false },
  AUDIO_DECODE_FAILED: { status: 400, retryable: false },
  /** language_detection was less sure than the request's language_confidence_threshold. */
  LANGUAGE_CONFIDENCE_LOW: { status: 400, retryable: false },
  ENGINE_FAILED: { status: 500, retryable: true },
  /**
   * Something Hark writes (an upload, a download, the decoded audio, the job database) did not fit on
   * the disk: the machine's fault, worth a retry, so a request that meets it is told the service is
   * unavailable.
   */
  DISK_FULL: { status: 503, retryable: true },
  TEXT_STAGE_FAILED: { status: 500, retryable: false },
  DIARIZATION_FAILED: { status: 500, retryable: false },
  AUDIO_REDACTION_FAILED: { status: 500, retryable: false },
  JOB_ATTEMPTS_EXHAUSTED: { status: 500, retryable: false },
  INTERNAL: { status: 500, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface HarkErrorOptions {
  /** Overrides the catalog's retryability for this occurrence (a 503 from an audio host is worth a retry, a 404 is not). */
  retryable?: boolean;
  /** The request parameter at fault, when there is one (OpenAI error bodies carry it). */
  param?: string;
  cause?: unknown;
}

export class HarkError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retryable: boolean;
  readonly param: string | undefined;

  constructor(code: ErrorCode, message: string, options: HarkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HarkError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.retryable = options.retryable ?? ERROR_CATALOG[code].retryable;
    this.param = options.param;
  }
}

/** Turns anything thrown into a HarkError, keeping the original as `cause`. */
export function toHarkError(thrown: unknown): HarkError {
  if (thrown instanceof HarkError) return thrown;
  const framework = fromHttpFrameworkError(thrown);
  if (framework) return framework;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  if (isDiskFull(thrown)) return new HarkError('DISK_FULL', `The server's disk is full: ${message}`, { cause: thrown });
  return new HarkError('INTERNAL', message, { cause: thrown });
}

/**
 * Errors the HTTP framework raises before a handler runs (malformed JSON, body too large, wrong
 * content type) carry a 4xx `statusCode`; map them onto the catalog so every surface formats them.
 */
function fromHttpFrameworkError(thrown: unknown): HarkError | null {
  const status = (thrown as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  const message = (thrown as Error).message;
  const code: ErrorCode =
    status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
  return new HarkError(code, message, { cause: thrown });
}
