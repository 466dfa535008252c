import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HarkError } from '../domain/errors.js';

/**
 * API-key checks. Clients send `Authorization: Bearer <key>` (AI/ML API, OpenAI) or the bare key
 * (AssemblyAI SDKs); both are accepted on every surface. A job belongs to the key that created it,
 * identified by a hash so keys never reach the database.
 */
export class ApiKeyAuth {
  readonly #keys: Buffer[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('at least one API key is required');
    this.#keys = keys.map((key) => Buffer.from(key));
  }

  /** The owner id for a valid Authorization header, or null. */
  ownerOf(header: string | undefined): string | null {
    if (header === undefined) return null;
    const key = header.trim().replace(/^Bearer\s+/i, '').trim();
    if (key === '') return null;
    const candidate = Buffer.from(key);
    const valid = this.#keys.some(
      (known) => known.length === candidate.length && timingSafeEqual(known, candidate),
    );
    return valid ? ownerId(key) : null;
  }
}

export function ownerId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The owner id of the request's API key, set by `requireApiKey`. */
    owner: string;
  }
}

/** An onRequest hook that admits requests with a valid key and records their owner. */
export function requireApiKey(auth: ApiKeyAuth) {
  return async function checkApiKey(request: FastifyRequest): Promise<void> {
    const owner = auth.ownerOf(request.headers.authorization);
    if (owner === null) throw new HarkError('AUTH_INVALID', 'invalid API key');
    request.owner = owner;
  };
}
