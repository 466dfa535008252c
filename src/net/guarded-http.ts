import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

/** The URL resolves to an address the policy forbids (loopback, private, metadata, …). */
export class ForbiddenAddressError extends Error {
  readonly address: string;
  readonly range: string;
  constructor(address: string, range: string) {
    super(`${address} (${range}) is not an address this server may reach`);
    this.name = 'ForbiddenAddressError';
    this.address = address;
    this.range = range;
  }
}

export class InvalidUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidUrlError';
  }
}

export interface GuardedRequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  policy: AddressPolicy;
  signal: AbortSignal;
}

/**
 * One HTTP(S) request that may only connect to addresses the policy permits. The check runs on the
 * resolved IP (inside DNS lookup) so a hostname cannot smuggle a private address past it; IP literals
 * are checked up front because Node connects to them without a lookup. Redirects are not followed:
 * callers decide, and every hop goes through here again.
 */
export function guardedRequest(url: string, options: GuardedRequestOptions): Promise<http.IncomingMessage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return Promise.reject(new InvalidUrlError('not a valid URL'));
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new InvalidUrlError('only http and https URLs can be fetched'));
  }
  const literal = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) !== 0) {
    const range = options.policy.forbiddenRange(literal);
    if (range !== null) return Promise.reject(new ForbiddenAddressError(literal, range));
  }
  const client = parsed.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      parsed,
      {
        method: options.method,
        lookup: guardedLookup(options.policy),
        signal: options.signal,
        headers: { 'user-agent': 'Hark', ...options.headers },
      },
      resolve,
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A dns.lookup that refuses to hand out addresses the policy forbids. */
function guardedLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const permitted = addresses.filter((entry) => policy.forbiddenRange(entry.address) === null);
      const chosen = permitted[0];
      if (chosen === undefined) {
        const address = addresses[0]?.address ?? hostname;
        return callback(new ForbiddenAddressError(address, policy.forbiddenRange(address) ?? 'unknown'), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, permitted);
      callback(null, chosen.address, chosen.family);
    });
  };
}
