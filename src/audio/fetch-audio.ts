import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HarkError } from '../domain/errors.js';
import type { AddressPolicy } from './address-policy.js';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

function unableToDownload(url: string, detail: string, retryable = false, cause?: unknown): HarkError {
  return new HarkError(
    'AUDIO_FETCH_FAILED',
    `Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet. (${detail})`,
    { retryable, cause },
  );
}

/**
 * Downloads `url` into `destination`, following redirects, within the size and time limits, and only
 * to addresses the policy permits (checked on the resolved IP of every hop, so DNS cannot sneak a
 * private address past it). Transient failures (5xx, resets, timeouts) are marked retryable.
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
    const response = await request(current, policy, combined).catch((error: unknown) => {
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
      if (error instanceof HarkError) throw error;
      throw describeNetworkError(url, error, timeout.aborted);
    }
    const contentType = response.headers['content-type'] ?? null;
    return { bytes, contentType };
  }
}

function tooLarge(url: string, maxBytes: number): HarkError {
  return new HarkError('PAYLOAD_TOO_LARGE', `Download error, ${url} is larger than the limit of ${maxBytes} bytes.`);
}

function describeNetworkError(url: string, error: unknown, timedOut: boolean): HarkError {
  if (error instanceof HarkError) return error;
  if (timedOut) return unableToDownload(url, 'timed out', true, error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = (error as Error).message;
  return unableToDownload(url, message, RETRYABLE_NETWORK_CODES.has(code), error);
}

function request(url: string, policy: AddressPolicy, signal: AbortSignal): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(unableToDownload(url, 'not a valid URL'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(unableToDownload(url, 'only http and https URLs can be fetched'));
  }
  // Node connects to IP literals without calling `lookup`, so judge them here.
  const literal = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0) {
    const range = policy.forbiddenRange(literal);
    if (range !== null) return Promise.reject(forbidden(url, literal, range));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(parsed, { lookup: guardedLookup(url, policy), signal, headers: { 'user-agent': 'Hark' } }, resolve);
    req.on('error', reject);
  });
}

function forbidden(url: string, address: string, range: string): HarkError {
  return new HarkError(
    'AUDIO_FETCH_FORBIDDEN',
    `Download error, unable to download ${url}: it resolves to ${address} (${range}), which this server is not allowed to reach.`,
  );
}

/** A dns.lookup that refuses to hand out addresses the policy forbids. */
function guardedLookup(url: string, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const permitted = addresses.filter((entry) => policy.forbiddenRange(entry.address) === null);
      const first = addresses[0];
      if (permitted.length === 0 || first === undefined) {
        const address = first?.address ?? hostname;
        return callback(forbidden(url, address, policy.forbiddenRange(address) ?? 'unknown'), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, permitted);
      const chosen = permitted[0] as LookupAddress;
      callback(null, chosen.address, chosen.family);
    });
  };
}
