import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HarkError } from '../domain/errors.js';
import { isDiskFull } from '../lib/disk-full.js';
import type { AddressPolicy } from '../net/address-policy.js';
import { ForbiddenAddressError, guardedRequest, InvalidUrlError } from '../net/guarded-http.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

function unableToDownload(url: string, detail: string, retryable = false, cause?: unknown): HarkError {
  return new HarkError(
    'AUDIO_FETCH_FAILED',
    `Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet. (${detail})`,
    { retryable, cause },
  );
}

/**
 * Downloads `url` into `destination`, following redirects, within the size and time limits, and only
 * to addresses the policy permits (every hop is checked). Transient failures (5xx, 429, resets,
 * timeouts) are marked retryable.
 */
export async function fetchAudio(
  url: string,
  destination: string,
  limits: FetchLimits,
  policy: AddressPolicy,
  signal?: AbortSignal,
): Promise<{ bytes: number; contentType: string | null }> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await guardedRequest(current, { method: 'GET', policy, signal: combined }).catch((error: unknown) => {
      throw describeNetworkError(url, error, timeout.aborted);
    });
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= limits.maxRedirects) throw unableToDownload(url, `more than ${limits.maxRedirects} redirects`);
      current = new URL(response.headers.location, current).toString();
      continue;
    }
    if (status >= 400 || status < 200) {
      response.resume();
      const kind = status >= 500 ? 'Server Error' : 'Client Error';
      throw new HarkError(
        'AUDIO_FETCH_FAILED',
        `Download error to ${url}, ${status} ${kind}: ${response.statusMessage ?? ''} for url: ${current}`,
        { retryable: status >= 500 || status === 429 },
      );
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (declared > limits.maxBytes) {
      response.resume();
      throw tooLarge(url, limits.maxBytes);
    }
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback(bytes > limits.maxBytes ? tooLarge(url, limits.maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(response, counter, createWriteStream(destination), { signal: combined });
    } catch (error) {
      await rm(destination, { force: true });
      // A full disk is this machine's fault, not the URL's: the job is tried again later.
      if (isDiskFull(error)) {
        throw new HarkError('DISK_FULL', `Could not store the downloaded audio: ${(error as Error).message}`, { cause: error });
      }
      throw describeNetworkError(url, error, timeout.aborted);
    }
    return { bytes, contentType: response.headers['content-type'] ?? null };
  }
}

function tooLarge(url: string, maxBytes: number): HarkError {
  return new HarkError('PAYLOAD_TOO_LARGE', `Download error, ${url} is larger than the limit of ${maxBytes} bytes.`);
}

function describeNetworkError(url: string, error: unknown, timedOut: boolean): HarkError {
  if (error instanceof HarkError) return error;
  if (error instanceof ForbiddenAddressError) {
    return new HarkError(
      'AUDIO_FETCH_FORBIDDEN',
      `Download error, unable to download ${url}: it resolves to ${error.address} (${error.range}), which this server is not allowed to reach.`,
    );
  }
  if (error instanceof InvalidUrlError) return unableToDownload(url, error.message);
  if (timedOut) return unableToDownload(url, 'timed out', true, error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return unableToDownload(url, (error as Error).message, RETRYABLE_NETWORK_CODES.has(code), error);
}
